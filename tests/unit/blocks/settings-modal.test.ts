import type { InputBlock, ModalView } from '@slack/types';
import { DEFAULT_RESPONSE_TARGETS } from '../../../src/domain/response-targets';
import type { TeamSettings } from '../../../src/domain/workspace-settings';
import { buildSettingsModal, parseSettingsMetadata, parseSettingsSubmission } from '../../../src/slack/blocks/settings-modal';
import type { StateValues } from '../../../src/slack/blocks/triage-modals';
import { SETTINGS_FIELDS, VIEWS } from '../../../src/slack/ids';
import { viewProblems } from '../../helpers/block-kit';

const SETTINGS: TeamSettings = {
  firstResponseTargets: DEFAULT_RESPONSE_TARGETS,
  idleCloseSeconds: 86_400,
  businessHours: 'Mon-Fri 09:00-17:00 Europe/Berlin',
  timeZone: 'America/New_York',
  autoAssign: true,
  agentChatLimit: 5,
  agentsUserGroup: 'S0AGENTS',
  supervisorsUserGroup: null,
  routingRules: [{ when: { reason: 'high_value', priority: ['high', 'urgent'] }, channel: 'C0SALES', mention: 'S0SALES' }],
};

const inputs = (view: ModalView) => view.blocks.filter((b): b is InputBlock => b.type === 'input');
const initial = (view: ModalView, field: { blockId: string }) => {
  const element = inputs(view).find((b) => b.block_id === field.blockId)?.element as { initial_value?: string; initial_option?: { value: string } } | undefined;
  return element?.initial_value ?? element?.initial_option?.value;
};

// The state Slack sends with a submission of the modal as it opened: every field as shown.
function valuesOf(view: ModalView, patch: Partial<Record<keyof typeof SETTINGS_FIELDS, string | null>> = {}): StateValues {
  const values: StateValues = {};
  for (const [name, field] of Object.entries(SETTINGS_FIELDS) as [keyof typeof SETTINGS_FIELDS, { blockId: string; actionId: string }][]) {
    const shown = name in patch ? patch[name]! : (initial(view, field) ?? null);
    values[field.blockId] = {
      [field.actionId]: name === 'autoAssign' ? { selected_option: shown === null ? null : { value: shown } } : { value: shown },
    };
  }
  return values;
}

function submit(view: ModalView, patch: Parameters<typeof valuesOf>[1] = {}) {
  return parseSettingsSubmission(valuesOf(view, patch), parseSettingsMetadata(view.private_metadata)!);
}

