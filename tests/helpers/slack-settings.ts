import type { StateValues } from '../../src/slack/blocks/triage-modals';
import { SETTINGS_FIELDS } from '../../src/slack/ids';
import type { Harness } from './harness';
import { homeText, pressOnHome, type PublishedHome } from './slack-home';
import { TEAM_ID } from './slack-stand-in';

// A workspace admin and Handoff's settings, as Slack sends them: the Settings press on the Home, and the
// modal's inputs as a submission carries them.

export type SettingsField = keyof typeof SETTINGS_FIELDS;
type ModalView = { blocks?: { block_id?: string; element?: { initial_value?: string; initial_option?: { value: string } } }[] };

export function hasSettingsButton(home: PublishedHome): boolean {
  return homeText(home).includes('"action_id":"home_settings"');
}

// Presses Settings on the Home and returns the modal Slack opened for it (views.open's answer).
export async function openSettings(h: Harness, home: PublishedHome, userId: string, teamId = TEAM_ID): Promise<Record<string, unknown>> {
  const opened = () => h.slack.calls('views.open').filter((c) => c.response.ok === true);
  const seen = opened().length;
  await pressOnHome(h, home, userId, { actionId: 'home_settings', value: 'open' }, teamId);
  const calls = await h.slack.waitFor((c) => c.method === 'views.open' && c.response.ok === true, undefined, seen + 1);
  return (calls[seen]!.response as { view: Record<string, unknown> }).view;
}

// What the modal showed, as a field's value: its initial text, or the chosen radio button.
export function shownIn(view: Record<string, unknown>, field: SettingsField): string | null {
  const block = (view as ModalView).blocks?.find((b) => b.block_id === SETTINGS_FIELDS[field].blockId);
  return block?.element?.initial_value ?? block?.element?.initial_option?.value ?? null;
}

// The inputs' state as Slack sends it: every field as the modal showed it, but for `entered`.
export function settingsValues(view: Record<string, unknown>, entered: Partial<Record<SettingsField, string | null>> = {}): StateValues {
  const values: StateValues = {};
  for (const name of Object.keys(SETTINGS_FIELDS) as SettingsField[]) {
    const { blockId, actionId } = SETTINGS_FIELDS[name];
    const value = name in entered ? entered[name]! : shownIn(view, name);
    values[blockId] = { [actionId]: name === 'autoAssign' ? { selected_option: value === null ? null : { value } } : { value } };
  }
  return values;
}
