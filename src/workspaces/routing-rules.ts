import { z } from 'zod';
import { CHANNEL_TYPES, PRIORITIES, REASONS } from '../domain/conversation';
import type { RoutingRule } from '../domain/routing';
import { ALERT_TAGS, normaliseTag } from '../domain/tags';

// The shape of a workspace's routing rules, checked where they come in (ROUTING_RULES at start-up) and again
// where they are read back from the workspace's row.

function oneOrMore<T extends readonly [string, ...string[]]>(values: T) {
  const message = `must be ${values.join(', ')}, or a list of them`;
  const value = z.enum(values, { error: message });
  return z.union([value, z.array(value, { error: message }).min(1, message)], { error: message }).optional();
}

// A tag no alert could carry would make a rule that never matches, so it is refused like a bad reason.
const tagMessage = `must be a tag of 1 to ${ALERT_TAGS.length} characters, or a list of them`;
const tag = z.string({ error: tagMessage }).transform(normaliseTag).pipe(z.string().min(1, tagMessage).max(ALERT_TAGS.length, tagMessage));
const tags = z.union([tag, z.array(tag, { error: tagMessage }).min(1, tagMessage)], { error: tagMessage }).optional();

const when = z.strictObject(
  {
    reason: oneOrMore(REASONS),
    priority: oneOrMore(PRIORITIES),
    channelType: oneOrMore(CHANNEL_TYPES),
    tags,
  },
  { error: 'must be an object of conditions (reason, priority, channelType, tags)' },
);

const rule = z
  .strictObject(
    {
      when: when.default({}),
      channel: z.string({ error: 'must be a channel ID such as C0123ABCD' }).regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel ID such as C0123ABCD (not a #name)').optional(),
      mention: z.string({ error: 'must be a user group ID such as S0123ABCD' }).regex(/^S[A-Z0-9]+$/, 'must be a user group ID such as S0123ABCD').optional(),
    },
    { error: 'must be an object with when, channel and mention' },
  )
  .refine((r) => r.channel || r.mention, { message: 'needs a channel, a mention or both', path: ['channel'] });

export const routingRules = z.array(rule, { error: 'must be a JSON array of rules' });

// "rule 2, when.priority: must be …": the rule by its index in the array and the field within it.
function describe(issue: z.core.$ZodIssue): string[] {
  const [index, ...field] = issue.path;
  if (index === undefined) return [issue.message];
  const where = (path: PropertyKey[]) => `rule ${String(index)}${path.length ? `, ${path.map(String).join('.')}` : ''}`;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${where([...field, key])}: is not a field of a routing rule`);
  }
  return [`${where(field)}: ${issue.message}`];
}

export type RulesParse = { ok: true; rules: RoutingRule[] } | { ok: false; problems: string[] };

export function parseRoutingRules(json: string): RulesParse {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, problems: [`is not valid JSON (${(err as Error).message})`] };
  }
  const result = routingRules.safeParse(value);
  return result.success ? { ok: true, rules: result.data } : { ok: false, problems: result.error.issues.flatMap(describe) };
}

// The rules stored on a workspace's row; a row that no longer parses routes nothing rather than failing alerts.
export function storedRoutingRules(value: unknown): RoutingRule[] {
  const result = routingRules.safeParse(value);
  return result.success ? result.data : [];
}
