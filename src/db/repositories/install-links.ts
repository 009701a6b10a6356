import type { Database } from '../client';

export interface InstallLinkRow {
  id: string;
  account: string;
  returnUrl: string | null;
  expiresAt: Date;
}

export async function createInstallLink(db: Database, link: InstallLinkRow): Promise<void> {
  await db.installLink.create({ data: link });
}

// Whatever became of it: a retried request for a link is answered with the same link.
export function findInstallLink(db: Database, id: string): Promise<InstallLinkRow | null> {
  return db.installLink.findUnique({ where: { id }, select: { id: true, account: true, returnUrl: true, expiresAt: true } });
}

// A link is good until it expires or an install through it completes.
export function findOpenInstallLink(db: Database, id: string, now: Date): Promise<InstallLinkRow | null> {
  return db.installLink.findFirst({
    where: { id, installedAt: null, expiresAt: { gt: now } },
    select: { id: true, account: true, returnUrl: true, expiresAt: true },
  });
}

export async function addOAuthState(db: Database, state: { id: string; linkId: string; expiresAt: Date }): Promise<void> {
  await db.oAuthState.create({ data: state });
}

// Single use: the first callback with this state takes it; a replay finds nothing. The link stays open
// until the install completes, so an installer whose exchange failed can open it again.
export async function takeOAuthState(db: Database, id: string, now: Date): Promise<InstallLinkRow | null> {
  const rows = await db.$queryRaw<InstallLinkRow[]>`
    WITH state AS (
      UPDATE "OAuthState" SET "usedAt" = ${now} WHERE id = ${id} AND "usedAt" IS NULL AND "expiresAt" > ${now} RETURNING "linkId"
    )
    SELECT l.id, l.account, l."returnUrl", l."expiresAt" FROM "InstallLink" l JOIN state ON l.id = state."linkId"
    WHERE l."installedAt" IS NULL AND l."expiresAt" > ${now}`;
  return rows[0] ?? null;
}

export async function markLinkInstalled(db: Database, id: string): Promise<void> {
  await db.installLink.update({ where: { id }, data: { installedAt: new Date() } });
}
