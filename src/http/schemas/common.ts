import { z } from 'zod';
import { HandoffError, type Issue } from '../../errors';

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
export const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-11-23T10:00:00Z' });

// The platform's own id for its customer, in multi-workspace mode; also a URL path segment.
export const accountId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 letters, digits, ".", "_", ":" or "-"');

export const attachment = z.object({
  url: httpUrl,
  name: z.string().max(255).optional(),
  mimeType: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
});

// PostgreSQL cannot store U+0000 in text or JSON, and the other C0 control characters mean nothing in a chat
// message but tab, line feed and carriage return. A request carrying one is refused, naming the field, rather
// than stored altered: an id or a key with a character silently taken out could become someone else's.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

// Parses a request body, turning every problem into a path and a reason the sender can act on. Control
// characters are looked for in what the schema accepted, which is every field Handoff keeps: fields it does
// not know are dropped unread.
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw invalid('Invalid request body', result.error.issues.map((i) => ({ path: dotted(i.path), message: i.message })));
  const issues = controlCharacterIssues(result.data, []);
  if (issues.length > 0) throw invalid('Invalid request body', issues);
  return result.data;
}

// A path parameter is text the platform sent like any field, and is held to the same rule.
export function pathParam(name: string, value: string): string {
  const issues = controlCharacterIssues(value, [name]);
  if (issues.length > 0) throw invalid('Invalid path', issues);
  return value;
}

function controlCharacterIssues(value: unknown, path: PropertyKey[]): Issue[] {
  if (typeof value === 'string') {
    const found = CONTROL_CHARACTER.exec(value);
    return found ? [{ path: dotted(path), message: `contains ${controlCharacterProblem(found[0])}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => controlCharacterIssues(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const found = CONTROL_CHARACTER.exec(key);
    // Named by its object: the key itself would put the character into the answer.
    const inKey = found ? [{ path: dotted(path), message: `has a key that contains ${controlCharacterProblem(found[0])}` }] : [];
    return [...inKey, ...controlCharacterIssues(item, [...path, key])];
  });
}

function controlCharacterProblem(character: string): string {
  const code = `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `the control character ${code}; none but tab, line feed and carriage return are accepted`;
}

function dotted(path: PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}

function invalid(what: string, issues: Issue[]): HandoffError {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new HandoffError('invalid_request', `${what}: ${summary}`, issues);
}
