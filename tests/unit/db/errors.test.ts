import { dataErrorReason } from '../../../src/db/errors';
import { Prisma } from '../../../src/generated/prisma/client';
import { postgresError as fromPostgres } from '../../helpers/database-errors';

describe('dataErrorReason', () => {
  it.each([
    ['a NUL in text', 'P2039', '22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['a NUL in JSON', 'P2039', '22P05', 'unsupported Unicode escape sequence'],
    ['a value too long', 'P2039', '22001', 'value too long for type character varying(255)'],
    ['input that is not a uuid', 'P2007', '22P02', 'invalid input syntax for type uuid: "x"'],
    ['a number out of range', 'P2010', '22003', 'integer out of range'],
  ])('gives PostgreSQL’s reason for %s', (_what, code, sqlState, message) => {
    expect(dataErrorReason(fromPostgres(code, sqlState, message))).toBe(message);
  });

  it('recognises the data errors Prisma finds before PostgreSQL does, without quoting Prisma', () => {
    const err = new Prisma.PrismaClientKnownRequestError('Invalid `prisma.message.create()` invocation in src/…', { code: 'P2000', clientVersion: Prisma.prismaVersion.client });
    expect(dataErrorReason(err)).toBe('a value does not fit the field it is stored in');
  });

  it.each([
    ['a unique constraint', fromPostgres('P2002', '23505', 'duplicate key value violates unique constraint')],
    ['a lost connection', fromPostgres('P1017', '08006', 'connection failure')],
    ['a Prisma error of another kind', new Prisma.PrismaClientKnownRequestError('Transaction already closed', { code: 'P2028', clientVersion: Prisma.prismaVersion.client })],
    ['an error that is not from the database', new Error('invalid byte sequence')],
    ['something thrown that is not an error', '22021'],
  ])('leaves %s alone', (_what, err) => {
    expect(dataErrorReason(err)).toBeNull();
  });
});
