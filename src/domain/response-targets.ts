import { PRIORITIES, type Priority } from './conversation';

// A response-time clock that ran out: its priority, when it started, the seconds it allowed, and when it was
// found overdue (what a reminder's "has waited …" counts to).
export interface Overdue {
  priority: Priority;
  since: Date;
  allowedSeconds: number;
  at: Date;
}

// Seconds a conversation of each priority may wait for a person's reply.
export type ResponseTargets = Record<Priority, number>;

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = { urgent: 300, high: 900, normal: 3600, low: 14_400 };

// A target shorter than a minute is below what the reminder tick can honour; a week is already far past any
// goal a support team sets.
export const TARGET_SECONDS = { min: 60, max: 604_800 } as const;

// Reads `urgent:300,high:900,…`. A priority left out keeps its default; each bad part is named as written,
// so a typo in one of four is found at once.
export function parseResponseTargets(text: string): { targets: ResponseTargets } | { problems: string[] } {
  const targets = { ...DEFAULT_RESPONSE_TARGETS };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const [name = '', seconds = '', ...extra] = part.split(':').map((p) => p.trim());
    if (!(PRIORITIES as readonly string[]).includes(name) || extra.length > 0) {
      problems.push(`"${part}" must be <priority>:<seconds> with a priority of ${PRIORITIES.join(', ')}`);
      continue;
    }
    const n = Number(seconds);
    if (!/^\d+$/.test(seconds) || n < TARGET_SECONDS.min || n > TARGET_SECONDS.max) {
      problems.push(`"${part}" must give a whole number of seconds from ${TARGET_SECONDS.min} to ${TARGET_SECONDS.max}`);
      continue;
    }
    if (seen.has(name)) problems.push(`"${part}" sets ${name} a second time`);
    seen.add(name);
    targets[name as Priority] = n;
  }
  return problems.length > 0 ? { problems } : { targets };
}
