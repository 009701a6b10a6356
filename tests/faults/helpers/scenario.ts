import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { alertBody } from '../../helpers/alerts';
import { ALERTS_CHANNEL } from '../../helpers/harness';
import type { PlatformDelivery } from '../../helpers/platform-stand-in';
import type { SlackCall } from '../../helpers/slack-stand-in';
import { nextMessageTs } from '../../helpers/slack-user';
import { isSettled, pendingWork, whereAreThey, type PendingWork } from './app-database';
import type { Stage } from './stage';
import { isComplete, tally, type Expected, type ReplyDelivery, type SlackPost, type Tally } from './tally';
import { deal, runLanes, TrafficDriver, type SentRequest } from './traffic';

// The traffic every fault scenario runs through its fault. Lower these if CI time needs it.
export const TRAFFIC = {
  // Threads agents reply in, opened before the traffic starts.
  conversations: 20,
  // Spread evenly over the threads; each thread's replies are sent one after the other, the threads in parallel.
  agentReplies: 500,
  // Into the same threads, from the platform.
  customerMessages: 200,
  // New conversations, alerted while the replies flow.
  alerts: 100,
};
// The fault strikes once this share of its milestone is reached (by default, of the replies acknowledged).
export const FAULT_AT = 0.4;
// How long everything may take to arrive once the traffic is acknowledged. The app's sweeper looks for lost
// work every 30 s and takes only work older than 10 s; BullMQ finds a dead worker's jobs after 30 s.
export const ARRIVAL_TIMEOUT_MS = 90_000;
// How long opening a thread may take before the scenario cannot run at all.
const SETUP_WAIT_MS = 30_000;
// How long sending may take, resends included, before what is still unacknowledged is given up and reported.
export const TRAFFIC_TIMEOUT_MS = 120_000;
// Opening the threads, the traffic, waiting for a milestone that needs the traffic done, then for arrivals.
export const SCENARIO_TIMEOUT_MS = SETUP_WAIT_MS + TRAFFIC_TIMEOUT_MS + 2 * ARRIVAL_TIMEOUT_MS + 60_000;

export const NOTHING_WRONG = 'nothing lost, duplicated or out of order';

const AGENT = 'U0AGENT1';
const POLL_MS = 250;
const STRIKE_POLL_MS = 50;
const LISTED = 20;

interface Thread {
  conversationId: string;
  customerName: string;
  threadTs: string;
}

interface Planned {
  label: string;
  sent?: SentRequest;
}

interface Reply extends Planned {
  conversationId: string;
  threadTs: string;
  text: string;
  ts: string;
}

interface CustomerMessage extends Planned {
  conversationId: string;
  threadTs: string;
  id: string;
  text: string;
}

interface Alert extends Planned {
  conversationId: string;
  customerName: string;
}

