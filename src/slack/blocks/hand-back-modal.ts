import type { ModalView, Overflow } from '@slack/types';
import { z } from 'zod';
import { ACTIONS, FIELDS, VIEWS } from '../ids';
import { conversationLine, input, MAX_NOTE, option, parseInputs, plain, privateMetadata, type Parsed, type StateValues } from './triage-modals';

// Closing and restoring to the AI are what hand a conversation back; either can carry a note for the AI.
export type HandBack = 'close' | 'restore';

export interface HandBackModalInput {
  conversationId: string;
  customerName: string;
  handBack: HandBack;
}

const COPY: Record<HandBack, { callbackId: string; title: string; submit: string; what: string; menu: string }> = {
  close: {
    callbackId: VIEWS.closeWithNote,
    title: 'Close conversation',
    submit: 'Close',
    what: "The AI answers the customer's next message, with this note.",
    menu: 'Close with a note for the AI…',
  },
  restore: {
    callbackId: VIEWS.restoreWithNote,
    title: 'Restore to AI',
    submit: 'Restore to AI',
    what: 'The AI takes the conversation back now, with this note.',
    menu: 'Restore to AI with a note…',
  },
};

// What the overflow menu's choice brings back: which hand-back, of which conversation.
const choice = z.string().regex(/^(close|restore):[0-9a-f-]{36}$/).transform((value) => {
  const [handBack, conversationId] = value.split(':') as [HandBack, string];
  return { handBack, conversationId };
});

const noteSchema = z.object({
  note: z
    .string()
    .trim()
    .max(MAX_NOTE, { error: `Keep the note to ${MAX_NOTE.toLocaleString('en')} characters or fewer.` })
    .nullish()
    .transform((note) => note || undefined),
});

// The one-press Close and Restore to AI buttons stay as they are; the note is one menu away beside them.
export function handBackMenu(conversationId: string, withRestore: boolean): Overflow {
  const offered: HandBack[] = withRestore ? ['close', 'restore'] : ['close'];
  return {
    type: 'overflow',
    action_id: ACTIONS.handBack,
    options: offered.map((handBack) => option(COPY[handBack].menu, `${handBack}:${conversationId}`)),
  };
}

export function parseHandBackChoice(value: unknown): { handBack: HandBack; conversationId: string } | null {
  const parsed = choice.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function buildHandBackModal(c: HandBackModalInput): ModalView {
  const copy = COPY[c.handBack];
  return {
    type: 'modal',
    callback_id: copy.callbackId,
    private_metadata: privateMetadata(c.conversationId),
    title: plain(copy.title),
    submit: plain(copy.submit),
    close: plain('Cancel'),
    blocks: [
      conversationLine(c.customerName),
      input(
        FIELDS.handBackNote,
        'Note for the AI',
        {
          type: 'plain_text_input',
          action_id: FIELDS.handBackNote.actionId,
          multiline: true,
          max_length: MAX_NOTE,
          placeholder: plain("Refund issued, don't offer another"),
        },
        { optional: true, hint: plain(copy.what) },
      ),
    ],
  };
}

export function parseHandBackSubmission(values: StateValues): Parsed<{ note?: string }> {
  return parseInputs(noteSchema, { note: values[FIELDS.handBackNote.blockId]?.[FIELDS.handBackNote.actionId]?.value }, { note: FIELDS.handBackNote });
}
