import type { KnownBlock, ModalView, PlainTextInput, RadioButtons } from '@slack/types';
import { z } from 'zod';
import { knownTimeZone, parseBusinessHours } from '../../domain/business-hours';
import type { Priority } from '../../domain/conversation';
import { TARGET_SECONDS } from '../../domain/response-targets';
import type { RoutingRule } from '../../domain/routing';
import { AGENT_CHAT_LIMIT, IDLE_CLOSE_SECONDS, type SettingsEntry, type TeamSettings, type UnknownGroup } from '../../domain/workspace-settings';
import { parseRoutingRules } from '../../workspaces/routing-rules';
import { SETTINGS_FIELDS, SLACK_USER_GROUP_ID, VIEWS } from '../ids';
import { clip, mrkdwnContext, mrkdwnSection } from './escape';
import { input, option, parseInputs, plain, stateOf, type FieldErrors, type Parsed, type StateValues } from './triage-modals';

// The settings modal opened from App Home. Times are entered in minutes, the unit a support team sets its goals
// in; the workspace keeps seconds, as the environment gives them.

export interface SettingsModalInput {
  settings: TeamSettings;
  // The settings' version when the modal opened; the save is refused if it moved meanwhile.
  version: number;
}

export interface SettingsMetadata {
  version: number;
  rulesShown: boolean;
}

// Slack's most for a text input; longer rules cannot be shown, so cannot be edited here.
const MAX = { rules: 3_000, groupId: 20, businessHours: 100, timeZone: 64, number: 12, error: 500 } as const;

const TARGET_FIELDS: Record<Priority, { blockId: string; actionId: string }> = {
  urgent: SETTINGS_FIELDS.targetUrgent,
  high: SETTINGS_FIELDS.targetHigh,
  normal: SETTINGS_FIELDS.targetNormal,
  low: SETTINGS_FIELDS.targetLow,
};

const TARGET_LABEL: Record<Priority, string> = {
  urgent: 'Urgent: first reply within (minutes)',
  high: 'High: first reply within (minutes)',
  normal: 'Normal: first reply within (minutes)',
  low: 'Low: first reply within (minutes)',
};

const metadataSchema = z.object({ version: z.number().int().min(0), rulesShown: z.boolean() });

// "1.5" minutes is 90 seconds; Slack's number input would refuse decimals on some clients, so it is text.
function minutes(bounds: { min: number; max: number }, example: number) {
  const message = `Enter minutes from ${bounds.min / 60} to ${bounds.max / 60}, e.g. ${example}.`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d+(\.\d+)?$/, message)
    .transform((text) => Math.round(Number(text) * 60))
    .refine((seconds) => seconds >= bounds.min && seconds <= bounds.max, message);
}

function optionalText() {
  return z
    .string()
    .nullish()
    .transform((text) => text?.trim() || null);
}

const userGroup = optionalText().refine((id) => id === null || SLACK_USER_GROUP_ID.test(id), 'Enter a user group ID such as S0123ABCD (not its @handle), or leave it empty.');

const entrySchema = z.object({
  urgent: minutes(TARGET_SECONDS, 15),
  high: minutes(TARGET_SECONDS, 15),
  normal: minutes(TARGET_SECONDS, 15),
  low: minutes(TARGET_SECONDS, 15),
  idleCloseSeconds: minutes(IDLE_CLOSE_SECONDS, 1440),
  businessHours: optionalText().superRefine((text, ctx) => {
    if (text === null) return;
    const parsed = parseBusinessHours(text);
    if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: `Business hours ${parsed.problem}.` });
  }),
  timeZone: z
    .string({ error: 'Enter an IANA time zone such as Europe/Berlin, or UTC.' })
    .trim()
    .refine(knownTimeZone, 'Enter an IANA time zone such as Europe/Berlin, or UTC.'),
  autoAssign: z.enum(['on', 'off'], { error: 'Choose on or off.' }).transform((v) => v === 'on'),
  agentChatLimit: z
    .string({ error: `Enter a whole number of conversations from ${AGENT_CHAT_LIMIT.min} to ${AGENT_CHAT_LIMIT.max}.` })
    .trim()
    .regex(/^\d+$/, `Enter a whole number of conversations from ${AGENT_CHAT_LIMIT.min} to ${AGENT_CHAT_LIMIT.max}.`)
    .transform(Number)
    .refine((n) => n >= AGENT_CHAT_LIMIT.min && n <= AGENT_CHAT_LIMIT.max, `Enter a whole number of conversations from ${AGENT_CHAT_LIMIT.min} to ${AGENT_CHAT_LIMIT.max}.`),
  agentsUserGroup: userGroup,
  supervisorsUserGroup: userGroup,
  // The same check as ROUTING_RULES at start-up, each problem naming its rule.
  routingRules: optionalText().transform((json, ctx): RoutingRule[] => {
    if (json === null) return [];
    const parsed = parseRoutingRules(json);
    if (parsed.ok) return parsed.rules;
    ctx.addIssue({ code: 'custom', message: clip(`Routing rules: ${parsed.problems.slice(0, 3).join('; ')}`, MAX.error) });
    return z.NEVER;
  }),
});

