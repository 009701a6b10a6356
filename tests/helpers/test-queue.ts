import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { TEST_REDIS_URL } from './services';

export function uniqueQueuePrefix(): string {
  return `handoff_test_${randomBytes(5).toString('hex')}`;
}

// Removes every key a test file's queues wrote, so Redis is left as the file found it.
export async function clearQueuePrefix(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
