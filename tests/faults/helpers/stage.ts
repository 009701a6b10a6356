import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { ALERTS_CHANNEL, whsec } from '../../helpers/harness';
import { PlatformStandIn } from '../../helpers/platform-stand-in';
import { SlackStandIn } from '../../helpers/slack-stand-in';
import { startApp, type AppProcess, type AppRole } from './app-process';
import { privateDir } from './leftovers';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { startPrivateRedis, type PrivateRedis } from './private-redis';
import type { Secrets, Target } from './traffic';

// Everything a fault scenario breaks, on loopback only: the built app as child processes, its own PostgreSQL
// and Redis, and stand-ins for Slack and the bot platform.
export interface Stage extends Target {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  slack: SlackStandIn;
  platform: PlatformStandIn;
  secrets: Secrets;
  // Starts another app process on the same database and queue prefix.
  startApp(role?: AppRole): Promise<AppProcess>;
  // SIGKILLs every app process that is running, or only those of one role.
  killApps(role?: AppRole): Promise<void>;
  // App processes that died without being killed, and what they logged at error level: why something was lost.
  appReport(): { unexpectedExits: string[]; errors: string[] };
  stop(): Promise<void>;
}

// Small enough that a delivery retried through an outage of a few seconds is not kept waiting long, large
// enough that eight attempts (the default) span about 25 s.
const JOB_BACKOFF_MS = '200';

export async function startStage(env: Record<string, string> = {}): Promise<Stage> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    // Everything gets its chance to stop, even after one failed, and only once however often this is called.
    for (const s of stops.splice(0).reverse()) await s().catch((err: unknown) => errors.push(err));
    if (errors.length > 0) throw new Error(`stopping the stage failed: ${errors.map(String).join('; ')}`);
  };
  try {
    const dir = await privateDir('app');
    stops.push(() => rm(dir, { recursive: true, force: true }));
    const [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    stops.push(() => pg.stop(), () => redis.stop());
    const slack = new SlackStandIn();
    const platformSecret = whsec();
    const platform = new PlatformStandIn(platformSecret);
    await Promise.all([slack.start(), platform.start()]);
    stops.push(() => slack.stop(), () => platform.stop());

    const secrets = { slackSigning: randomBytes(16).toString('hex'), platformSigning: whsec() };
    const appEnv = {
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-fault-test',
      SLACK_SIGNING_SECRET: secrets.slackSigning,
      SLACK_ALERTS_CHANNEL: ALERTS_CHANNEL,
      SLACK_API_URL: slack.url,
      DATABASE_URL: pg.url(),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'handoff',
      HANDOFF_SIGNING_SECRET: secrets.platformSigning,
      CUSTOMER_WEBHOOK_URL: platform.url,
      CUSTOMER_WEBHOOK_SECRET: platformSecret,
      RELAY_GRACE_SECONDS: '0',
      // The traffic is sized for a stand-in that never rate-limits; Slack's 429s are still honoured.
      SLACK_PACING: 'off',
      JOB_BACKOFF_MS,
      LOG_LEVEL: 'info',
      ...env,
    };
    const started: AppProcess[] = [];
    let running: AppProcess[] = [];
    let web: AppProcess | undefined;
    const killApps = async (role?: AppRole) => {
      const dying = running.filter((a) => role === undefined || a.role === role);
      running = running.filter((a) => !dying.includes(a));
      await Promise.all(dying.map((a) => a.kill()));
    };
    // Pushed last, so the apps die first, before the servers they talk to.
    stops.push(() => killApps());
    return {
      pg,
      redis,
      slack,
      platform,
      secrets,
      url: () => {
        if (!web?.url) throw new Error('no app process serving HTTP has been started');
        return web.url;
      },
      generation: () => web?.generation ?? 0,
      async startApp(role: AppRole = 'all') {
        const app = await startApp(appEnv, { dir, role, generation: started.length + 1 });
        started.push(app);
        running.push(app);
        if (app.url) web = app;
        return app;
      },
      killApps,
      appReport: () => ({
        unexpectedExits: started.flatMap((a) => {
          const exit = a.unexpectedExit();
          return exit ? [`app #${a.generation} (${a.role}) exited with ${exit.code}: ${exit.stderrLines.slice(-5).join(' | ')}`] : [];
        }),
        errors: started.flatMap((a) => a.errorLines().map((line) => `app #${a.generation}: ${line}`)),
      }),
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

// One stage per test file, started before its test and stopped after it whatever happened. `roles` are the
// app processes it starts with: one doing everything, or a web and a worker process as in a scaled deployment.
export function useStage(opts: { env?: Record<string, string>; roles?: AppRole[] } = {}): () => Stage {
  let stage: Stage | undefined;
  beforeAll(async () => {
    stage = await startStage(opts.env);
    for (const role of opts.roles ?? ['all']) await stage.startApp(role);
  });
  afterAll(() => stage?.stop());
  return () => {
    if (!stage) throw new Error('the stage did not start (see beforeAll)');
    return stage;
  };
}
