import type { Browser, Page } from 'playwright-core';
import { startHandoff, type RunningHandoff } from '../../src/app';
import { createLogger } from '../../src/logger';
import { freePort } from '../faults/helpers/free-port';
import { launchChromium } from '../helpers/browser';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { nextMessageTs, pressButton, sendEvent, waitUntil } from '../helpers/slack-user';
import { WAIT_MS } from '../helpers/timeouts';

// The playground as an admin uses it: a real browser on the page, Handoff's real API behind it, and the Slack
// side played by signed events and button presses. Handoff runs as two web replicas: the page and its event
// stream are served by one, while PUBLIC_URL (so every webhook) points at the other, so what the page shows
// has gone through Redis.

const AGENT = { id: 'U0SAM', name: 'Sam Agent' };

describe('the playground, with PLAYGROUND=on', () => {
  let h: Harness;
  let webhookReplica: RunningHandoff;
  let webhookPort: number;
  let browser: Browser;
  let page: Page;
  const respond = new ResponseUrlStandIn();

  beforeAll(async () => {
    browser = await launchChromium();
    webhookPort = await freePort();
    h = await startHarness({ PLAYGROUND: 'on', CUSTOMER_WEBHOOK_URL: '', CUSTOMER_WEBHOOK_SECRET: '', PUBLIC_URL: `http://127.0.0.1:${webhookPort}` });
    webhookReplica = await startHandoff({ ...h.config, role: 'web', port: webhookPort }, createLogger('silent'));
    await respond.start();
  });

  afterAll(async () => {
    await browser?.close();
    await respond.stop();
    await webhookReplica?.stop();
    await h?.stop();
  });

  beforeEach(async () => {
    h.slack.setUser(AGENT.id, { profile: { display_name: AGENT.name } });
    page = await browser.newPage();
    await page.goto(`${h.baseUrl}/playground`);
    // Live once the event stream's subscription holds: from then on nothing published is missed.
    await page.locator('#live[data-live="yes"]').waitFor({ timeout: WAIT_MS });
  });

  afterEach(async () => {
    await page.close();
    expect(h.slack.problems()).toEqual([]);
    h.slack.reset();
    respond.reset();
  });

  async function say(text: string): Promise<void> {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  }

  // The alert's root message in the alerts channel, once Handoff has recorded where it is.
  async function alertInSlack(): Promise<{ id: string; rootTs: string }> {
    const [root] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && !c.args.thread_ts && String(c.args.text).includes('Playground customer'),
    );
    const rootTs = (root!.response as { ts: string }).ts;
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { slackThreadTs: rootTs } })) === 1, WAIT_MS);
    const row = await h.app.db.conversation.findFirstOrThrow({ where: { slackThreadTs: rootTs } });
    return { id: row.id, rootTs };
  }

  function press(actionId: string, alert: { id: string; rootTs: string }): Promise<void> {
    return pressButton(h, { actionId, value: alert.id, userId: AGENT.id, rootTs: alert.rootTs, responseUrl: respond.url });
  }

  async function statusShows(text: string): Promise<string | null> {
    await page.locator('#status', { hasText: text }).waitFor({ timeout: WAIT_MS });
    return page.textContent('#status');
  }

  it('serves a page titled Playground that says what to do in Slack', async () => {
    expect(await page.title()).toBe('Handoff Playground');
    expect(await page.textContent('h1')).toBe('Handoff Playground');
    expect(await page.textContent('.hint')).toMatch(/Type human.*alerts channel in Slack/s);
    expect(await page.textContent('body')).toContain('CUSTOMER_WEBHOOK_URL is not set');
    expect(h.config.platform.webhookUrl).toBe(`http://127.0.0.1:${webhookPort}/playground/webhook`);
    expect(h.baseUrl).not.toContain(`:${webhookPort}`);
  });

  it("raises an alert in Slack when the customer types human, then shows the agent's take-over, reply and close", async () => {
    await say('hello');
    await page.locator('.line.bot', { hasText: 'How can I help?' }).waitFor();
    await say('human');
    const alert = await alertInSlack();
    // The conversation so far is the alert's transcript, posted in its thread.
    const [transcript] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === alert.rootTs && String(c.args.text).startsWith('Transcript so far'));
    const lines = JSON.stringify(transcript!.args.blocks);
    expect([lines.indexOf('hello'), lines.indexOf('How can I help?'), lines.indexOf('human')].every((at, i, all) => at >= 0 && (i === 0 || at > all[i - 1]!))).toBe(true);
    expect(await statusShows('Waiting')).toBe('Waiting for someone to pick this up in Slack');

    await press('conversation_take_over', alert);
    expect(await statusShows('taken over')).toBe('Sam Agent has taken over');
    await page.locator('.notice', { hasText: 'Sam Agent took over the conversation' }).waitFor();

    // Slack escapes what the agent typed; the customer gets it back as text, never as markup.
    const typed = 'Hi, Sam here. <b>Not bold</b> <img src=x onerror="document.title=1">';
    const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: AGENT.id, text: escaped, ts: nextMessageTs(), thread_ts: alert.rootTs });
    const reply = page.locator('.line.agent', { hasText: 'Hi, Sam here.' });
    await reply.waitFor({ timeout: WAIT_MS });
    expect(await reply.locator('.who').textContent()).toBe(AGENT.name);
    expect(await reply.locator('.text').textContent()).toBe(typed);
    expect(await page.locator('#transcript b, #transcript img').count()).toBe(0);
    expect(await page.title()).toBe('Handoff Playground');

    // With a person on it, what the customer writes goes to the thread and the bot keeps quiet.
    const botLines = await page.locator('.line.bot').count();
    await say('My order 1042 never came');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === alert.rootTs && String(c.args.text).includes('My order 1042 never came'));
    expect(await page.locator('.line.bot').count()).toBe(botLines);

    await press('conversation_close', alert);
    expect(await statusShows('Closed')).toBe('Closed by Sam Agent');
    await page.locator('.notice', { hasText: 'Sam Agent closed the conversation' }).waitFor();
  });

  it('hands the customer back to the bot when the agent presses Restore to AI', async () => {
    await page.click('#talk');
    const alert = await alertInSlack();
    await press('conversation_take_over', alert);
    await statusShows('Sam Agent has taken over');
    await press('conversation_restore', alert);
    expect(await statusShows('bot')).toBe('The bot is answering');
    await page.locator('.notice', { hasText: 'Sam Agent handed the conversation back to the bot' }).waitFor();

    // The bot answers again, and the thread still gets the message.
    await say('thanks');
    await page.locator('.line.bot', { hasText: 'You are welcome!' }).waitFor();
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === alert.rootTs && String(c.args.text).includes('thanks'));
  });

  it('takes webhooks signed with its secret only, and event streams of playground conversations only', async () => {
    const unsigned = await fetch(`${h.config.publicUrl}/playground/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'agent.message', conversationId: 'play_0', timestamp: new Date().toISOString(), data: {} }),
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: 'invalid_signature' });
    const stream = await fetch(`${h.baseUrl}/playground/events?conversation=conv_real`);
    expect(stream.status).toBe(400);
    expect(await stream.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'conversation' }] });
  });
});

describe('the playground, without PLAYGROUND=on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is not there', async () => {
    expect(h.config.playground.enabled).toBe(false);
    expect((await fetch(`${h.baseUrl}/playground`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/playground/events?conversation=play_${'0'.repeat(32)}`)).status).toBe(404);
    expect((await h.platformRequest('/playground/webhook', { type: 'agent.message' })).status).toBe(404);
  });
});
