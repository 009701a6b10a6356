import { alertBody } from './alerts';
import { ALERTS_CHANNEL, type Harness } from './harness';
import { waitForSettled } from './settle';
import type { SlackCall } from './slack-stand-in';
import { nextMessageTs, sendEvent, waitUntil } from './slack-user';

// An alert storm into the one alerts channel: every alert raised at once, and an agent replying in each thread
// as soon as its alert is in Slack. Each alert owes the channel a root, the intro notice and the transcript;
// each reply adds a take-over line, a ✔️ reaction and a root refresh.

export interface StormResult {
  startedAt: number;
  // Every chat.postMessage into the alerts channel that Slack took, in the order it took them.
  posts: SlackCall[];
  // From the agent's reply reaching /slack/events to the customer's webhook receiving it.
  replyLatenciesMs: number[];
  // Posts lost, posted twice or out of order in their thread; empty when nothing went wrong.
  problems: string[];
}

const POLL_MS = 25;
const AGENT = 'U0AGENT1';

interface Posted {
  id: string;
  externalId: string;
  slackThreadTs: string | null;
  threadPosts: { seq: bigint }[];
}

async function raiseAlerts(h: Harness, externalIds: string[]): Promise<void> {
  await Promise.all(
    externalIds.map(async (conversationId) => {
      const res = await h.platformRequest('/api/v1/handoffs', alertBody({ conversationId }));
      if (res.status !== 202) throw new Error(`alert ${conversationId} answered ${res.status}: ${await res.text()}`);
      await res.body?.cancel();
    }),
  );
}

// Replies in each thread once its root is recorded; answers when each reply was sent, by its text.
async function replyAsRootsArrive(h: Harness, externalIds: string[], runId: string, deadline: number): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const replied = new Set<string>();
  while (replied.size < externalIds.length) {
    if (Date.now() > deadline) throw new Error(`only ${replied.size} of ${externalIds.length} alerts reached Slack in time`);
    const rooted = await h.app.db.conversation.findMany({
      where: { externalId: { in: externalIds.filter((id) => !replied.has(id)) }, slackThreadTs: { not: null } },
      select: { externalId: true, slackThreadTs: true },
    });
    for (const c of rooted) {
      const text = `storm reply ${runId} ${c.externalId}`;
      sentAt.set(text, Date.now());
      await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: AGENT, text, ts: nextMessageTs(), thread_ts: c.slackThreadTs });
      replied.add(c.externalId);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return sentAt;
}

const markOf = (call: SlackCall) => (call.args.metadata as { event_payload?: { id?: string } } | undefined)?.event_payload?.id;

// What a person reading the channel would find wrong: an alert or thread post missing, one shown twice, or a
// thread whose posts arrived out of the order they were written.
export function postingProblems(posts: SlackCall[], conversations: Posted[]): string[] {
  const problems: string[] = [];
  for (const c of conversations) {
    const roots = posts.filter((p) => p.args.thread_ts === undefined && markOf(p) === `root:${c.id}`);
    if (roots.length !== 1) problems.push(`${c.externalId}: its alert was posted ${roots.length} times`);
    const inThread = posts
      .filter((p) => p.args.thread_ts === c.slackThreadTs)
      .map(markOf)
      .filter((m): m is string => m?.startsWith('post:') ?? false);
    if (new Set(inThread).size !== inThread.length) problems.push(`${c.externalId}: a thread post was posted twice`);
    const seqs = inThread.map((m) => BigInt(m.split(':')[1]!));
    for (const { seq } of c.threadPosts) {
      if (!seqs.includes(seq)) problems.push(`${c.externalId}: thread post ${seq} is missing`);
    }
    if (seqs.some((s, i) => i > 0 && s < seqs[i - 1]!)) problems.push(`${c.externalId}: thread posts out of order (${seqs.join(', ')})`);
  }
  return problems;
}

export async function alertStorm(h: Harness, { alerts, runId, timeoutMs }: { alerts: number; runId: string; timeoutMs: number }): Promise<StormResult> {
  const externalIds = Array.from({ length: alerts }, (_, i) => `storm_${runId}_${i}`);
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  await raiseAlerts(h, externalIds);
  const sentAt = await replyAsRootsArrive(h, externalIds, runId, deadline);
  const isReply = (d: { body: unknown }) => sentAt.has(String((d.body as { data?: { text?: string } }).data?.text));
  const delivered = await h.platform.waitFor(isReply, Math.max(1000, deadline - Date.now()), alerts);
  const replyLatenciesMs = delivered.map((d) => d.at - sentAt.get((d.body as { data: { text: string } }).data.text)!);
  const where = { externalId: { in: externalIds } };
  await waitUntil(async () => (await h.app.db.threadPost.count({ where: { conversation: where, slackTs: null } })) === 0, Math.max(1000, deadline - Date.now()));
  await waitForSettled(h, Math.max(1000, deadline - Date.now()));
  const conversations = await h.app.db.conversation.findMany({
    where,
    select: { id: true, externalId: true, slackThreadTs: true, threadPosts: { select: { seq: true } } },
  });
  const posts = h.slack.calls('chat.postMessage').filter((c) => c.args.channel === ALERTS_CHANNEL && c.status === 200 && c.at >= startedAt);
  return { startedAt, posts, replyLatenciesMs, problems: postingProblems(posts, conversations) };
}