describe('the settings modal', () => {
  it('shows the current settings, times in minutes, and Slack accepts it', () => {
    const view = buildSettingsModal({ settings: SETTINGS, version: 7 });
    expect(viewProblems(view)).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.settings);
    expect(initial(view, SETTINGS_FIELDS.targetUrgent)).toBe('5');
    expect(initial(view, SETTINGS_FIELDS.targetLow)).toBe('240');
    expect(initial(view, SETTINGS_FIELDS.idleClose)).toBe('1440');
    expect(initial(view, SETTINGS_FIELDS.businessHours)).toBe('Mon-Fri 09:00-17:00 Europe/Berlin');
    expect(initial(view, SETTINGS_FIELDS.autoAssign)).toBe('on');
    expect(initial(view, SETTINGS_FIELDS.agentsUserGroup)).toBe('S0AGENTS');
    expect(initial(view, SETTINGS_FIELDS.supervisorsUserGroup)).toBeUndefined();
    expect(JSON.parse(initial(view, SETTINGS_FIELDS.routingRules)!)).toEqual(SETTINGS.routingRules);
    expect(inputs(view).find((b) => b.block_id === SETTINGS_FIELDS.targetUrgent.blockId)!.label.text).toContain('(minutes)');
    expect(parseSettingsMetadata(view.private_metadata)).toEqual({ version: 7, rulesShown: true });
  });

  it('reads back exactly what it showed', () => {
    const view = buildSettingsModal({ settings: SETTINGS, version: 1 });
    expect(submit(view)).toEqual({ ok: true, value: SETTINGS });
  });

  it('shows a target seeded in odd seconds as decimal minutes and keeps it', () => {
    const view = buildSettingsModal({ settings: { ...SETTINGS, firstResponseTargets: { ...DEFAULT_RESPONSE_TARGETS, urgent: 90 } }, version: 1 });
    expect(initial(view, SETTINGS_FIELDS.targetUrgent)).toBe('1.5');
    const saved = submit(view);
    expect(saved.ok && saved.value.firstResponseTargets.urgent).toBe(90);
  });

  it('turns entered minutes into seconds, and empty optional fields into none', () => {
    const view = buildSettingsModal({ settings: SETTINGS, version: 1 });
    const saved = submit(view, { targetHigh: '10', idleClose: '60', businessHours: '  ', agentsUserGroup: null, routingRules: '', autoAssign: 'off', agentChatLimit: '3' });
    expect(saved).toEqual({
      ok: true,
      value: { ...SETTINGS, firstResponseTargets: { ...DEFAULT_RESPONSE_TARGETS, high: 600 }, idleCloseSeconds: 3600, businessHours: null, agentsUserGroup: null, routingRules: [], autoAssign: false, agentChatLimit: 3 },
    });
  });

  it('names the field of each mistake, in the words of the start-up checks', () => {
    const view = buildSettingsModal({ settings: SETTINGS, version: 1 });
    const refused = submit(view, {
      targetUrgent: '0.5',
      idleClose: 'a day',
      businessHours: 'Mon-Fri 9-5',
      timeZone: 'Mars/Olympus',
      agentChatLimit: '101',
      supervisorsUserGroup: '@supervisors',
      routingRules: '[{"when": {"priority": "urgent"}, "channel": "C0URGENT"}, {"when": {"tags": [""]}, "channel": "C0VIP"}]',
    });
    expect(refused.ok).toBe(false);
    const errors = !refused.ok ? refused.response.errors : {};
    expect(errors).toEqual({
      [SETTINGS_FIELDS.targetUrgent.blockId]: 'Enter minutes from 1 to 10080, e.g. 15.',
      [SETTINGS_FIELDS.idleClose.blockId]: 'Enter minutes from 10 to 43200, e.g. 1440.',
      [SETTINGS_FIELDS.businessHours.blockId]: expect.stringMatching(/^Business hours must read <days> <HH:MM>-<HH:MM> <time zone>/),
      [SETTINGS_FIELDS.timeZone.blockId]: 'Enter an IANA time zone such as Europe/Berlin, or UTC.',
      [SETTINGS_FIELDS.agentChatLimit.blockId]: 'Enter a whole number of conversations from 1 to 100.',
      [SETTINGS_FIELDS.supervisorsUserGroup.blockId]: 'Enter a user group ID such as S0123ABCD (not its @handle), or leave it empty.',
      [SETTINGS_FIELDS.routingRules.blockId]: 'Routing rules: rule 1, when.tags.0: must be a tag of 1 to 50 characters, or a list of them',
    });
  });

  it('says what is wrong with rules that are not JSON, or a time zone that does not exist', () => {
    const view = buildSettingsModal({ settings: SETTINGS, version: 1 });
    const refused = submit(view, { routingRules: '[{when: urgent}]', businessHours: 'Mon-Fri 09:00-17:00 Mars/Olympus' });
    const errors = !refused.ok ? refused.response.errors : {};
    expect(errors[SETTINGS_FIELDS.routingRules.blockId]).toMatch(/^Routing rules: is not valid JSON/);
    expect(errors[SETTINGS_FIELDS.businessHours.blockId]).toBe('Business hours has time zone "Mars/Olympus", which is not an IANA time zone such as Europe/Berlin.');
  });

  it('leaves rules too long to show out of the form, and so as they are', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ when: { priority: 'urgent' as const }, channel: `C0ROUTE${i}`, mention: 'S0SUPERVISORS' }));
    const view = buildSettingsModal({ settings: { ...SETTINGS, routingRules: many }, version: 1 });
    expect(viewProblems(view)).toEqual([]);
    expect(inputs(view).some((b) => b.block_id === SETTINGS_FIELDS.routingRules.blockId)).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain('they stay as they are');
    const saved = submit(view, { routingRules: '[]' });
    const { routingRules: _kept, ...shown } = SETTINGS;
    expect(saved).toEqual({ ok: true, value: shown });
  });

  it('refuses private_metadata it did not write', () => {
    expect(parseSettingsMetadata('{"conversationId":"x"}')).toBeNull();
    expect(parseSettingsMetadata('not json')).toBeNull();
    expect(parseSettingsMetadata(undefined)).toBeNull();
  });
});
