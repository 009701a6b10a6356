import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { waitForQueuesDrained } from '../helpers/settle';
import { TEST_REDIS_URL } from '../helpers/services';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';

const redis = { url: TEST_REDIS_URL, queuePrefix: uniqueQueuePrefix() };
const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const slack = new Queue('slack', { connection, prefix: redis.queuePrefix });

afterAll(async () => {
  await slack.close();
  connection.disconnect();
  await clearQueuePrefix(redis.queuePrefix);
});

describe('waitForQueuesDrained', () => {
  it('resolves at once when no job is left', async () => {
    await expect(waitForQueuesDrained(redis, 1_000)).resolves.toBeUndefined();
  });

  it('keeps waiting while a job is only delayed, as a retry is, and names what is left', async () => {
    const job = await slack.add('sync-thread', {}, { delay: 60_000 });
    await expect(waitForQueuesDrained(redis, 200)).rejects.toThrow(/still had work after 200 ms: \{"slack":\{[^}]*"delayed":1/);
    await job.remove();
    await expect(waitForQueuesDrained(redis, 1_000)).resolves.toBeUndefined();
  });
});