export interface Outcome {
  // NOTHING_WRONG, or a summary followed by every problem found, each lost or duplicated item by name.
  findings: string;
  tally: Tally;
  // Attempts that got no 2xx, by outcome: proof that the fault reached the traffic.
  failedAttempts: Record<string, number>;
  // When each phase ended, in seconds from the start of the traffic.
  timeline: { struck?: number; recovered?: number; acknowledged: number; settled: number };
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const seconds = (ms: number) => Math.round(ms / 100) / 10;

// What a fault waits for before it strikes, FAULT_AT of the way: the app busy receiving agent replies, busy
// delivering them to the platform, or busy posting customer messages to Slack.
export type Milestone = 'replies acknowledged' | 'replies delivered' | 'customer messages posted';

export interface Fault {
  when?: Milestone;
  // Breaks something, and returns once it is repaired (or at once, for a fault such as a restart).
  strike(): Promise<void>;
}

// Opens the threads, runs the traffic, strikes with the fault at its milestone (the traffic goes on meanwhile,
// resending what gets no 2xx), then waits until everything has arrived and the app owes nothing more, or
// ARRIVAL_TIMEOUT_MS, and counts.
export async function trafficThroughFault(stage: Stage, fault: Fault, sizes = TRAFFIC): Promise<Outcome> {
  const run = randomBytes(3).toString('hex');
  const driver = new TrafficDriver(stage, stage.secrets, Date.now() + TRAFFIC_TIMEOUT_MS);
  const threads = await openThreads(stage, driver, run, sizes.conversations);
  const plan = planTraffic(run, threads, sizes);
  const expected: Expected = {
    replies: plan.replies.map((r) => ({ conversationId: r.conversationId, text: r.text })),
    customerMessages: plan.customerMessages.map((m) => ({ threadTs: m.threadTs, text: m.text })),
    alerts: [...threads.map((t) => t.customerName), ...plan.alerts.map((a) => a.customerName)],
  };
  const observe = () => tally(expected, stage.slack.calls('chat.postMessage').map(toPost), stage.platform.deliveries().flatMap(toReplyDelivery), ALERTS_CHANNEL);
  const started = Date.now();
  const since = () => seconds(Date.now() - started);
  const timeline: Partial<Outcome['timeline']> = {};

  const when = fault.when ?? 'replies acknowledged';
  const progress = (): number => {
    if (when === 'replies acknowledged') return plan.replies.filter((r) => r.sent?.acknowledged).length / plan.replies.length;
    const t = observe();
    return when === 'replies delivered' ? t.replies.delivered / plan.replies.length : t.customerMessages.posted / Math.max(1, plan.customerMessages.length);
  };
  let reached = 0;
  let giveUpStrikingAt = Infinity;
  const striking = (async () => {
    while ((reached = progress()) < FAULT_AT) {
      if (Date.now() > giveUpStrikingAt) return false;
      await sleep(STRIKE_POLL_MS);
    }
    timeline.struck = since();
    await fault.strike();
    timeline.recovered = since();
    return true;
  })();
  // A fault that fails to strike fails the test, but only once the traffic it would have disturbed is done.
  striking.catch(() => undefined);
  await sendTraffic(driver, plan);
  timeline.acknowledged = since();
  giveUpStrikingAt = Date.now() + ARRIVAL_TIMEOUT_MS;
  const struck = await striking;

  const { result, pending } = await untilSettled(observe, stage);
  timeline.settled = since();

  const problems = [
    ...(struck ? [] : [`the fault never struck: ${when} reached only ${Math.round(reached * 100)} %, not ${FAULT_AT * 100} %`]),
    ...(await itemProblems(stage, result, plan)),
    ...requestProblems(driver),
    ...standInProblems(stage),
    ...stage.appReport().unexpectedExits,
    ...(typeof pending === 'string' ? [pending] : isSettled(pending) ? [] : [`after ${ARRIVAL_TIMEOUT_MS / 1000} s the app still owes ${describePending(pending)}`]),
  ];
  const failedAttempts = driver.failedAttempts();
  const outcome: Outcome = { findings: NOTHING_WRONG, tally: result, failedAttempts, timeline: timeline as Outcome['timeline'] };
  const summary = summarize(sizes, result, outcome);
  if (process.env.FAULT_TESTS_REPORT) console.log(summary);
  if (problems.length > 0) outcome.findings = [summary, ...problems, ...appErrors(stage)].join('\n');
  return outcome;
}

// Each thread's replies one after the other, the threads in parallel, with the customer messages and alerts
// in lanes as long, so they are still flowing when the fault strikes.
async function sendTraffic(driver: TrafficDriver, plan: ReturnType<typeof planTraffic>): Promise<void> {
  const laneLength = Math.max(...plan.replyLanes.map((lane) => lane.length));
  const lanes = (n: number) => Math.ceil(n / laneLength);
  await Promise.all([
    runLanes(plan.replyLanes, async (r) => {
      r.sent = await driver.slackEvent(r.label, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: AGENT, text: r.text, ts: r.ts, thread_ts: r.threadTs });
    }),
    runLanes(deal(plan.customerMessages, lanes(plan.customerMessages.length)), async (m) => {
      const path = `/api/v1/conversations/${encodeURIComponent(m.conversationId)}/messages`;
      m.sent = await driver.platformRequest(m.label, path, { id: m.id, text: m.text, at: new Date().toISOString() });
    }),
    runLanes(deal(plan.alerts, lanes(plan.alerts.length)), async (a) => {
      a.sent = await driver.platformRequest(a.label, '/api/v1/handoffs', alertFor(a));
    }),
  ]);
}

