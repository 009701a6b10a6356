import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOBS, QUEUE_NAMES } from '../../src/jobs/definitions';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { waitForSettled } from '../helpers/settle';
import { openConversation, waitUntil } from '../helpers/slack-user';

let h: Harness;
let redis: IORedis;
let upkeep: Queue;
beforeAll(async () => {
  // Handoff as deployed: a web replica and two workers, the reminder tick on a one-second schedule.
  h = await startHarness({ SWEEP_EVERY_MS: '1000' }, { replicas: { web: 1, workers: 2 } });
  redis = new IORedis(h.config.redis.url, { maxRetriesPerRequest: null });
  upkeep = new Queue(QUEUE_NAMES.upkeep, { connection: redis, prefix: h.config.redis.queuePrefix });
});
afterAll(async () => {
  await upkeep.close();
  redis.disconnect();
  await h.stop();
});

async function ticksRun(): Promise<number> {
  return (await upkeep.getCompleted(0, -1)).filter((job) => job.name === JOBS.remind.name).length;
}

describe('reminders on two worker replicas', () => {
  it('posts the reminder line and the escalation once, whichever worker ticks', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    // Waiting for over twice its five-minute target.
    await h.app.db.conversation.update({ where: { id: c.id }, data: { statusChangedAt: new Date(Date.now() - 11 * 60_000) } });
    const line = (call: { method: string; args: Record<string, unknown> }) =>
      call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('Nobody has taken');
    const escalation = (call: { method: string; args: Record<string, unknown> }) =>
      call.method === 'chat.postMessage' && call.args.channel === ALERTS_CHANNEL && !call.args.thread_ts && String(call.args.text).includes('with nobody on it');
    await h.slack.waitFor(line);
    await h.slack.waitFor(escalation);

    // Three more ticks after both went out find nothing left to send.
    const after = await ticksRun();
    await waitUntil(async () => (await ticksRun()) >= after + 3, 15_000);
    await waitForSettled(h);
    expect(h.slack.calls('chat.postMessage').filter(line)).toHaveLength(1);
    expect(h.slack.calls('chat.postMessage').filter(escalation)).toHaveLength(1);
    expect(await h.app.db.reminder.count({ where: { conversationId: c.id } })).toBe(2);
    expect(h.slack.problems()).toEqual([]);
  });
});
