// Tags the bot platform sends with an alert. They land next to the ones agents add in the tag modal, so they
// keep to the same length.
export const ALERT_TAGS = { count: 20, length: 50 } as const;

// As many as the tag modal can list for a conversation (Slack's 100 options): a tag left off that list could
// no longer be taken off, so later alerts add none past it.
export const CONVERSATION_TAGS = 100;

// Line breaks, tabs and invisible control characters would make a tag that looks like another, or one Slack
// shows as blank (and so could never be picked to take it off): wherever a tag comes from, it is read so.
export function normaliseTag(raw: string): string {
  return raw.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

// Tags that differ only in case are one tag: "VIP" from the platform does not end up next to an agent's "vip".
export function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// Each tag once, in the spelling it first came in, so what an agent or an earlier alert wrote stays as it was.
export function addTags(current: readonly string[], added: readonly string[]): string[] {
  const tags = [...current];
  for (const tag of added) {
    if (tags.length >= CONVERSATION_TAGS) break;
    if (!tags.some((t) => sameTag(t, tag))) tags.push(tag);
  }
  return tags;
}
