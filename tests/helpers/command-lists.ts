import { messageProblems } from './block-kit';
import type { Harness } from './harness';
import type { ResponseUrlStandIn } from './response-url-stand-in';
import { findPings } from './slack-pings';
import { typeCommand, type TypedCommand } from './slack-user';

// A conversation's row in a /handoff list, as the person reads it.
export interface ListedRow {
  name: string;
  text: string;
  link?: string;
  assignee?: string;
}

type RowBlock = { type: string; elements?: { elements: { type: string; text?: string; url?: string; user_id?: string }[] }[] };

// `/handoff mine|queue|search …`: Slack is acknowledged with nothing and the list follows by the response_url,
// where it is checked against Block Kit and for pings before its rows are read. `ours` are the user ids
// Handoff itself may mention.
export async function listedBy(
  h: Harness,
  respond: ResponseUrlStandIn,
  typed: Omit<TypedCommand, 'responseUrl'>,
  ours: string[] = [],
): Promise<{ message: Record<string, unknown>; rows: ListedRow[] }> {
  const res = await typeCommand(h, { ...typed, responseUrl: respond.url });
  expect(res).toEqual({ status: 200, body: null });
  const [message] = await respond.waitFor();
  respond.reset();
  expect(message).toMatchObject({ response_type: 'ephemeral' });
  expect(messageProblems(message!)).toEqual([]);
  expect(findPings(JSON.stringify(message), ours)).toEqual([]);
  const rows = (message!.blocks as RowBlock[]).filter((b) => b.type === 'rich_text').map((b) => {
    const leaves = b.elements![0]!.elements;
    return {
      // The name leads the row, before the first " · ".
      name: leaves[0]!.text!.split(' · ')[0]!,
      text: leaves.map((l) => l.text ?? '').join(''),
      link: leaves.find((l) => l.type === 'link')?.url,
      assignee: leaves.find((l) => l.type === 'user')?.user_id,
    };
  });
  return { message: message!, rows };
}
