import { z } from 'zod';

// Every job: its queue, its name, and the schema its payload is checked against when enqueued and again
// when a worker picks it up (a payload written by an older release must still make sense).
// `inbox` carries Slack's stored events to their handlers, `upkeep` the sweeper's and the reminders' schedules.
export const QUEUE_NAMES = { slack: 'slack', platform: 'platform', inbox: 'inbox', upkeep: 'upkeep' } as const;

const conversationId = z.uuid();

// Handoff's feedback in Slack (root refreshes, ✔️ reactions, notices) waits behind alerts and thread posts
// whenever the slack queue backs up: BullMQ runs jobs without a priority before any job with one.
const FEEDBACK = 10;

export const JOBS = {
  syncThread: { queue: QUEUE_NAMES.slack, name: 'sync-thread', payload: z.object({ conversationId }) },
  updateRoot: { queue: QUEUE_NAMES.slack, name: 'update-root', payload: z.object({ conversationId, version: z.number().int() }), priority: FEEDBACK },
  assignAutomatically: { queue: QUEUE_NAMES.slack, name: 'assign-automatically', payload: z.object({ conversationId }) },
  assignWaiting: { queue: QUEUE_NAMES.slack, name: 'assign-waiting', payload: z.object({ workspaceId: z.uuid() }) },
  sendDirectMessage: { queue: QUEUE_NAMES.slack, name: 'send-direct-message', payload: z.object({ directMessageId: z.uuid() }) },
  sendEscalation: { queue: QUEUE_NAMES.slack, name: 'send-escalation', payload: z.object({ reminderId: z.uuid() }) },
  sendFeedback: { queue: QUEUE_NAMES.slack, name: 'send-feedback', payload: z.object({ feedbackId: z.uuid() }), priority: FEEDBACK },
  refreshHomes: { queue: QUEUE_NAMES.slack, name: 'refresh-homes', payload: z.object({ workspaceId: z.uuid() }), priority: FEEDBACK },
  refreshHome: { queue: QUEUE_NAMES.slack, name: 'refresh-home', payload: z.object({ workspaceId: z.uuid(), userId: z.string().min(1) }), priority: FEEDBACK },
  deliver: { queue: QUEUE_NAMES.platform, name: 'deliver', payload: z.object({ deliveryId: z.string().min(1) }) },
  sendAccountNotice: { queue: QUEUE_NAMES.platform, name: 'send-account-notice', payload: z.object({ noticeId: z.string().min(1) }) },
  handleSlackEvent: { queue: QUEUE_NAMES.inbox, name: 'handle-slack-event', payload: z.object({ key: z.string().min(1) }) },
  sweep: { queue: QUEUE_NAMES.upkeep, name: 'sweep', payload: z.object({}) },
  // Fires the response-time reminders that are due, on a schedule of its own.
  remind: { queue: QUEUE_NAMES.upkeep, name: 'remind', payload: z.object({}) },
} as const;

export type JobKind = keyof typeof JOBS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOBS)[K]['payload']>;

export function jobKindOf(name: string): JobKind | undefined {
  return (Object.keys(JOBS) as JobKind[]).find((k) => JOBS[k].name === name);
}

// BullMQ job ids may not contain ':'; ours are built from uuids and platform ids, which might.
export function jobId(kind: JobKind, ...parts: (string | number)[]): string {
  return [JOBS[kind].name, ...parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_'))].join('-');
}
