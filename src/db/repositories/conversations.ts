import type {
  ChannelType,
  ConversationSnapshot,
  ConversationState,
  Customer,
  TranscriptLine,
} from '../../domain/conversation';
import type { Transition } from '../../domain/transitions';
import { Prisma, type Conversation } from '../../generated/prisma/client';
import type { Database } from '../client';
import { queryRows } from '../statements';
import type { Tx } from '../transaction';
import { SHOWN_STALE } from './suggestions';
import { SETTINGS_OF_W, settingsOf, type StoredSettings, type WorkspaceSettings } from './tenancy';
import type { ThreadPostRow } from './thread-posts';

const RECENT_LINES = 5;

export type ConversationRow = Conversation;

// A conversation's columns over `c`, named rather than `c.*` for statements that are prepared (db/statements.ts).
export const CONVERSATION_COLUMNS = Prisma.raw(Object.values(Prisma.ConversationScalarFieldEnum).map((column) => `c."${column}"`).join(', '));

export function stateOf(row: ConversationRow): ConversationState {
  return {
    status: row.status,
    priority: row.priority,
    reason: row.reason,
    assigneeId: row.assigneeId,
    tags: row.tags,
  };
}

export async function findByExternalId(tx: Tx, platformId: string, externalId: string): Promise<ConversationRow | null> {
  return tx.conversation.findUnique({ where: { platformId_externalId: { platformId, externalId } } });
}

export async function findById(db: Database | Tx, id: string): Promise<ConversationRow | null> {
  return db.conversation.findUnique({ where: { id } });
}

// The customer as the team knows them now, over a conversation aliased `c`: the record's details when the
// conversation has one, what the alerts said otherwise. The record holds the newest details (an agent's edit
// or a later alert) and every detail an alert gave, so a detail it lacks is one an agent cleared: the alert's
// own would bring it back. Every read that shows a conversation's customer selects this, in its own query.
export const SHOWN_CUSTOMER = Prisma.sql`COALESCE((
  SELECT jsonb_strip_nulls(jsonb_build_object('id', c.customer->'id', 'name', NULLIF(k.name, ''), 'email', NULLIF(k.email, ''),
    'phone', NULLIF(k.phone, ''), 'avatarUrl', NULLIF(k."avatarUrl", '')))
  FROM "Customer" k WHERE k.id = c."customerId"
), c.customer)`;

// A conversation with its customer as shown (SHOWN_CUSTOMER) in place of what the alerts said, in one query.
export async function findShownById(db: Database | Tx, id: string, workspaceId?: string): Promise<ConversationRow | null> {
  const rows = await db.$queryRaw<(ConversationRow & { shownCustomer: Prisma.JsonValue })[]>`
    SELECT c.*, ${SHOWN_CUSTOMER} AS "shownCustomer" FROM "Conversation" c
    WHERE c.id = ${id}::uuid ${workspaceId === undefined ? Prisma.empty : Prisma.sql`AND c."workspaceId" = ${workspaceId}::uuid`}`;
  const found = rows[0];
  if (!found) return null;
  const { shownCustomer, ...row } = found;
  return { ...row, customer: shownCustomer as Prisma.JsonValue };
}

export async function findByThread(
  db: Database | Tx,
  workspaceId: string,
  slackChannelId: string,
  slackThreadTs: string,
): Promise<ConversationRow | null> {
  return db.conversation.findFirst({ where: { workspaceId, slackChannelId, slackThreadTs } });
}

// Writes a transition only if nobody else moved the conversation since it was read; returns false if they did.
export async function applyTransition(
  tx: Tx,
  row: ConversationRow,
  t: Transition,
  details: Prisma.ConversationUpdateManyMutationInput = {},
): Promise<boolean> {
  const { count } = await tx.conversation.updateMany({
    where: { id: row.id, version: row.version },
    data: {
      ...details,
      status: t.next.status,
      priority: t.next.priority,
      reason: t.next.reason,
      assigneeId: t.next.assigneeId,
      tags: t.next.tags,
      // The response-time clocks run from here (see reminders.ts).
      ...(t.next.status !== row.status && { statusChangedAt: new Date() }),
      version: { increment: 1 },
    },
  });
  if (count === 0) return false;
  await tx.conversationEvent.create({
    data: { conversationId: row.id, type: t.event.type, actorId: t.event.actorId, data: t.event.data as object },
  });
  return true;
}

