import type { PlainTextOption } from '@slack/types';
import { literalOption, plain } from './triage-modals';

// A select holds 100 options, or groups of 100; ten groups keep the view a size Slack opens quickly.
const MAX_OPTIONS = 100;
export const MAX_REPLY_OPTIONS = 10 * MAX_OPTIONS;
const MAX_OPTION_TEXT = 75;

export type ReplyChoices = { options: PlainTextOption[] } | { option_groups: { label: ReturnType<typeof plain>; options: PlainTextOption[] }[] };

// The team's saved replies as a select's choices, by title as listed: past one select's worth, in groups of a
// hundred. `picked` is the option for `pickedId` when it is among them.
export function savedReplyChoices(replies: { id: string; title: string }[], pickedId?: string): { choices: ReplyChoices; picked?: PlainTextOption } {
  const options = replies.slice(0, MAX_REPLY_OPTIONS).map((r) => literalOption(r.title, MAX_OPTION_TEXT, r.id));
  const picked = options.find((o) => o.value === pickedId);
  const choices: ReplyChoices =
    options.length <= MAX_OPTIONS
      ? { options }
      : {
          option_groups: Array.from({ length: Math.ceil(options.length / MAX_OPTIONS) }, (_, i) => ({
            label: plain(`Replies ${i * MAX_OPTIONS + 1}–${Math.min(options.length, (i + 1) * MAX_OPTIONS)}`),
            options: options.slice(i * MAX_OPTIONS, (i + 1) * MAX_OPTIONS),
          })),
        };
  return { choices, ...(picked && { picked }) };
}
