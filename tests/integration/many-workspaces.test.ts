import os from 'node:os';
import { fileLinkKey, fileLinkUrl } from '../../src/domain/file-link';
import { ACTIONS } from '../../src/slack/ids';
import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { ALPHA, ALPHA_CHANNEL, BRAVO, BRAVO_CHANNEL, CLIENT_ID, installAlphaAndBravo, startManyWorkspaces } from '../helpers/many-workspaces';
import { runNpmCommand } from '../helpers/npm-command';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { finishInstall, installWorkspace, openInstallLink, startInstall } from '../helpers/slack-install';
import type { SlackTeam } from '../helpers/slack-stand-in';
import { buildHandBackModal } from '../../src/slack/blocks/hand-back-modal';
import { handBackValues, nextMessageTs, openConversation, pickFromMenu, pressButton, sendEvent, submitView, waitUntil, type OpenConversation } from '../helpers/slack-user';

// One Handoff, one bot platform, many accounts: each account connects its own Slack through "Add to Slack".

let h: Harness;
const respond = new ResponseUrlStandIn();

beforeAll(async () => {
  await respond.start();
  h = await startManyWorkspaces({ captureLogs: true });
  await installAlphaAndBravo(h);
});
afterAll(async () => {
  await h?.stop();
  await respond.stop();
});

function connectedNotice(account: string) {
  return h.platform.waitFor((d) => (d.body as { type?: string; account?: string }).type === 'workspace.connected' && (d.body as { account?: string }).account === account);
}

