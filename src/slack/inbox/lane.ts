// Events that touch one thread (a reply, its edit or deletion, a reaction on the alert) are handled in the
// order they were stored, so an edit never overtakes the reply it edits (Slack sends an edit only after the
// reply, and the reply's 200 came after its commit). The lane is the thread: its channel and its parent's ts.
interface LaneFields {
  channel?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  item?: { channel?: unknown; ts?: unknown };
  message?: LaneFields;
  previous_message?: LaneFields;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parentTs(m: LaneFields | undefined): string | undefined {
  return text(m?.thread_ts) ?? text(m?.ts);
}

export function laneOf(event: Record<string, unknown>): string | null {
  const e = event as LaneFields;
  const channel = text(e.channel) ?? text(e.item?.channel);
  const parent = text(e.thread_ts) ?? parentTs(e.message) ?? parentTs(e.previous_message) ?? text(e.item?.ts) ?? text(e.ts);
  return channel && parent ? `${channel}:${parent}` : null;
}
