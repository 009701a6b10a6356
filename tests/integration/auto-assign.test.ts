import { setAvailability } from '../../src/db/repositories/availability';
import type { ConversationRow } from '../../src/db/repositories/conversations';
import { alertBody } from '../helpers/alerts';
import { decided as decidedIn, onlineAre as onlineIn } from '../helpers/auto-assign';
import type { Harness } from '../helpers/harness';
import { BOT_USER_ID } from '../helpers/slack-stand-in';
import { openConversation, type OpenConversation } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started), { env: { AUTO_ASSIGN: 'on', AGENT_CHAT_LIMIT: '2' } });

const onlineAre = (...userIds: string[]) => onlineIn(h, ...userIds);
const decided = (externalId: string) => decidedIn(h, externalId);

async function alertGoesTo(): Promise<{ c: OpenConversation; row: ConversationRow }> {
  const c = await openConversation(h);
  return { c, row: await decided(c.externalId) };
}

describe('assigning new alerts automatically', () => {
  it('gives a new alert to an online agent as a supervisor would: thread line, conversation.assigned and a direct message', async () => {
    await onlineAre('U0ANA');
    const { c, row } = await alertGoesTo();
    expect(row).toMatchObject({ status: 'human', assigneeId: 'U0ANA' });
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes(`<@${BOT_USER_ID}> assigned this to <@U0ANA>`));
    const [assigned] = await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'conversation.assigned' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(assigned!.body).toMatchObject({ data: { status: 'human', assigneeId: 'U0ANA' } });
    const [opened] = await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0ANA');
    const dmChannel = (opened!.response as { channel: { id: string } }).channel.id;
    const [dm] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === dmChannel);
    expect(String(dm!.args.text)).toContain(`assigned you the conversation with ${c.customerName}`);
  });

  it('skips an agent at the chat limit, gives the least-loaded agent the next one, and never an offline agent', async () => {
    await onlineAre('U0BEA');
    expect((await alertGoesTo()).row.assigneeId).toBe('U0BEA');
    expect((await alertGoesTo()).row.assigneeId).toBe('U0BEA');
    // U0BEA now holds two, the limit; U0CAL, offline, holds none.
    await onlineAre('U0BEA', 'U0DEV', 'U0ELI');
    await setAvailability(h.app.db, h.app.tenancy!.workspaceId, 'U0CAL', false);
    expect((await alertGoesTo()).row.assigneeId).toBe('U0DEV');
    // U0DEV has one now, U0ELI none.
    expect((await alertGoesTo()).row.assigneeId).toBe('U0ELI');
    const assignees = await h.app.db.conversation.findMany({ where: { assigneeId: { in: ['U0BEA', 'U0CAL'] } }, select: { assigneeId: true } });
    expect(assignees.map((r) => r.assigneeId)).toEqual(['U0BEA', 'U0BEA']);
  });

  it('leaves the alert waiting when nobody is online', async () => {
    await onlineAre();
    expect((await alertGoesTo()).row).toMatchObject({ status: 'waiting', assigneeId: null });
  });

  it('gives the last free slot to one of two alerts arriving together; the other waits', async () => {
    await onlineAre('U0FAY');
    expect((await alertGoesTo()).row.assigneeId).toBe('U0FAY');
    const [first, second] = [alertBody(), alertBody()];
    const answers = await Promise.all([first, second].map((body) => h.platformRequest('/api/v1/handoffs', body)));
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    const rows = await Promise.all([first, second].map((body) => decided(body.conversationId as string)));
    expect(rows.map((r) => r.assigneeId).sort()).toEqual(['U0FAY', null]);
    expect(rows.map((r) => r.status).sort()).toEqual(['human', 'waiting']);
    expect(await h.app.db.conversation.count({ where: { assigneeId: 'U0FAY', status: 'human' } })).toBe(2);
  });

  it('still chooses for an alert whose job was lost with a crash, when the sweeper comes by', async () => {
    await onlineAre();
    const { c } = await alertGoesTo();
    // As if the worker died after the alert was stored and before its job ran.
    await h.app.db.conversation.updateMany({ where: { externalId: c.externalId }, data: { autoAssignDue: true } });
    await onlineAre('U0GIA');
    await sweepNow(h);
    expect(await decided(c.externalId)).toMatchObject({ status: 'human', assigneeId: 'U0GIA' });
  });
});
