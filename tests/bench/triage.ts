import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { pressButton } from '../helpers/slack-user';
import { runConcurrently } from './concurrency';
import { openConversations } from './conversations';
import type { BenchSection } from './section';
import { distribution, perSecond, rate, spread } from './stats';

// Triage under contention: two agents press Take over on the same alert at the same moment, for many alerts
// at once. Measured: how long Slack waits for our acknowledgement (it gives up at 3 s), and how long until
// the platform is told to pause the AI. Exactly one of each pair must win.

export const triageSection: BenchSection = {
  name: 'triage',
  async run(h, { alerts, concurrency }) {
    const respond = new ResponseUrlStandIn();
    await respond.start();
    try {
      const runId = randomUUID().slice(0, 8);
      const conversations = await openConversations(h, `triage_${runId}`, Math.min(alerts, 500));
      const pressedAt = new Map<string, number>();
      const ackMs: number[] = [];
      const started = performance.now();
      await runConcurrently(conversations.length, concurrency, async (i) => {
        const c = conversations[i]!;
        pressedAt.set(c.externalId, Date.now());
        await Promise.all(
          ['U0ALICE', 'U0BOB'].map(async (userId) => {
            const t0 = performance.now();
            await pressButton(h, { actionId: 'conversation_take_over', value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });
            ackMs.push(performance.now() - t0);
          }),
        );
      });
      const ours = new Set(conversations.map((c) => c.externalId));
      const isTakeOver = (d: { body: unknown }) => {
        const body = d.body as { type: string; conversationId: string };
        return body.type === 'conversation.taken_over' && ours.has(body.conversationId);
      };
      const told = await h.platform.waitFor(isTakeOver, 120_000, conversations.length);
      const elapsed = performance.now() - started;
      await respond.waitFor(() => true, conversations.length);
      const winners = await h.app.db.conversationEvent.count({ where: { type: 'taken_over', conversation: { externalId: { in: [...ours] } } } });
      if (winners !== conversations.length || told.length !== conversations.length) {
        throw new Error(`expected one winner per conversation: ${winners} take-overs, ${told.length} platform events for ${conversations.length}`);
      }
      const ack = distribution(ackMs);
      const toPlatform = distribution(told.map((d) => d.at - pressedAt.get((d.body as { conversationId: string }).conversationId)!));
      return {
        title: `Triage: ${conversations.length} alerts, two simultaneous Take over presses each, ${concurrency} alerts in flight`,
        rows: [
          spread('Press → Slack acknowledged', ack, ['p50', 'p95', 'p99', 'max']),
          spread('Press → platform told', toPlatform, ['p50', 'p95', 'p99', 'max']),
          { label: 'Take-overs decided', values: [['rate', rate(perSecond(conversations.length, elapsed))]] },
        ],
        json: { conversations: conversations.length, presses: ackMs.length, concurrency, ackMs: ack, toPlatformMs: toPlatform, winners },
      };
    } finally {
      await respond.stop();
    }
  },
};
