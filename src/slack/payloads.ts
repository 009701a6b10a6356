import { z } from 'zod';

// The least of each Slack payload that Bolt's routing and our listeners rely on. Anything else is not from
// Slack (or not from this Slack): it is refused at the edge, with the field named, before it can crash Bolt.

const id = z.string().min(1);
const user = z.object({ id });
const team = z.object({ id }).nullable().optional();
const channel = z.object({ id }).optional();

const eventEnvelope = z.object({
  type: z.literal('event_callback'),
  event_id: id,
  team_id: id.optional(),
  event: z.looseObject({ type: id }),
});

export interface EventEnvelope {
  eventId: string;
  // The workspace the event happened in; missing only in payloads that are not Slack's.
  teamId: string | null;
  type: string;
  event: Record<string, unknown>;
}

const INTERACTIONS: Record<string, z.ZodType> = {
  block_actions: z.object({ user, team, channel, actions: z.array(z.looseObject({ action_id: id })).min(1) }),
  view_submission: z.object({ user, team, view: z.looseObject({ id, callback_id: z.string() }) }),
  view_closed: z.object({ user, team, view: z.looseObject({ id }) }),
  shortcut: z.object({ user, team, callback_id: id }),
  message_action: z.object({ user, team, channel, callback_id: id }),
  block_suggestion: z.object({ user, team, action_id: id }),
};

const slashCommand = z.object({ command: id, team_id: id, user_id: id, channel_id: id });

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(payload)'}: ${issue.message}`;
}

export function readEventEnvelope(body: unknown): { ok: true; value: EventEnvelope } | { ok: false; problem: string } {
  const parsed = eventEnvelope.safeParse(body);
  if (!parsed.success) return { ok: false, problem: firstProblem(parsed.error) };
  const { event_id, event, team_id } = parsed.data;
  return { ok: true, value: { eventId: event_id, teamId: team_id ?? null, type: event.type, event } };
}

// What is wrong with an interaction or slash command, or null when Bolt can route it.
export function readInteraction(body: Record<string, unknown>): string | null {
  const schema =
    typeof body.command === 'string' ? slashCommand : typeof body.type === 'string' && Object.hasOwn(INTERACTIONS, body.type) ? INTERACTIONS[body.type] : undefined;
  if (!schema) return `type: ${JSON.stringify(body.type)} is not a payload Handoff takes`;
  const parsed = schema.safeParse(body);
  return parsed.success ? null : firstProblem(parsed.error);
}