export function buildSettingsModal(modal: SettingsModalInput): ModalView {
  const { settings } = modal;
  const rules = rulesText(settings.routingRules);
  const rulesShown = rules.length <= MAX.rules;
  const metadata: SettingsMetadata = { version: modal.version, rulesShown };
  const blocks: KnownBlock[] = [
    mrkdwnSection("These settings are this workspace's own. Saved, they apply at once and Handoff's environment no longer changes them."),
    { type: 'header', text: plain('Response times') },
    ...(['urgent', 'high', 'normal', 'low'] as const).map((p) =>
      input(TARGET_FIELDS[p], TARGET_LABEL[p], text(TARGET_FIELDS[p], minutesOf(settings.firstResponseTargets[p]), MAX.number), {
        hint: plain(`A reminder in the thread past this, the supervisors called past twice this. ${TARGET_SECONDS.min / 60} to ${TARGET_SECONDS.max / 60}.`),
      }),
    ),
    input(SETTINGS_FIELDS.idleClose, 'Offer to close after (minutes of quiet)', text(SETTINGS_FIELDS.idleClose, minutesOf(settings.idleCloseSeconds), MAX.number), {
      hint: plain(`The assignee is offered Close or Restore to AI. ${IDLE_CLOSE_SECONDS.min / 60} to ${IDLE_CLOSE_SECONDS.max / 60} (30 days).`),
    }),
    input(SETTINGS_FIELDS.businessHours, 'Business hours', text(SETTINGS_FIELDS.businessHours, settings.businessHours, MAX.businessHours, 'Mon-Fri 09:00-17:00 Europe/Berlin'), {
      optional: true,
      hint: plain('The clocks run only inside them: days, hours and an IANA time zone. Empty: all the time.'),
    }),
    input(SETTINGS_FIELDS.timeZone, 'Time zone', text(SETTINGS_FIELDS.timeZone, settings.timeZone, MAX.timeZone, 'Europe/Berlin'), {
      hint: plain('Where "today" begins in the stats and on App Home, unless the business hours name a zone.'),
    }),
    { type: 'header', text: plain('Assigning') },
    input(SETTINGS_FIELDS.autoAssign, 'Assign new alerts automatically', autoAssign(settings.autoAssign), {
      hint: plain('To the online agent with the fewest open conversations, below the limit.'),
    }),
    input(SETTINGS_FIELDS.agentChatLimit, 'Agent chat limit (open conversations)', text(SETTINGS_FIELDS.agentChatLimit, String(settings.agentChatLimit), MAX.number), {
      hint: plain(`${AGENT_CHAT_LIMIT.min} to ${AGENT_CHAT_LIMIT.max}.`),
    }),
    input(SETTINGS_FIELDS.agentsUserGroup, "Agents' user group ID", text(SETTINGS_FIELDS.agentsUserGroup, settings.agentsUserGroup, MAX.groupId, 'S0123ABCD'), {
      optional: true,
      hint: plain('From the group\'s ⋮ menu in Slack, "Copy group ID". Empty: everyone in the alerts channel is an agent.'),
    }),
    input(SETTINGS_FIELDS.supervisorsUserGroup, "Supervisors' user group ID", text(SETTINGS_FIELDS.supervisorsUserGroup, settings.supervisorsUserGroup, MAX.groupId, 'S0123ABCD'), {
      optional: true,
      hint: plain('Supervisors assign others, take over from colleagues, are called on late replies, and may change these settings.'),
    }),
    { type: 'header', text: plain('Routing') },
    ...(rulesShown
      ? [
          input(SETTINGS_FIELDS.routingRules, 'Routing rules (JSON)', { ...text(SETTINGS_FIELDS.routingRules, rules || null, MAX.rules, '[{"when": {"priority": "urgent"}, "channel": "C0URGENT"}]'), multiline: true }, {
            optional: true,
            hint: plain('A list of rules, the first that matches wins; see "Routing alerts" in the README. Empty: every alert in the alerts channel.'),
          }),
        ]
      : [mrkdwnContext(`The routing rules are longer than ${MAX.rules.toLocaleString('en')} characters, more than this form can show; they stay as they are.`)]),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.settings,
    private_metadata: JSON.stringify(metadata),
    title: plain('Handoff settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

// Reads a submission into the settings it asks for, or the errors Slack shows under each field.
export function parseSettingsSubmission(values: StateValues, metadata: SettingsMetadata): Parsed<SettingsEntry> {
  const read = (field: { blockId: string; actionId: string }) => stateOf(values, field)?.value;
  const inputs = {
    urgent: read(SETTINGS_FIELDS.targetUrgent),
    high: read(SETTINGS_FIELDS.targetHigh),
    normal: read(SETTINGS_FIELDS.targetNormal),
    low: read(SETTINGS_FIELDS.targetLow),
    idleCloseSeconds: read(SETTINGS_FIELDS.idleClose),
    businessHours: read(SETTINGS_FIELDS.businessHours),
    timeZone: read(SETTINGS_FIELDS.timeZone),
    autoAssign: stateOf(values, SETTINGS_FIELDS.autoAssign)?.selected_option?.value,
    agentChatLimit: read(SETTINGS_FIELDS.agentChatLimit),
    agentsUserGroup: read(SETTINGS_FIELDS.agentsUserGroup),
    supervisorsUserGroup: read(SETTINGS_FIELDS.supervisorsUserGroup),
    routingRules: read(SETTINGS_FIELDS.routingRules),
  };
  const fields = {
    ...TARGET_FIELDS,
    idleCloseSeconds: SETTINGS_FIELDS.idleClose,
    businessHours: SETTINGS_FIELDS.businessHours,
    timeZone: SETTINGS_FIELDS.timeZone,
    autoAssign: SETTINGS_FIELDS.autoAssign,
    agentChatLimit: SETTINGS_FIELDS.agentChatLimit,
    agentsUserGroup: SETTINGS_FIELDS.agentsUserGroup,
    supervisorsUserGroup: SETTINGS_FIELDS.supervisorsUserGroup,
    routingRules: SETTINGS_FIELDS.routingRules,
  };
  const parsed = parseInputs(entrySchema, inputs, fields);
  if (!parsed.ok) return parsed;
  const { urgent, high, normal, low, routingRules, ...rest } = parsed.value;
  return { ok: true, value: { ...rest, firstResponseTargets: { urgent, high, normal, low }, ...(metadata.rulesShown && { routingRules }) } };
}

// Our own private_metadata coming back; null for a view Handoff did not open.
export function parseSettingsMetadata(raw: string | undefined): SettingsMetadata | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// Why a well-formed submission was not saved, under the modal's first field (or the field at fault), the
// person's entries kept.
export function buildSettingsNotSaved(reason: 'changed_meanwhile' | 'failed' | { denied: string } | { unknownGroup: UnknownGroup }): FieldErrors {
  if (typeof reason === 'object' && 'unknownGroup' in reason) {
    const { setting, userGroupId } = reason.unknownGroup;
    const field = setting === 'agentsUserGroup' ? SETTINGS_FIELDS.agentsUserGroup : SETTINGS_FIELDS.supervisorsUserGroup;
    return { response_action: 'errors', errors: { [field.blockId]: `Slack knows no user group ${userGroupId} in this workspace. Copy its ID from the group's ⋮ menu, or leave it empty.` } };
  }
  const message =
    reason === 'changed_meanwhile'
      ? 'Someone else saved the settings after you opened this form. Cancel, then open Settings again to see their change.'
      : reason === 'failed'
        ? 'Handoff could not save this just now. Save again in a moment.'
        : reason.denied;
  return { response_action: 'errors', errors: { [SETTINGS_FIELDS.targetUrgent.blockId]: message } };
}

// One rule a line, so a long list stays readable in the box.
function rulesText(rules: RoutingRule[]): string {
  if (rules.length === 0) return '';
  return `[\n${rules.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]`;
}

// Whole minutes where the seconds allow; a target seeded as 90 seconds shows as 1.5.
function minutesOf(seconds: number): string {
  return String(Math.round((seconds / 60) * 100) / 100);
}

function text(field: { actionId: string }, value: string | null, maxLength: number, placeholder?: string): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: field.actionId,
    max_length: maxLength,
    ...(value !== null && value !== '' && { initial_value: value }),
    ...(placeholder && { placeholder: plain(placeholder) }),
  };
}

function autoAssign(on: boolean): RadioButtons {
  const options = [option('On', 'on'), option('Off', 'off')];
  return { type: 'radio_buttons', action_id: SETTINGS_FIELDS.autoAssign.actionId, options, initial_option: on ? options[0]! : options[1]! };
}
