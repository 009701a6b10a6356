import { WAIT_MS } from './timeouts';
import type http from 'node:http';
import { LocalHttpServer, type Reply } from './local-http';
import { type Args, callProblems, methodRef, parseRequest } from './slack-api-contract';
import { RESPONDERS, type SlackResult } from './slack-stand-in-methods';
import { type DeepPartial, FILE_PATH, fileContent, type SlackChannel, type SlackFile, type SlackUser, SlackWorkspace } from './slack-workspace';
import { findPings } from './slack-pings';
import { type Consent, DEFAULT_TEAM, type SlackTeam } from './slack-teams';
import { type LimitStats, type RateLimit, SLACK_RATE_LIMITS, SlackRateLimiter } from './slack-rate-limits';
import { waitForRecords } from './wait-for';

export { APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID } from './slack-workspace';
export type { SlackChannel, SlackFile, SlackUser } from './slack-workspace';
export type { Consent, SlackTeam } from './slack-teams';

// Called with the app's client credentials rather than a bot token.
const TOKENLESS = new Set(['oauth.v2.access']);

export interface SlackCall {
  method: string;
  // As Slack received them: form values stay strings ('true', '42'); blocks/attachments/view/metadata are parsed.
  args: Args;
  token?: string;
  at: number;
  status: number;
  response: SlackResult;
}

// A request for a file's contents (url_private / url_private_download), as files.slack.com received it.
export interface FileDownload {
  fileId: string;
  token?: string;
  status: number;
}

export interface SlackCallProblem {
  method: string;
  messages: string[];
  args: Args;
}

export interface FailureSpec {
  status?: number;
  error?: string;
  retryAfter?: number;
  times?: number;
}

interface ArmedFailure {
  spec: FailureSpec;
  remaining: number;
}

// Stands in for https://slack.com/api/ : pass `url` as WebClient's `slackApiUrl` (or Bolt's clientOptions).
// It also serves file contents, as files.slack.com does: the URLs files.info gives point at it.
export class SlackStandIn {
  private readonly http = new LocalHttpServer((req, raw) => this.handle(req, raw));
  private readonly workspace = new SlackWorkspace(() => this.http.url);
  private readonly recorded: SlackCall[] = [];
  private readonly downloads: FileDownload[] = [];
  private readonly refused: SlackCallProblem[] = [];
  private readonly failures = new Map<string, ArmedFailure[]>();
  // Time-bound failures (a rate limit that lasts a while), checked before the counted ones.
  private readonly failingUntil = new Map<string, { spec: FailureSpec; until: number }>();
  private readonly delays = new Map<string, number>();
  private rateLimiter?: SlackRateLimiter;

  // `checkCalls: false` answers without checking calls against Slack's method reference and the Block Kit
  // schema: for the benchmark, whose load would otherwise spend its time here. The tests always check.
  constructor(private readonly options: { checkCalls?: boolean } = {}) {}