async function openThreads(stage: Stage, driver: TrafficDriver, run: string, count: number): Promise<Thread[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const conversationId = `conv_${run}_t${pad(i, 2)}`;
      const customerName = `Thread ${run} t${pad(i, 2)}`;
      const sent = await driver.platformRequest(`alert ${customerName}`, '/api/v1/handoffs', alertFor({ conversationId, customerName }));
      if (!sent.acknowledged) throw new Error(`setting up, ${sent.label} got ${describeAttempts(sent)}`);
      const [root] = await stage.slack.waitFor((c) => isRootOf(toPost(c), customerName), SETUP_WAIT_MS);
      const threadTs = (root!.response as { ts: string }).ts;
      // Handoff stores the ts only after Slack answered; its first post in the thread shows it has, and a
      // reply before then would, rightly, not be recognised as being in an alert's thread.
      await stage.slack.waitFor((c) => toPost(c).posted && c.args.thread_ts === threadTs, SETUP_WAIT_MS);
      return { conversationId, customerName, threadTs };
    }),
  );
}

function planTraffic(run: string, threads: Thread[], sizes: typeof TRAFFIC) {
  const replyLanes: Reply[][] = threads.map(() => []);
  for (let n = 0; n < sizes.agentReplies; n++) {
    const thread = threads[n % threads.length]!;
    const text = `reply ${run} ${thread.conversationId.slice(-3)} n${pad(n)}`;
    replyLanes[n % threads.length]!.push({ label: text, conversationId: thread.conversationId, threadTs: thread.threadTs, text, ts: nextMessageTs() });
  }
  const customerMessages: CustomerMessage[] = Array.from({ length: sizes.customerMessages }, (_, n) => {
    const thread = threads[n % threads.length]!;
    const text = `customer ${run} m${pad(n)}`;
    return { label: text, conversationId: thread.conversationId, threadTs: thread.threadTs, id: `cm_${run}_${pad(n)}`, text };
  });
  const alerts: Alert[] = Array.from({ length: sizes.alerts }, (_, n) => {
    const customerName = `Alert ${run} a${pad(n)}`;
    return { label: `alert ${customerName}`, conversationId: `conv_${run}_a${pad(n)}`, customerName };
  });
  return { replyLanes, replies: replyLanes.flat(), customerMessages, alerts };
}

function alertFor(a: { conversationId: string; customerName: string }): Record<string, unknown> {
  return alertBody({ conversationId: a.conversationId, customer: { id: `cus_${a.conversationId}`, name: a.customerName } });
}

export function toPost(call: SlackCall): SlackPost {
  const threadTs = typeof call.args.thread_ts === 'string' ? call.args.thread_ts : undefined;
  return {
    channel: String(call.args.channel),
    threadTs,
    text: String(call.args.text ?? ''),
    posted: call.method === 'chat.postMessage' && call.status === 200 && call.response.ok === true,
  };
}

function isRootOf(post: SlackPost, customerName: string): boolean {
  return post.posted && post.channel === ALERTS_CHANNEL && post.threadTs === undefined && post.text.includes(customerName);
}

