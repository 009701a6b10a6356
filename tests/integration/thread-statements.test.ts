import { loadSnapshot, loadThreadSnapshot } from '../../src/db/repositories/conversations';
import { loadWorkspaceSettings } from '../../src/db/repositories/tenancy';
import {
  claimThreadLease,
  markThreadPostPosted,
  pauseThread,
  recordRootMessage,
  recordRootVersion,
  releaseThreadLease,
  renewThreadLease,
} from '../../src/db/repositories/thread-posts';
import { databaseOfTheFile } from '../helpers/test-database';

// Posting an alert and its thread runs these statements on the driver (db/statements.ts), not through Prisma:
// each must read and write what Prisma would, and the thread's lease must keep two workers apart.

const file = databaseOfTheFile();

let seeded = 0;

async function conversation() {
  seeded += 1;
  const workspace = await file.db.workspace.create({ data: { slackTeamId: `T0THREAD${seeded}`, alertsChannel: 'C0ALERTS', relayMode: 'marker', sendMarker: '>>' } });
  const platform = await file.db.platform.create({ data: { workspaceId: workspace.id, name: 'bench' } });
  const row = await file.db.conversation.create({
    data: {
      workspaceId: workspace.id,
      platformId: platform.id,
      externalId: `conv-${seeded}`,
      reason: 'frustration',
      slackChannelId: 'C0ALERTS',
      tags: ['vip', 'billing'],
      customer: { name: 'Ada' },
      metadata: { plan: 'pro' },
    },
  });
  return { workspace, row };
}

describe('the statements that post an alert and its thread', () => {
  it('load the conversation as Prisma reads it, with its workspace settings', async () => {
    const { workspace, row } = await conversation();
    await file.db.message.create({ data: { conversationId: row.id, role: 'customer', text: 'where is my order', at: new Date('2026-12-01T10:00:00.000Z') } });
    const loaded = await loadSnapshot(file.db, row.id);
    expect(loaded!.row).toEqual(await file.db.conversation.findUniqueOrThrow({ where: { id: row.id } }));
    expect(loaded!.settings).toEqual(await loadWorkspaceSettings(file.db, workspace.id));
    expect(loaded!.settings).toMatchObject({ relayMode: 'marker', sendMarker: '>>', alertsChannel: 'C0ALERTS' });
    expect(loaded!.snapshot.recentLines).toEqual([{ role: 'customer', text: 'where is my order', at: '2026-12-01T10:00:00.000Z' }]);
    expect(await loadSnapshot(file.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const { pendingPosts, ...same } = (await loadThreadSnapshot(file.db, row.id))!;
    expect(same).toEqual(loaded);
    expect(pendingPosts).toEqual([]);
  });

  it('read the posts owed in order with the conversation, as Prisma reads them, and leave out the posted ones', async () => {
    const { row } = await conversation();
    const first = await file.db.threadPost.create({ data: { conversationId: row.id, kind: 'transcript', body: { lines: [1] } } });
    const second = await file.db.threadPost.create({ data: { conversationId: row.id, kind: 'customer_message', body: { text: 'hi' } } });
    const owed = await file.db.threadPost.findMany({ where: { conversationId: row.id }, orderBy: { seq: 'asc' } });
    const pendingPosts = async () => (await loadThreadSnapshot(file.db, row.id))!.pendingPosts;
    expect(await pendingPosts()).toEqual(owed);

    await markThreadPostPosted(file.db, first.seq, '1700000000.000100');
    expect((await pendingPosts()).map((p) => p.seq)).toEqual([second.seq]);
    const posted = await file.db.threadPost.findUniqueOrThrow({ where: { seq: first.seq } });
    expect(posted.slackTs).toBe('1700000000.000100');
    expect(posted.postedAt).toBeInstanceOf(Date);
  });

  it('give the thread to one worker at a time, and tell the next one to look first after a post left unrecorded', async () => {
    const { row } = await conversation();
    const lease = await claimThreadLease(file.db, row.id, 30_000);
    expect(lease).toMatchObject({ claimed: true, recovering: false });
    expect(await claimThreadLease(file.db, row.id, 30_000)).toEqual({ claimed: false, pausedUntil: null });
    if (!lease.claimed) throw new Error('the first claim must take the thread');

    const renewed = await renewThreadLease(file.db, row.id, lease.until, 60_000);
    expect(renewed).toBeInstanceOf(Date);
    expect(await renewThreadLease(file.db, row.id, lease.until, 60_000)).toBeNull();

    await releaseThreadLease(file.db, row.id, renewed!, true);
    expect(await claimThreadLease(file.db, row.id, 30_000)).toMatchObject({ claimed: true, recovering: true });
  });

  it('hold every worker off a thread Slack paused, and say until when', async () => {
    const { row } = await conversation();
    const until = new Date(Date.now() + 60_000);
    until.setMilliseconds(0);
    await pauseThread(file.db, row.id, until);
    expect(await claimThreadLease(file.db, row.id, 30_000)).toEqual({ claimed: false, pausedUntil: until });
    expect(await claimThreadLease(file.db, '00000000-0000-4000-8000-000000000000', 30_000)).toEqual({ claimed: false, pausedUntil: null });
  });

  it('record the root message, and never move its version backwards', async () => {
    const { row } = await conversation();
    await recordRootMessage(file.db, row.id, '1700000000.000200', 3);
    await recordRootVersion(file.db, row.id, 2);
    expect(await file.db.conversation.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ slackThreadTs: '1700000000.000200', rootVersion: 3 });
    await recordRootVersion(file.db, row.id, 5);
    expect((await file.db.conversation.findUniqueOrThrow({ where: { id: row.id } })).rootVersion).toBe(5);
  });
});