describe('connecting accounts', () => {
  it('tells the platform each account is connected, with its workspace and alerts channel', async () => {
    const [alpha] = await connectedNotice('acct-alpha');
    const [bravo] = await connectedNotice('acct-bravo');
    expect(alpha!.verified).toBe(true);
    expect((alpha!.body as { data: unknown }).data).toEqual({ account: 'acct-alpha', team: { id: ALPHA.id, name: 'Alpha' }, alertsChannel: ALPHA_CHANNEL });
    expect((bravo!.body as { data: unknown }).data).toEqual({ account: 'acct-bravo', team: { id: BRAVO.id, name: 'Bravo' }, alertsChannel: BRAVO_CHANNEL });
  });

  it('sends the installer to Slack with the bot scopes and incoming-webhook', async () => {
    const started = await startInstall(h, 'acct-scopes');
    expect(`${started.authorizeUrl.origin}${started.authorizeUrl.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(started.authorizeUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(started.authorizeUrl.searchParams.get('scope')!.split(',')).toEqual(expect.arrayContaining(['chat:write', 'incoming-webhook']));
  });
});

describe('alerts of each account', () => {
  it('posts each account\'s alert with its own workspace\'s token into its own alerts channel', async () => {
    const a = await openConversation(h, { account: 'acct-alpha' }, ALPHA_CHANNEL);
    const b = await openConversation(h, { account: 'acct-bravo' }, BRAVO_CHANNEL);
    const roots = h.slack.calls('chat.postMessage').filter((c) => !c.args.thread_ts);
    const rootOf = (name: string) => roots.find((c) => String(c.args.text).includes(name))!;
    expect(rootOf(a.customerName).token).toBe(h.slack.tokensOf(ALPHA)[0]);
    expect(rootOf(b.customerName).token).toBe(h.slack.tokensOf(BRAVO)[0]);
  });
});

async function workspaceIdOf(team: SlackTeam): Promise<string> {
  return (await h.app.db.workspace.findUniqueOrThrow({ where: { slackTeamId: team.id } })).id;
}

// Handoff has finished with a Slack event once its inbox row is marked processed.
async function handled(eventId: string): Promise<void> {
  await waitUntil(async () => Boolean((await h.app.db.slackInbox.findUnique({ where: { key: eventId } }))?.processedAt));
}

// How many times Handoff logged refusing a person of `asker` a conversation of `owner`.
async function refusals(asker: SlackTeam, owner: SlackTeam): Promise<number> {
  const [askerId, ownerId] = [await workspaceIdOf(asker), await workspaceIdOf(owner)];
  return h.logs.filter((line) => {
    const l = JSON.parse(line) as { workspaceId?: string; conversationWorkspaceId?: string; msg?: string };
    return l.workspaceId === askerId && l.conversationWorkspaceId === ownerId && String(l.msg).startsWith('refused');
  }).length;
}

describe('routing by account', () => {
  it('refuses an alert for an account that never connected, and stores nothing', async () => {
    const before = await h.app.db.conversation.count();
    const res = await h.platformRequest('/api/v1/handoffs', alertBody({ account: 'acct-unknown' }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'account_not_connected' });
    expect(await h.app.db.conversation.count()).toBe(before);
  });

  it('keeps the same conversation id of two accounts as two conversations, each in its own workspace', async () => {
    const conversationId = 'conv_shared_id';
    const a = await openConversation(h, { account: 'acct-alpha', conversationId }, ALPHA_CHANNEL);
    const b = await openConversation(h, { account: 'acct-bravo', conversationId }, BRAVO_CHANNEL);
    expect(a.id).not.toBe(b.id);
    const rows = await h.app.db.conversation.findMany({ where: { externalId: conversationId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.workspaceId)).toEqual([await workspaceIdOf(ALPHA), await workspaceIdOf(BRAVO)]);
  });

  it('keeps the same customer id of two accounts as two customers, each with only its own conversations', async () => {
    const customer = { id: 'cus_shared_id', name: 'Same Id Elsewhere' };
    const a = await openConversation(h, { account: 'acct-alpha', customer }, ALPHA_CHANNEL);
    const b = await openConversation(h, { account: 'acct-bravo', customer: { ...customer, name: 'Same Id Bravo' } }, BRAVO_CHANNEL);
    const records = await h.app.db.customer.findMany({ where: { externalId: 'cus_shared_id' }, include: { conversations: { select: { id: true } } }, orderBy: { firstSeenAt: 'asc' } });
    expect(records.map((r) => [r.workspaceId, r.name, r.conversations.map((c) => c.id)])).toEqual([
      [await workspaceIdOf(ALPHA), 'Same Id Elsewhere', [a.id]],
      [await workspaceIdOf(BRAVO), 'Same Id Bravo', [b.id]],
    ]);
    const [bravoRoot] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && !c.args.thread_ts && String(c.args.text).includes('Same Id Bravo'));
    expect(JSON.stringify(bravoRoot!.args.blocks)).toContain('First conversation');
  });

  it('never lets one account add to another account\'s conversation, and logs both accounts', async () => {
    const b = await openConversation(h, { account: 'acct-bravo' }, BRAVO_CHANNEL);
    const res = await h.platformRequest(`/api/v1/conversations/${b.externalId}/messages`, { account: 'acct-alpha', id: 'msg-1', text: 'hello from the wrong account' });
    expect(res.status).toBe(404);
    expect(await h.app.db.message.count({ where: { conversationId: b.id, role: 'customer' } })).toBe(0);
    expect(h.logs.some((line) => {
      const l = JSON.parse(line) as { account?: string; conversationAccount?: string };
      return l.account === 'acct-alpha' && l.conversationAccount === 'acct-bravo';
    })).toBe(true);
  });
});

describe('a person in one workspace and a conversation of another', () => {
  let a: OpenConversation;
  beforeAll(async () => {
    a = await openConversation(h, { account: 'acct-alpha' }, ALPHA_CHANNEL);
  });

  it('cannot relay into it from a thread reply', async () => {
    const refused = await refusals(BRAVO, ALPHA);
    const eventId = await sendEvent(
      h,
      { type: 'message', channel: ALPHA_CHANNEL, channel_type: 'channel', user: 'U0BRAVOAGENT', text: 'crossing over', ts: nextMessageTs(), thread_ts: a.rootTs },
      { teamId: BRAVO.id },
    );
    await handled(eventId);
    expect(await h.app.db.message.count({ where: { conversationId: a.id, role: 'agent' } })).toBe(0);
    expect(h.platform.deliveries().some((d) => JSON.stringify(d.body).includes('crossing over'))).toBe(false);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot press its buttons, and is told it is not in Handoff', async () => {
    const [refused, before] = [await refusals(BRAVO, ALPHA), await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } })];
    await pressButton(h, { actionId: ACTIONS.takeOver, value: a.id, userId: 'U0BRAVOAGENT', rootTs: a.rootTs, responseUrl: respond.url, teamId: BRAVO.id, channel: ALPHA_CHANNEL });
    await waitUntil(() => respond.responses().some((r) => r.text === 'This conversation is no longer in Handoff.'));
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } })).toEqual(before);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot open its modals', async () => {
    const [refused, before] = [await refusals(BRAVO, ALPHA), h.slack.calls('views.open').length];
    await pressButton(h, { actionId: ACTIONS.assign, value: a.id, userId: 'U0BRAVOAGENT', rootTs: a.rootTs, responseUrl: respond.url, teamId: BRAVO.id, channel: ALPHA_CHANNEL });
    await waitUntil(() => respond.responses().filter((r) => r.text === 'This conversation is no longer in Handoff.').length >= 2);
    expect(h.slack.calls('views.open')).toHaveLength(before);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot open a hand-back modal from its menu', async () => {
    const [refused, before] = [await refusals(BRAVO, ALPHA), h.slack.calls('views.open').length];
    const gone = () => respond.responses().filter((r) => r.text === 'This conversation is no longer in Handoff.').length;
    const goneBefore = gone();
    await pickFromMenu(h, { actionId: ACTIONS.handBack, option: `close:${a.id}`, userId: 'U0BRAVOAGENT', rootTs: a.rootTs, responseUrl: respond.url, teamId: BRAVO.id, channel: ALPHA_CHANNEL });
    await waitUntil(() => gone() > goneBefore);
    expect(h.slack.calls('views.open')).toHaveLength(before);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot close it with a hand-back submission naming it, and the form says it is not in Handoff rather than to submit again', async () => {
    const [refused, before] = [await refusals(BRAVO, ALPHA), await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } })];
    const forged = { ...buildHandBackModal({ conversationId: a.id, customerName: a.customerName, handBack: 'close' }), id: 'V0FORGED', hash: '1.forged' };
    const answer = await submitView(h, forged, 'U0BRAVOAGENT', handBackValues('crossing over'), BRAVO.id);
    expect(answer).toEqual({ response_action: 'errors', errors: { hand_back_note_block: 'This conversation is no longer in Handoff. Close this form.' } });
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } })).toEqual(before);
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: a.id, type: 'conversation.closed' } })).toBe(0);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot open its customer\'s profile', async () => {
    const before = h.slack.calls('views.open').length;
    const gone = respond.responses().filter((r) => r.text === 'This conversation is no longer in Handoff.').length;
    await pressButton(h, { actionId: ACTIONS.customer, value: a.id, userId: 'U0BRAVOAGENT', rootTs: a.rootTs, responseUrl: respond.url, teamId: BRAVO.id, channel: ALPHA_CHANNEL });
    await waitUntil(() => respond.responses().filter((r) => r.text === 'This conversation is no longer in Handoff.').length > gone);
    expect(h.slack.calls('views.open')).toHaveLength(before);
  });

  it('cannot save its customer\'s profile with a submission naming it, and the form says it is not in Handoff', async () => {
    const refused = await refusals(BRAVO, ALPHA);
    const { customerId } = await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } });
    const forged = {
      type: 'modal',
      id: 'V0FORGEDPROFILE',
      hash: '1.forged',
      callback_id: 'conversation_customer_view',
      private_metadata: JSON.stringify({ conversationId: a.id, customerId }),
      blocks: [{ type: 'input', block_id: 'customer_note_block', element: { type: 'plain_text_input', action_id: 'customer_note' } }],
    };
    const values = { customer_note_block: { customer_note: { type: 'plain_text_input', value: 'crossing over' } } };
    expect(await submitView(h, forged, 'U0BRAVOAGENT', values, BRAVO.id)).toEqual({
      response_action: 'errors',
      errors: { customer_note_block: 'This conversation is no longer in Handoff. Close this form.' },
    });
    expect(await h.app.db.customerNote.count({ where: { text: 'crossing over' } })).toBe(0);
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot take it over with the emoji shortcut', async () => {
    const refused = await refusals(BRAVO, ALPHA);
    const eventId = await sendEvent(
      h,
      { type: 'reaction_added', user: 'U0BRAVOAGENT', reaction: 'eyes', item: { type: 'message', channel: ALPHA_CHANNEL, ts: a.rootTs }, event_ts: nextMessageTs() },
      { teamId: BRAVO.id },
    );
    await handled(eventId);
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: a.id } })).assigneeId).toBeNull();
    expect(await refusals(BRAVO, ALPHA)).toBe(refused + 1);
  });

  it('cannot fetch its files through a link of their own workspace', async () => {
    const settings = { key: fileLinkKey(h.config.platform.signingSecret), publicUrl: h.config.publicUrl, ttlSeconds: 3600 };
    const ownLink = new URL(fileLinkUrl(settings, await workspaceIdOf(ALPHA), 'F0ALPHAFILE', new Date()));
    // The same link with the other workspace written in: its signature no longer holds.
    ownLink.searchParams.set('workspace', await workspaceIdOf(BRAVO));
    const tampered = await fetch(`${h.baseUrl}${ownLink.pathname}${ownLink.search}`);
    expect(tampered.status).toBe(403);
    // A link signed for the other workspace names a file no agent of that workspace shared.
    const foreign = new URL(fileLinkUrl(settings, await workspaceIdOf(BRAVO), 'F0ALPHAFILE', new Date()));
    const res = await fetch(`${h.baseUrl}${foreign.pathname}${foreign.search}`);
    expect(res.status).toBe(404);
    expect(h.slack.fileDownloads()).toHaveLength(0);
  });
});

describe('the install link', () => {
  const CHARLIE: SlackTeam = { id: 'T0CHARLIE', name: 'Charlie', botUserId: 'U0CHARLIEBOT', botId: 'B0CHARLIE' };

  async function accountConnected(account: string): Promise<boolean> {
    const res = await h.platformRequest('/api/v1/handoffs', alertBody({ account, transcript: [] }));
    return res.status === 202;
  }

  it('shows an error page and stores nothing for a forged state', async () => {
    const started = await startInstall(h, 'acct-forged');
    const exchanges = h.slack.calls('oauth.v2.access').length;
    const page = await finishInstall(h, { ...started, state: `${started.state.slice(0, -4)}AAAA` }, h.slack.consent({ team: CHARLIE, alertsChannel: 'C0CHARLIE' }));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('expired, has been used already, or was opened in another browser');
    expect(h.slack.calls('oauth.v2.access')).toHaveLength(exchanges);
    expect(await h.app.db.workspace.findUnique({ where: { slackTeamId: CHARLIE.id } })).toBeNull();
    expect(await accountConnected('acct-forged')).toBe(false);
  });

  it('refuses the state when it comes back from another browser (no state cookie)', async () => {
    const started = await startInstall(h, 'acct-other-browser');
    const page = await finishInstall(h, { state: started.state, cookie: '' }, h.slack.consent({ team: CHARLIE, alertsChannel: 'C0CHARLIE' }));
    expect(page.status).toBe(400);
    expect(await accountConnected('acct-other-browser')).toBe(false);
  });

  it('answers a retried request for a link with the same link, before and after it was used', async () => {
    const ask = () => h.platformRequest('/api/v1/accounts/acct-retried/install-link', {}, { webhookId: 'msg_install_retried' });
    const first = await ask();
    expect(first.status).toBe(201);
    const link = (await first.json()) as { url: string; expiresAt: string };
    expect(new Date(link.expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const again = await ask();
    expect([again.status, await again.json()]).toEqual([201, link]);
    const other = await h.platformRequest('/api/v1/accounts/acct-retried/install-link', {}, { webhookId: 'msg_install_other' });
    expect(((await other.json()) as { url: string }).url).not.toBe(link.url);

    const page = await finishInstall(h, await openInstallLink(h, link.url), h.slack.consent({ team: { id: 'T0RETRIED', name: 'Retried', botUserId: 'U0RETRIEDBOT', botId: 'B0RETRIED' }, alertsChannel: 'C0RETRIED' }));
    expect(page.status).toBe(200);
    const afterUse = await ask();
    expect([afterUse.status, await afterUse.json()]).toEqual([201, link]);
  });

  it('works once: a replayed state and a reused link are refused, and the first install stands', async () => {
    const started = await startInstall(h, 'acct-charlie');
    const first = await finishInstall(h, started, h.slack.consent({ team: CHARLIE, alertsChannel: 'C0CHARLIE' }));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Charlie');
    const exchanges = h.slack.calls('oauth.v2.access').length;

    const replayed = await finishInstall(h, started, h.slack.consent({ team: BRAVO, alertsChannel: 'C0BRAVOOTHER' }));
    expect(replayed.status).toBe(400);
    expect(h.slack.calls('oauth.v2.access')).toHaveLength(exchanges);
    const reopened = await fetch(started.link, { redirect: 'manual' });
    expect(reopened.status).toBe(410);
    expect(await reopened.text()).toContain('expired or has been used already');
    const bravo = await h.app.db.workspace.findUniqueOrThrow({ where: { slackTeamId: BRAVO.id } });
    expect(bravo.alertsChannel).toBe(BRAVO_CHANNEL);
    expect(await accountConnected('acct-charlie')).toBe(true);
  });
});

describe('rotating tokens', () => {
  const DELTA: SlackTeam = { id: 'T0DELTA', name: 'Delta', botUserId: 'U0DELTABOT', botId: 'B0DELTA' };

  it('refreshes a token that is about to expire before using it, once, and posts with the new one', async () => {
    // Slack's rotating tokens last twelve hours.
    const page = await installWorkspace(h, 'acct-delta', { team: DELTA, alertsChannel: 'C0DELTA', rotatingSeconds: 12 * 3600 });
    expect(page.status).toBe(200);
    const [installed] = h.slack.tokensOf(DELTA);
    // Eleven hours later: one hour left, under the two hours ahead at which a rotating token is refreshed.
    await h.app.db.workspace.update({ where: { slackTeamId: DELTA.id }, data: { botTokenExpiresAt: new Date(Date.now() + 3600_000) } });
    const refreshes = () => h.slack.calls('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    expect(refreshes()).toHaveLength(0);

    const alerts = await Promise.all([1, 2, 3].map(() => openConversation(h, { account: 'acct-delta' }, 'C0DELTA')));
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]!.args).toMatchObject({ client_id: CLIENT_ID, refresh_token: 'xoxe-1-T0DELTA-' + installed!.split('-').pop() });
    const [, refreshed] = h.slack.tokensOf(DELTA);
    const roots = h.slack.calls('chat.postMessage').filter((c) => alerts.some((a) => String(c.args.text).includes(a.customerName)) && !c.args.thread_ts);
    expect(roots.map((c) => c.token)).toEqual([refreshed, refreshed, refreshed]);
    const row = await h.app.db.workspace.findUniqueOrThrow({ where: { slackTeamId: DELTA.id } });
    expect(row.botToken).toBe(refreshed);
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });
});

// Last: Bravo stays uninstalled.
describe('uninstalling', () => {
  it('deletes the tokens, tells the platform, refuses the account\'s alerts and keeps its conversations', async () => {
    const workspaceId = await workspaceIdOf(BRAVO);
    const kept = await h.app.db.conversation.count({ where: { workspaceId } });
    expect(kept).toBeGreaterThan(0);
    h.slack.uninstall(BRAVO);
    await handled(await sendEvent(h, { type: 'app_uninstalled', event_ts: nextMessageTs() }, { teamId: BRAVO.id }));

    const [notice] = await h.platform.waitFor((d) => (d.body as { type?: string }).type === 'workspace.disconnected');
    expect(notice!.verified).toBe(true);
    expect(notice!.body).toMatchObject({ account: 'acct-bravo', data: { account: 'acct-bravo', team: { id: BRAVO.id }, reason: 'app_uninstalled' } });
    const row = await h.app.db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(row).toMatchObject({ botToken: null, botRefreshToken: null, uninstalledAt: expect.any(Date) });
    expect(await h.app.db.conversation.count({ where: { workspaceId } })).toBe(kept);

    const refused = await h.platformRequest('/api/v1/handoffs', alertBody({ account: 'acct-bravo' }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'account_not_connected' });
    // Alpha is untouched.
    await openConversation(h, { account: 'acct-alpha' }, ALPHA_CHANNEL);
  });

  it('purges an uninstalled workspace\'s conversations on request, and never an installed one\'s', async () => {
    const purge = (team: SlackTeam) => runNpmCommand('purge-workspace', { DATABASE_URL: (h.config.database as { url: string }).url, PATH: process.env.PATH ?? '' }, os.tmpdir(), [team.id]);
    const alphaKept = await h.app.db.conversation.count({ where: { workspaceId: await workspaceIdOf(ALPHA) } });
    const refused = await purge(ALPHA);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`handoff: workspace ${ALPHA.id} is installed; only an uninstalled workspace's conversations can be purged\n`);
    expect(await h.app.db.conversation.count({ where: { workspaceId: await workspaceIdOf(ALPHA) } })).toBe(alphaKept);

    const bravoId = await workspaceIdOf(BRAVO);
    const bravoConversations = await h.app.db.conversation.findMany({ where: { workspaceId: bravoId }, select: { id: true } });
    // What the App Home kept of a thread goes with it.
    await h.app.db.threadPermalink.create({ data: { workspaceId: bravoId, slackChannelId: BRAVO_CHANNEL, slackThreadTs: '1800000000.000100', permalink: 'https://bravo.slack.com/archives/x' } });
    // And so does a customer's rating.
    await h.app.db.rating.create({ data: { conversationId: bravoConversations[0]!.id, score: 4, agentId: 'U0AGENT' } });
    // And the AI's suggested replies, which quote the conversation.
    await h.app.db.suggestion.create({ data: { conversationId: bravoConversations[0]!.id, text: 'Your refund is on its way' } });
    const purged = await purge(BRAVO);
    expect(purged).toMatchObject({ code: 0, stdout: `handoff: purged ${bravoConversations.length} conversation(s) of workspace ${BRAVO.id}\n` });
    const ids = bravoConversations.map((c) => c.id);
    expect(await h.app.db.conversation.count({ where: { workspaceId: bravoId } })).toBe(0);
    expect(await h.app.db.message.count({ where: { conversationId: { in: ids } } })).toBe(0);
    expect(await h.app.db.threadPost.count({ where: { conversationId: { in: ids } } })).toBe(0);
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: { in: ids } } })).toBe(0);
    expect(await h.app.db.threadPermalink.count({ where: { workspaceId: bravoId } })).toBe(0);
    expect(await h.app.db.rating.count({ where: { conversationId: { in: ids } } })).toBe(0);
    expect(await h.app.db.suggestion.count({ where: { conversationId: { in: ids } } })).toBe(0);
    expect(await h.app.db.customer.count({ where: { workspaceId: bravoId } })).toBe(0);
    expect(await h.app.db.conversation.count({ where: { workspaceId: await workspaceIdOf(ALPHA) } })).toBe(alphaKept);
    expect(await h.app.db.customer.count({ where: { workspaceId: await workspaceIdOf(ALPHA) } })).toBeGreaterThan(0);
  });

  it('lets the account connect again with a new install', async () => {
    const page = await installWorkspace(h, 'acct-bravo', { team: BRAVO, alertsChannel: BRAVO_CHANNEL });
    expect(page.status).toBe(200);
    const b = await openConversation(h, { account: 'acct-bravo' }, BRAVO_CHANNEL);
    const root = h.slack.calls('chat.postMessage').find((c) => String(c.args.text).includes(b.customerName))!;
    expect(root.token).toBe(h.slack.tokensOf(BRAVO).at(-1));
  });
});
