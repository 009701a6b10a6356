import { Prisma } from '../../src/generated/prisma/client';

// An error shaped as Prisma 7 throws it when PostgreSQL refuses a statement through the driver adapter.
export function postgresError(code: string, sqlState: string, message: string): Prisma.PrismaClientKnownRequestError {
  const cause = { originalCode: sqlState, originalMessage: message, kind: 'postgres', code: sqlState, message };
  return new Prisma.PrismaClientKnownRequestError(`Database error. Code: \`${sqlState}\`. Message: \`${message}\``, {
    code,
    clientVersion: Prisma.prismaVersion.client,
    meta: { modelName: 'Conversation', driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}
