// Finds what Slack would act on in a payload: broadcasts and special commands (<!channel>, <!subteam^S1>),
// mentions (<@U…>, <#C…>) and links (<https://…>, <…|label>). Everything Handoff builds itself is known and
// allowed: a date (<!date^…>, with the formats and fallbacks of slack/blocks/mention.ts) and the mentions of
// the people and user groups whose ids the caller passes, in mrkdwn or as rich-text leaves. Anything else came
// from text someone else wrote.

// Whatever is between two angle brackets, innermost first, so "<<!here>>" is found as "<!here>".
const SEQUENCE = /<([^<>]*)>/g;
const LINK = /^[a-z][a-z0-9+.-]*:/i;
// The same in a rich-text leaf, which names what it mentions by id instead.
const LEAF = /"type":"(?:user|usergroup|channel|team|broadcast)","(?:user_id|usergroup_id|channel_id|team_id|range)":"([^"]*)"/g;
const OUR_DATE = /^!date\^\d+\^\{[a-z_]+\}(?: at \{time\})?\|(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC$/;

export function findPings(json: string, allowedIds: Iterable<string> = []): string[] {
  const allowed = new Set(allowedIds);
  const found: string[] = [];
  for (const [sequence, inside = ''] of json.matchAll(SEQUENCE)) {
    if (OUR_DATE.test(inside) || (inside.startsWith('@') && allowed.has(inside.slice(1)))) continue;
    if (inside.startsWith('!subteam^') && allowed.has(inside.slice('!subteam^'.length))) continue;
    if (/^[!@#]/.test(inside) || inside.includes('|') || LINK.test(inside)) found.push(sequence);
  }
  for (const [leaf, id = ''] of json.matchAll(LEAF)) {
    if (!allowed.has(id)) found.push(leaf);
  }
  return found;
}