interface RecordAtGlance {
  tags: string[];
  earlier: number;
  lastEarlierAt: string | null;
  newestNote: string | null;
}

type SnapshotRow = ConversationRow & {
  recent: { role: TranscriptLine['role']; text: string; at: string }[];
  ratingScore: number | null;
  record: RecordAtGlance | null;
  shownCustomer: Customer;
  suggestionsStale: boolean;
  workspaceSettings: StoredSettings;
};

// What loadSnapshot reads of the conversation `c` and its workspace `w`.
const SNAPSHOT_COLUMNS = Prisma.sql`${CONVERSATION_COLUMNS}, ${SHOWN_CUSTOMER} AS "shownCustomer", (SELECT score FROM "Rating" WHERE "conversationId" = c.id) AS "ratingScore",
  EXISTS (SELECT 1 FROM "Suggestion" WHERE "conversationId" = c.id AND ${SHOWN_STALE}) AS "suggestionsStale", COALESCE((
  SELECT jsonb_agg(jsonb_build_object('role', r.role, 'text', r.text, 'at', r.at) ORDER BY r.at, r."createdAt")
  FROM (SELECT role, text, at, "createdAt" FROM "Message" WHERE "conversationId" = c.id ORDER BY at DESC, "createdAt" DESC LIMIT ${RECENT_LINES}) r
), '[]'::jsonb) AS recent, (
  SELECT jsonb_build_object('tags', p.tags, 'earlier', e.n, 'lastEarlierAt', e.last,
    'newestNote', (SELECT text FROM "CustomerNote" WHERE "customerId" = p.id ORDER BY "createdAt" DESC, id LIMIT 1))
  FROM "Customer" p,
    LATERAL (SELECT count(*)::int AS n, max("createdAt") AS last FROM "Conversation" WHERE "customerId" = p.id AND "createdAt" < c."createdAt") e
  WHERE p.id = c."customerId"
) AS record, ${SETTINGS_OF_W} AS "workspaceSettings"`;

const SNAPSHOT_FROM = (id: string) => Prisma.sql`FROM "Conversation" c JOIN "Workspace" w ON w.id = c."workspaceId" WHERE c.id = ${id}::uuid`;

// The posts still owed to the thread, oldest first, as one jsonb value (times as UTC wall time, seq as text).
const PENDING_POSTS = Prisma.sql`COALESCE((
  SELECT jsonb_agg(jsonb_build_object('seq', t.seq::text, 'conversationId', t."conversationId", 'kind', t.kind, 'body', t.body,
    'slackTs', t."slackTs", 'postedAt', t."postedAt", 'createdAt', t."createdAt") ORDER BY t.seq)
  FROM "ThreadPost" t WHERE t."conversationId" = c.id AND t."slackTs" IS NULL
), '[]'::jsonb)`;

type PendingPostJson = Omit<ThreadPostRow, 'seq' | 'postedAt' | 'createdAt'> & { seq: string; postedAt: string | null; createdAt: string };

const utc = (wallTime: string) => new Date(`${wallTime}Z`);

function pendingPostOf(p: PendingPostJson): ThreadPostRow {
  return { ...p, seq: BigInt(p.seq), postedAt: p.postedAt === null ? null : utc(p.postedAt), createdAt: utc(p.createdAt) };
}

export type Snapshot = { row: ConversationRow; snapshot: ConversationSnapshot; suggestionsStale: boolean; settings: WorkspaceSettings };

