import { alertBody } from '../helpers/alerts';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import type { SlackCall } from '../helpers/slack-stand-in';
import { assignValues, nextMessageTs, pressForModal, sendEvent, submitView, tagValues, waitUntil } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
const respond = new ResponseUrlStandIn();
useHarness((started) => (h = started), { respond });

// Everything Slack would act on, as the customer, the AI or the platform might write it.
const HOSTILE = '<!channel> <!here|here> <!everyone> <@U999> <#C123> <!subteam^S1> <https://evil.example|your bank> &lt;!here&gt;';
const SUPERVISOR = 'U0SUPER';
const AGENT = 'U0CAROL';

const isRoot = (c: SlackCall) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

describe('text Handoff did not write', () => {
  it('pings, mentions and links nobody in any Slack call, from the alert to the platform refusing a reply', async () => {
    const body = alertBody({
      customer: { name: '<!channel> Eve', email: 'eve@example.com', avatarUrl: 'https://cdn.example.com/eve.png' },
      summary: HOSTILE,
      channel: { type: 'web', name: HOSTILE },
      scores: { '<!here>': 0.9 },
      transcript: [
        { role: 'customer', text: HOSTILE },
        { role: 'ai', text: `Happy to help ${HOSTILE}` },
      ],
      metadata: { '<@U999>': HOSTILE },
      link: 'https://platform.example.com/c/<!channel>',
    });
    expect((await h.platformRequest('/api/v1/handoffs', body)).status).toBe(202);
    const [root] = await h.slack.waitFor(isRoot);
    const rootTs = (root!.response as { ts: string }).ts;
    const where = { externalId: body.conversationId as string, slackThreadTs: rootTs };
    await waitUntil(async () => (await h.app.db.conversation.count({ where })) === 1);
    const c = await h.app.db.conversation.findFirstOrThrow({ where });
    expect(JSON.stringify(root!.args.blocks)).toContain('"text":"😡 (!channel) Eve","emoji":false');

    const message = {
      id: 'hostile-1',
      text: '<!here> is anyone there? <@U999>',
      attachments: [{ url: 'https://files.example.com/a.pdf', name: '<!channel>.pdf', mimeType: 'application/<@U999>' }],
    };
    expect((await h.platformRequest(`/api/v1/conversations/${c.externalId}/messages`, message)).status).toBe(202);
    const [mirrored] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === rootTs && call.args.username !== undefined);
    expect(mirrored!.args).toMatchObject({ username: '(!channel) Eve', icon_url: 'https://cdn.example.com/eve.png' });

    // Tags typed in Slack come back as options of the next Tag modal.
    const press = { value: c.id, rootTs, responseUrl: respond.url };
    await submitView(h, await pressForModal(h, { ...press, actionId: 'conversation_tag', userId: SUPERVISOR }), SUPERVISOR, tagValues(null, '<!channel>, <@U999>'));
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).tags.length === 2);
    await pressForModal(h, { ...press, actionId: 'conversation_tag', userId: SUPERVISOR });

    // The assignee's direct message names the customer.
    await submitView(h, await pressForModal(h, { ...press, actionId: 'conversation_assign', userId: SUPERVISOR }), SUPERVISOR, assignValues(AGENT, 'high'));
    await waitUntil(async () => (await h.app.db.directMessage.count({ where: { conversationId: c.id, sentAt: { not: null } } })) === 1);

    // The platform's refusal is quoted back to the agent in the thread.
    await waitForSettled(h);
    h.platform.respondWith(400, { error: 'refused', message: HOSTILE });
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: AGENT, text: 'On it!', ts: nextMessageTs(), thread_ts: rootTs });
    const [notice] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === rootTs && String(call.args.text).includes('not delivered'));
    expect(String(notice!.args.text)).toContain('(!channel)');
    await waitForSettled(h);

    expect(h.slack.calls().map((call) => call.method)).toEqual(expect.arrayContaining(['chat.postMessage', 'chat.update', 'views.open']));
    h.slack.assertNoUntrustedPings([SUPERVISOR, AGENT]);
  });
});