  async start(): Promise<{ url: string }> {
    // Fail at start-up, not mid-test, if a served method has no vendored reference to validate against.
    for (const method of Object.keys(RESPONDERS)) methodRef(method);
    await this.http.start();
    return { url: this.url };
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get url(): string {
    return `${this.http.url}/api/`;
  }

  calls(method?: string): SlackCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method);
  }

  problems(): SlackCallProblem[] {
    return [...this.refused];
  }

  // Fails when any recorded call carries a ping or link Handoff did not build; mentions of `allowedIds` are ours.
  assertNoUntrustedPings(allowedIds: Iterable<string> = []): void {
    const allowed = [...allowedIds];
    const offending = this.recorded.flatMap((c) => {
      const pings = findPings(JSON.stringify(c.args), allowed);
      return pings.length > 0 ? [`${c.method}: ${pings.join(' ')}`] : [];
    });
    if (offending.length > 0) throw new Error(`Slack calls carry pings or links from untrusted text:\n${offending.join('\n')}`);
  }

  fileDownloads(): FileDownload[] {
    return [...this.downloads];
  }

  // The bytes the stand-in serves for a file.
  fileContent(id: string): Buffer {
    return fileContent(this.workspace.file(id));
  }

  // Forgets calls, downloads, problems, faults, delays and workspace configuration; ts and ids keep increasing.
  reset(): void {
    this.recorded.length = 0;
    this.downloads.length = 0;
    this.refused.length = 0;
    this.failures.clear();
    this.failingUntil.clear();
    this.delays.clear();
    this.rateLimiter = undefined;
    this.workspace.reset();
  }

  // Default (no status/error) is one HTTP 500. retryAfter implies HTTP 429 with a Retry-After header.
  failNext(method: string, spec: FailureSpec = {}): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ spec, remaining: spec.times ?? 1 });
    this.failures.set(method, queue);
  }

  // Every call of `method` in the next `ms` fails as `spec` says, e.g. { retryAfter: 2 } for a rate limit that
  // lasts a while; Slack keeps answering 429 however often it is asked.
  failFor(method: string, ms: number, spec: FailureSpec = {}): void {
    this.failingUntil.set(method, { spec, until: Date.now() + ms });
  }

  // From now on (until reset) calls beyond Slack's limits are answered 429 with a Retry-After, as Slack does;
  // without this the stand-in takes any number of calls. `limits` replaces the defaults, method by method.
  enforceRateLimits(limits: Record<string, RateLimit> = SLACK_RATE_LIMITS): void {
    this.rateLimiter = new SlackRateLimiter(limits);
  }

  // Per limit ('chat.postMessage C0ALERTS', 'chat.update'…): calls let through, 429s, the longest run of 429s.
  rateLimitReport(): Record<string, LimitStats> {
    return this.rateLimiter?.report() ?? {};
  }

  // Every later call of `method` is answered after `ms` (0 removes the delay).
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  setUser(id: string, patch: DeepPartial<SlackUser>): void {
    this.workspace.setUser(id, patch);
  }

  setChannel(id: string, patch: DeepPartial<SlackChannel>): void {
    this.workspace.setChannel(id, patch);
  }

  setFile(id: string, patch: DeepPartial<SlackFile>): void {
    this.workspace.setFile(id, patch);
  }

  // The app's OAuth credentials, which oauth.v2.access then requires.
  registerApp(clientId: string, clientSecret: string): void {
    this.workspace.teams.registerApp(clientId, clientSecret);
  }

  // An installer allowed the app on Slack's consent screen: the code Slack sends back to the redirect URL.
  consent(consent: Consent): string {
    return this.workspace.teams.consent(consent);
  }

  // The bot tokens oauth.v2.access issued in a workspace, oldest first.
  tokensOf(team: SlackTeam): string[] {
    return this.workspace.teams.tokensOf(team.id);
  }

  // The app was removed from a workspace: its tokens stop working.
  uninstall(team: SlackTeam): void {
    this.workspace.teams.uninstall(team.id);
  }

  // Serves Socket Mode: apps.connections.open answers with this websocket URL.
  setSocketModeUrl(url: string): void {
    this.workspace.socketModeUrl = url;
  }

  setUserGroup(id: string, userIds: string[]): void {
    this.workspace.setUserGroup(id, userIds);
  }

  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = WAIT_MS, minCount = 1): Promise<SlackCall[]> {
    return waitForRecords(() => this.recorded, predicate, {
      timeoutMs, minCount, label: 'Slack API calls',
      describe: (c) => `${c.method} → ${c.status} ${JSON.stringify(c.response.error ?? 'ok')} ${JSON.stringify(c.args)}`,
    });
  }

  private async handle(req: http.IncomingMessage, raw: string): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const fileId = FILE_PATH.exec(url.pathname)?.[1];
    if (req.method === 'GET' && fileId) return this.serveFile(fileId, req.headers.authorization);
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !method) return { status: 404, body: `not a Slack Web API call: ${req.method} ${url.pathname}` };
    const request = parseRequest(req.headers['content-type'], raw, url.searchParams, req.headers.authorization, TOKENLESS.has(method));
    const problems = !RESPONDERS[method] ? [`${method} is not served by the stand-in`] : this.options.checkCalls === false ? [] : callProblems(method, request);
    const reply = this.answer(method, request, problems);
    this.recorded.push({ method, args: request.args, token: request.token, at: Date.now(), status: reply.status, response: reply.body as SlackResult });
    const delayMs = this.delays.get(method);
    if (delayMs) await this.http.sleep(delayMs);
    return reply;
  }

  // Like files.slack.com, only to a bot of the workspace: the token must come as a Bearer header.
  private serveFile(fileId: string, authorization: string | undefined): Reply {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const reply: Reply = /^(xoxe\.)?xoxb-/.test(token ?? '')
      ? this.fileReply(this.workspace.file(fileId))
      : { status: 403, body: 'files need the bot token as Authorization: Bearer xoxb-…' };
    this.downloads.push({ fileId, token, status: reply.status });
    return reply;
  }

  private fileReply(file: SlackFile): Reply {
    const body = fileContent(file);
    return { status: 200, headers: { 'content-type': file.mimetype, 'content-length': String(body.length) }, body };
  }

  private answer(method: string, { args, token }: { args: Args; token?: string }, problems: string[]): Reply {
    const responder = RESPONDERS[method];
    if (!responder) {
      this.refused.push({ method, messages: problems, args });
      return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
    if (problems.length > 0) {
      this.refused.push({ method, messages: problems, args });
      // Slack's own format for argument errors; WebClient logs `[ERROR]` messages.
      return { status: 200, body: { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } } };
    }
    const retryAfter = this.rateLimiter?.take(method, args.channel);
    if (retryAfter !== undefined) return failureReply({ retryAfter });
    const failure = this.takeFailure(method);
    if (failure) return failureReply(failure);
    const caller = this.workspace.teams.callerOf(token);
    if (typeof caller === 'string' && !TOKENLESS.has(method)) return { status: 200, body: { ok: false, error: caller } };
    return { status: 200, body: responder(args, this.workspace, typeof caller === 'string' ? DEFAULT_TEAM : caller) };
  }

  private takeFailure(method: string): FailureSpec | undefined {
    const window = this.failingUntil.get(method);
    if (window && Date.now() < window.until) return window.spec;
    const queue = this.failures.get(method);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    if (--next.remaining <= 0) queue.shift();
    return next.spec;
  }
}

function failureReply(spec: FailureSpec): Reply {
  if (spec.status === 429 || spec.retryAfter !== undefined) {
    return { status: 429, headers: { 'retry-after': String(spec.retryAfter ?? 1) }, body: { ok: false, error: spec.error ?? 'ratelimited' } };
  }
  if (spec.status === undefined && spec.error !== undefined) return { status: 200, body: { ok: false, error: spec.error } };
  return { status: spec.status ?? 500, body: { ok: false, error: spec.error ?? 'internal_error' } };
}