// The conversation, its last few lines and its customer's record at a glance, in one round trip.
// `suggestionsStale`: a suggestion's post shows an older state than the suggestion's, so the thread job has
// one to update; asked here so that a thread without one costs no query of its own.
export async function loadSnapshot(db: Database, id: string): Promise<Snapshot | null> {
  // Every root refreshed reads this: one prepared statement, the workspace's settings in it.
  const [found] = await queryRows<SnapshotRow>(db, Prisma.sql`SELECT ${SNAPSHOT_COLUMNS} ${SNAPSHOT_FROM(id)}`);
  return found ? snapshotOf(found) : null;
}

// The same, with the posts still owed to the thread, for the job that posts them: every alert and every
// message a customer sends reads it. A post added after this read asks for a job of its own, which finds the
// thread held and comes back once this one lets go.
export async function loadThreadSnapshot(db: Database, id: string): Promise<(Snapshot & { pendingPosts: ThreadPostRow[] }) | null> {
  const [found] = await queryRows<SnapshotRow & { pendingPosts: PendingPostJson[] }>(db, Prisma.sql`
    SELECT ${SNAPSHOT_COLUMNS}, ${PENDING_POSTS} AS "pendingPosts" ${SNAPSHOT_FROM(id)}`);
  if (!found) return null;
  const { pendingPosts, ...row } = found;
  return { ...snapshotOf(row), pendingPosts: pendingPosts.map(pendingPostOf) };
}

function snapshotOf(found: SnapshotRow): Snapshot {
  const { recent, ratingScore, record, shownCustomer, suggestionsStale, workspaceSettings, ...row } = found;
  const recentLines: TranscriptLine[] = recent.map((m) => ({ role: m.role, text: m.text, at: new Date(m.at).toISOString() }));
  return {
    row,
    suggestionsStale,
    settings: settingsOf(workspaceSettings),
    snapshot: {
      ...stateOf(row),
      id: row.id,
      externalId: row.externalId,
      summary: row.summary,
      scores: row.scores as Record<string, number>,
      customer: shownCustomer,
      channelType: row.channelType as ChannelType,
      channelName: row.channelName,
      link: row.link,
      metadata: row.metadata as Record<string, string | number | boolean>,
      replyWindowEndsAt: row.replyWindowEndsAt,
      alertCount: row.alertCount,
      mentionUserGroup: row.mentionUserGroup,
      recentLines,
      ratingScore,
      ...(record && {
        customerContext: {
          earlierConversations: record.earlier,
          lastEarlierAt: record.lastEarlierAt ? new Date(record.lastEarlierAt) : null,
          tags: record.tags,
          newestNote: record.newestNote,
        },
      }),
    },
  };
}

export function customerName(row: { customer: unknown; externalId: string }): string {
  const c = row.customer as Customer;
  return c.name || c.email || c.phone || `Customer ${row.externalId}`;
}

// A listed row, its customer selected as SHOWN_CUSTOMER, with the name to show in place of the two.
export function withCustomerName<R extends { customer: unknown; externalId: string }>(
  row: R,
): Omit<R, 'customer' | 'externalId'> & { customerName: string } {
  const { customer, externalId, ...rest } = row;
  return { ...rest, customerName: customerName({ customer, externalId }) };
}

// Which other workspace a conversation belongs to, when one asked for it that it does not belong to.
export async function findOwnerElsewhere(
  db: Database | Tx,
  workspaceId: string,
  where: { id: string } | { slackChannelId: string; slackThreadTs: string },
): Promise<{ id: string; workspaceId: string } | null> {
  return db.conversation.findFirst({ where: { ...where, NOT: { workspaceId } }, select: { id: true, workspaceId: true } });
}

// Which other account of the platform holds a conversation id, when one account asked for it.
export async function findAccountElsewhere(db: Database | Tx, platformId: string, externalId: string): Promise<{ id: string; account: string | null } | null> {
  const row = await db.conversation.findFirst({ where: { externalId, NOT: { platformId } }, select: { id: true, platform: { select: { account: true } } } });
  return row && { id: row.id, account: row.platform.account };
}