function toReplyDelivery(d: PlatformDelivery): ReplyDelivery[] {
  const body = d.body as { type?: string; conversationId?: string; data?: { messageId?: string; text?: string } } | undefined;
  if (body?.type !== 'agent.message') return [];
  return [{ webhookId: String(d.headers['webhook-id']), conversationId: String(body.conversationId), messageId: String(body.data?.messageId), text: String(body.data?.text) }];
}

// Polls until everything expected has arrived and the database says nothing more is owed (so a duplicate still
// on its way cannot be missed), or the time is up.
async function untilSettled(observe: () => Tally, stage: Stage): Promise<{ result: Tally; pending: PendingWork | string }> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    const result = observe();
    const timeUp = Date.now() > deadline;
    if (isComplete(result) || timeUp) {
      const pending = await pendingWork(stage.pg.url()).catch((err: Error) => `the app's database could not be read: ${err.message}`);
      if (timeUp || (typeof pending !== 'string' && isSettled(pending))) return { result, pending };
    }
    await sleep(POLL_MS);
  }
}

async function itemProblems(stage: Stage, t: Tally, plan: ReturnType<typeof planTraffic>): Promise<string[]> {
  const replyByText = new Map(plan.replies.map((r) => [r.text, r]));
  const messageByText = new Map(plan.customerMessages.map((m) => [m.text, m]));
  const alertByName = new Map(plan.alerts.map((a) => [a.customerName, a]));
  const lostReplies = t.replies.lost.map((text) => replyByText.get(text)!);
  const lostMessages = t.customerMessages.lost.map((text) => messageByText.get(text)!);
  const missingAlerts = t.alerts.missing.flatMap((name) => alertByName.get(name) ?? []);
  const where = await whereAreThey(stage.pg.url(), {
    replyTs: lostReplies.map((r) => r.ts),
    customerMessageIds: lostMessages.map((m) => m.id),
    conversationIds: missingAlerts.map((a) => a.conversationId),
  }).catch((err: Error) => new Map<string, string>([['', `database unreadable: ${err.message}`]]));
  const stored = (key: string) => where.get(key) ?? where.get('') ?? 'not in the database';
  const lost = (item: Planned, key: string) => `${item.label}: ${describeAttempts(item.sent)}; ${stored(key)}`;
  const total = { replies: plan.replies.length, messages: plan.customerMessages.length, alerts: t.alerts.threaded + t.alerts.missing.length + t.alerts.several.length };
  return [
    ...section(`${lostReplies.length} of ${total.replies} agent replies never reached the platform (${whoAcknowledged(lostReplies)})`, lostReplies.map((r) => lost(r, r.ts))),
    ...section(`${t.replies.duplicated.length} agent replies reached the platform under more than one webhook-id`, t.replies.duplicated.map((d) => `${d.text}: ${d.webhookIds.join(', ')}`)),
    ...section(`${t.replies.outOfOrder.length} conversations got agent replies out of order`, t.replies.outOfOrder.map((o) => `${o.conversationId}: ${o.arrived} arrived where ${o.expected} was due`)),
    ...section(`${t.replies.unexpected.length} delivered agent replies were never sent`, t.replies.unexpected),
    ...section(`${lostMessages.length} of ${total.messages} customer messages never showed in their thread (${whoAcknowledged(lostMessages)})`, lostMessages.map((m) => lost(m, m.id))),
    ...section(`${t.customerMessages.duplicated.length} customer messages showed more than once`, t.customerMessages.duplicated.map((d) => `${d.text}: ${d.times} times`)),
    ...section(`${t.alerts.missing.length} of ${total.alerts} alerts never got a thread`, t.alerts.missing.map((name) => { const a = alertByName.get(name); return a ? lost(a, a.conversationId) : name; })),
    ...section(`${t.alerts.several.length} alerts got more than one thread`, t.alerts.several.map((s) => `${s.name}: ${s.times} alert messages`)),
  ];
}

