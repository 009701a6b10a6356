import { laneOf } from '../../../src/slack/inbox/lane';
import { readEventEnvelope, readInteraction } from '../../../src/slack/payloads';

describe('the lane of a Slack event', () => {
  it('is the thread a reply is in', () => {
    expect(laneOf({ type: 'message', channel: 'C1', ts: '2.0', thread_ts: '1.0' })).toBe('C1:1.0');
  });

  it('is the same thread for an edit and a deletion of that reply', () => {
    expect(laneOf({ type: 'message', subtype: 'message_changed', channel: 'C1', message: { ts: '2.0', thread_ts: '1.0' } })).toBe('C1:1.0');
    expect(laneOf({ type: 'message', subtype: 'message_deleted', channel: 'C1', previous_message: { ts: '2.0', thread_ts: '1.0' } })).toBe('C1:1.0');
  });

  it('is the thread of the alert a reaction is on, and of a deleted alert', () => {
    expect(laneOf({ type: 'reaction_added', item: { type: 'message', channel: 'C1', ts: '1.0' } })).toBe('C1:1.0');
    expect(laneOf({ type: 'message', subtype: 'message_deleted', channel: 'C1', previous_message: { ts: '1.0' } })).toBe('C1:1.0');
  });

  it('is none when the event names no channel', () => {
    expect(laneOf({ type: 'message', ts: '1.0' })).toBeNull();
  });
});

describe('Slack payloads at the edge', () => {
  const action = { type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, actions: [{ action_id: 'a' }] };

  it('lets an interaction Bolt can route through', () => {
    expect(readInteraction(action)).toBeNull();
    expect(readInteraction({ ...action, team: null })).toBeNull();
  });

  it('names the field when an interaction would crash Bolt’s routing', () => {
    expect(readInteraction({ ...action, user: null })).toMatch(/^user: /);
    expect(readInteraction({ ...action, actions: [] })).toMatch(/^actions: /);
    expect(readInteraction({ ...action, channel: null })).toMatch(/^channel: /);
    expect(readInteraction({ type: 'view_submission', user: { id: 'U1' } })).toMatch(/^view: /);
  });

  it('refuses a type Handoff does not take', () => {
    expect(readInteraction({ type: 'dialog_submission', user: { id: 'U1' } })).toMatch(/not a payload Handoff takes/);
    expect(readInteraction({})).toMatch(/not a payload Handoff takes/);
  });

  it('checks a slash command by its form fields', () => {
    expect(readInteraction({ command: '/handoff', team_id: 'T1', user_id: 'U1', channel_id: 'C1' })).toBeNull();
    expect(readInteraction({ command: '/handoff', team_id: 'T1', channel_id: 'C1' })).toMatch(/^user_id: /);
  });

  it('reads an event envelope, or says what is missing', () => {
    expect(readEventEnvelope({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message', channel: 'C1' } })).toEqual({
      ok: true, value: { eventId: 'Ev1', teamId: null, type: 'message', event: { type: 'message', channel: 'C1' } },
    });
    expect(readEventEnvelope({ type: 'event_callback', event: { type: 'message' } })).toMatchObject({ ok: false, problem: expect.stringMatching(/^event_id: /) });
    expect(readEventEnvelope({ type: 'event_callback', event_id: 'Ev1', event: null })).toMatchObject({ ok: false, problem: expect.stringMatching(/^event: /) });
  });
});
