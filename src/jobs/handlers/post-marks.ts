import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-call';

// Every message Handoff posts carries its own id in Slack's message metadata. A crash between Slack taking a
// post and Handoff recording it would otherwise post it again; the next attempt reads the thread back and
// finds it instead. Reading is rate-limited (for apps outside the Marketplace, about once a minute), so it
// happens only when a crash may have left such a post, never on the normal path.

const EVENT_TYPE = 'handoff_post';
const PAGE = 200;
const MAX_PAGES = 5;

export interface PostMark {
  event_type: string;
  event_payload: { id: string };
}

export function postMark(id: string): PostMark {
  return { event_type: EVENT_TYPE, event_payload: { id } };
}

interface MarkedMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { id?: unknown } };
}

function marksIn(messages: MarkedMessage[] | undefined, found: Map<string, string>): void {
  for (const m of messages ?? []) {
    const id = m.metadata?.event_type === EVENT_TYPE ? m.metadata.event_payload?.id : undefined;
    if (typeof id === 'string' && m.ts && !found.has(id)) found.set(id, m.ts);
  }
}

// Our posts in a thread (threadTs) or among a channel's top-level messages since `oldest`, by their id.
export async function findMarkedPosts(
  slack: WebClient,
  where: { channel: string; threadTs?: string; oldest?: Date },
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = {
      channel: where.channel,
      include_all_metadata: true,
      limit: PAGE,
      ...(where.oldest ? { oldest: String(where.oldest.getTime() / 1000) } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const result = where.threadTs
      ? await slackCall('reading the thread back', () => slack.conversations.replies({ ...common, ts: where.threadTs! }))
      : await slackCall('reading the channel back', () => slack.conversations.history(common));
    marksIn(result.messages as MarkedMessage[] | undefined, found);
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return found;
}