function requestProblems(driver: TrafficDriver): string[] {
  const unacknowledged = driver.unacknowledged();
  return section(`${unacknowledged.length} requests never got a 2xx`, unacknowledged.map((r) => `${r.label}: ${describeAttempts(r)}`));
}

function standInProblems(stage: Stage): string[] {
  const unverified = stage.platform.deliveries().filter((d) => !d.verified);
  return [
    ...section(`${unverified.length} platform deliveries failed signature verification`, unverified.map((d) => `${d.verifyError}: ${d.raw}`)),
    ...section('platform deliveries that break the documented contract', stage.platform.problems().map((p) => `${p.problems.join('; ')}: ${p.raw}`)),
    ...section('Slack calls the stand-in refused', stage.slack.problems().map((p) => `${p.method}: ${p.messages.join('; ')}`)),
  ];
}

// What the app logged at error level, counted by message: often the why of a loss.
function appErrors(stage: Stage): string[] {
  const counts = new Map<string, number>();
  for (const line of stage.appReport().errors) {
    const [app, json] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)];
    const entry = JSON.parse(json) as { msg?: string; err?: { type?: string; code?: string; message?: string; stack?: string } | string };
    const e = typeof entry.err === 'string' ? { message: entry.err } : entry.err;
    // Prisma puts the cause on the last line of a long message; most errors have just one line.
    const err = e && [e.type, e.code, e.message?.trim().split('\n').pop()].filter(Boolean).join(' ');
    // Job ids and message ids differ on every line; without them the same failure counts as one.
    const key = `${app}: ${entry.msg}${err ? `: ${err}` : ''}`.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|msg_[A-Za-z0-9_]+/g, '…');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return section('the app logged these errors', [...counts].map(([key, n]) => `${n}× ${key}`));
}

function section(title: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LISTED).map((i) => `  - ${i}`);
  return [`${title}:`, ...shown, ...(items.length > LISTED ? [`  … and ${items.length - LISTED} more`] : [])];
}

// Which process said it had each item: the one that lost it, when it was acknowledged and then dropped.
function whoAcknowledged(items: Planned[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const app = item.sent?.attempts.find((a) => typeof a.outcome === 'number' && a.outcome < 300)?.app;
    const key = app === undefined ? 'never acknowledged' : `acknowledged by app #${app}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} ${key}`).join(', ');
}

function describeAttempts(sent: SentRequest | undefined): string {
  if (!sent) return 'never sent';
  const answers = sent.attempts.map((a) => `${a.outcome} from app #${a.app}`);
  return `${sent.acknowledged ? 'acknowledged' : 'not acknowledged'} after ${answers.join(', ')}`;
}

function describePending(p: PendingWork): string {
  return `${p.deliveries} platform deliveries, ${p.threadPosts} thread posts and ${p.rootPosts} alert messages`;
}

function summarize(sizes: typeof TRAFFIC, t: Tally, o: Outcome): string {
  const resent = Object.entries(o.failedAttempts).map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
  const { struck, recovered, acknowledged, settled } = o.timeline;
  return [
    `${sizes.agentReplies} agent replies in ${sizes.conversations} threads: ${t.replies.delivered} delivered, ${t.replies.lost.length} lost, ${t.replies.duplicated.length} duplicated, ${t.replies.outOfOrder.length} threads out of order`,
    `${sizes.customerMessages} customer messages: ${t.customerMessages.posted} posted, ${t.customerMessages.lost.length} lost, ${t.customerMessages.duplicated.length} duplicated`,
    `${sizes.conversations + sizes.alerts} alerts: ${t.alerts.threaded} with one thread, ${t.alerts.missing.length} without, ${t.alerts.several.length} with several`,
    `attempts without a 2xx (resent): ${resent}`,
    `fault struck at ${struck ?? '-'} s, over at ${recovered ?? '-'} s; traffic acknowledged at ${acknowledged} s; counted at ${settled} s`,
  ].join('\n');
}
