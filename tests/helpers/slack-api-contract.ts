import { readFileSync } from 'node:fs';
import path from 'node:path';
import { messageProblems, viewProblems } from './block-kit';

// What Slack's own method reference (vendored, unmodified) says a call must look like.
const REF_DIR = path.resolve(__dirname, '../fixtures/vendor/slack-methods');

interface MethodRef {
  json_input_supported?: boolean;
  args: { required?: string[]; properties?: Record<string, unknown> };
}

export type Args = Record<string, unknown>;

export interface ParsedRequest {
  args: Args;
  token?: string;
  json: boolean;
  problems: string[];
}

// @slack/web-api form-encodes every call and JSON-stringifies non-scalar values; Slack parses these back.
const JSON_VALUED_ARGS = ['blocks', 'attachments', 'view', 'metadata'];
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
// WebClient sends team_id on every call when constructed with `teamId` (org-wide installs); Slack accepts it.
const ALWAYS_ALLOWED_ARGS = new Set(['token', 'team_id']);

const refs = new Map<string, MethodRef>();

export function methodRef(method: string): MethodRef {
  let ref = refs.get(method);
  if (!ref) {
    ref = JSON.parse(readFileSync(path.join(REF_DIR, `${method}.json`), 'utf8')) as MethodRef;
    refs.set(method, ref);
  }
  return ref;
}

// `tokenless`: a method called with the app's client credentials instead of a token (oauth.v2.access).
export function parseRequest(contentType: string | undefined, raw: string, query: URLSearchParams, authorization?: string, tokenless = false): ParsedRequest {
  const problems: string[] = [];
  const json = (contentType ?? '').startsWith('application/json');
  const args: Args = Object.fromEntries(query);
  if (json) {
    const parsed = tryJson(raw || '{}');
    if (isRecord(parsed)) Object.assign(args, parsed);
    else problems.push('body is not a JSON object');
  } else if (raw.length > 0) {
    if (!(contentType ?? '').startsWith('application/x-www-form-urlencoded')) problems.push(`unsupported content-type ${contentType ?? '(none)'}`);
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
  }
  for (const key of JSON_VALUED_ARGS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    const parsed = tryJson(value);
    if (parsed === undefined) problems.push(`${key} is not valid JSON`);
    else args[key] = parsed;
  }
  const bodyToken = args.token;
  delete args.token;
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token && !tokenless) problems.push(bodyToken ? 'token sent in the body instead of an Authorization: Bearer header' : 'no Authorization: Bearer token');
  return { args, token, json, problems };
}

// Every reason Slack (or our own "always send fallback text" rule) would refuse this call.
export function callProblems(method: string, request: ParsedRequest): string[] {
  const ref = methodRef(method);
  const problems = [...request.problems];
  if (request.json && ref.json_input_supported !== true) problems.push(`${method} does not accept JSON bodies`);
  for (const name of ref.args.required ?? []) {
    if (name !== 'token' && isAbsent(request.args[name])) problems.push(`missing required argument: ${name}`);
  }
  const known = ref.args.properties ?? {};
  for (const name of Object.keys(request.args)) {
    if (!(name in known) && !ALWAYS_ALLOWED_ARGS.has(name)) problems.push(`unknown argument (Slack ignores it): ${name}`);
  }
  if (MESSAGE_METHODS.has(method)) problems.push(...messageProblems(request.args));
  const view = request.args.view;
  if (method.startsWith('views.') && view !== undefined) {
    // viewProblems inspects whatever it is given; the cast only satisfies its declared shape.
    if (isRecord(view)) problems.push(...viewProblems(view as Parameters<typeof viewProblems>[0]));
    else problems.push('view is not an object');
  }
  return problems;
}

export function isRecord(value: unknown): value is Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
