import { PRIORITIES, type ConversationState, type Priority } from '../../../src/domain/conversation';
import { decide, isRefusal, type Command, type Decision, type Transition } from '../../../src/domain/transitions';

const ME = 'U0ME';
const OTHER = 'U0OTHER';
const THIRD = 'U0THIRD';

// Where a conversation can be, from the point of view of ME, the agent acting.
const SITUATIONS = {
  waiting: { status: 'waiting', assigneeId: null },
  mine: { status: 'human', assigneeId: ME },
  "another agent's": { status: 'human', assigneeId: OTHER },
  'with the AI': { status: 'ai', assigneeId: null },
  // Closing keeps the last agent, so reopening has something to clear.
  closed: { status: 'closed', assigneeId: OTHER },
} as const satisfies Record<string, Pick<ConversationState, 'status' | 'assigneeId'>>;
type Situation = keyof typeof SITUATIONS;

function state(situation: Situation, overrides: Partial<ConversationState> = {}): ConversationState {
  return { priority: 'normal', reason: 'frustration', tags: ['refund'], ...SITUATIONS[situation], ...overrides };
}

const COMMANDS = {
  alert: { type: 'alert', reason: 'human_request', priority: 'high' },
  'take over': { type: 'take_over', actorId: ME },
  'take over, confirmed': { type: 'take_over', actorId: ME, confirmedSteal: true },
  reply: { type: 'reply', actorId: ME },
  'assign to myself': { type: 'assign', actorId: ME, assigneeId: ME, note: 'Refund approved' },
  'assign to OTHER': { type: 'assign', actorId: ME, assigneeId: OTHER, note: 'Refund approved' },
  tag: { type: 'tag', actorId: ME, add: ['vip'], remove: [] },
  close: { type: 'close', actorId: ME },
  reopen: { type: 'reopen', actorId: ME },
  'restore to AI': { type: 'restore', actorId: ME },
} as const satisfies Record<string, Command>;
type CommandName = keyof typeof COMMANDS;

// What a transition should produce: the fields of the state that change, and everything said about it.
interface Expected {
  changes: Partial<ConversationState>;
  event: Transition['event']['type'];
  data: Record<string, unknown>;
  platformEvent: Transition['platformEvent'];
  notify?: Transition['notify'];
}

const ALERTED = { reason: 'human_request', priority: 'high' } as const;
const ALERT_DATA = { reason: 'human_request', priority: 'high', previousPriority: 'normal' };
const TAKEN = { status: 'human', assigneeId: ME } as const;
const took = (previous: Situation, viaReply: boolean, notify: Transition['notify'] = []): Expected => ({
  changes: TAKEN,
  event: 'taken_over',
  data: { previousStatus: SITUATIONS[previous].status, previousAssigneeId: SITUATIONS[previous].assigneeId, viaReply },
  platformEvent: 'conversation.taken_over',
  notify,
});
const assigned = (previous: Situation, assigneeId: string, notify: Transition['notify']): Expected => ({
  changes: { status: 'human', assigneeId },
  event: 'assigned',
  data: { assigneeId, previousAssigneeId: SITUATIONS[previous].assigneeId, note: 'Refund approved', priority: 'normal' },
  platformEvent: 'conversation.assigned',
  notify,
});
const TAGGED: Expected = {
  changes: { tags: ['refund', 'vip'] },
  event: 'tagged',
  data: { tags: ['refund', 'vip'], added: ['vip'], removed: [] },
  platformEvent: 'conversation.tagged',
};
const closedFrom = (previous: Situation): Expected => ({
  changes: { status: 'closed' },
  event: 'closed',
  data: { previousStatus: SITUATIONS[previous].status, assigneeId: SITUATIONS[previous].assigneeId, note: null },
  platformEvent: 'conversation.closed',
});
const restoredFrom = (previous: Situation): Expected => ({
  changes: { status: 'ai', assigneeId: null },
  event: 'restored',
  data: { previousStatus: SITUATIONS[previous].status, previousAssigneeId: SITUATIONS[previous].assigneeId, note: null },
  platformEvent: 'conversation.restored',
});

// Every command from every situation: what happens, or why it is refused.
const TABLE: [Situation, CommandName, Expected | { refused: string; holderId?: string }][] = [
  ['waiting', 'alert', { changes: ALERTED, event: 'alert_received', data: ALERT_DATA, platformEvent: null }],
  ['mine', 'alert', { changes: ALERTED, event: 'alert_received', data: ALERT_DATA, platformEvent: null }],
  ["another agent's", 'alert', { changes: ALERTED, event: 'alert_received', data: ALERT_DATA, platformEvent: null }],
  [
    'with the AI',
    'alert',
    { changes: { ...ALERTED, status: 'waiting' }, event: 'reopened_by_alert', data: { ...ALERT_DATA, previousStatus: 'ai' }, platformEvent: null },
  ],
  [
    'closed',
    'alert',
    {
      changes: { ...ALERTED, status: 'waiting', assigneeId: null },
      event: 'reopened_by_alert',
      data: { ...ALERT_DATA, previousStatus: 'closed' },
      platformEvent: null,
    },
  ],

  ['waiting', 'take over', took('waiting', false)],
  ['mine', 'take over', { refused: 'already_yours' }],
  ["another agent's", 'take over', { refused: 'held_by_other', holderId: OTHER }],
  ['with the AI', 'take over', took('with the AI', false)],
  ['closed', 'take over', { refused: 'closed' }],

  ['waiting', 'take over, confirmed', took('waiting', false)],
  ['mine', 'take over, confirmed', { refused: 'already_yours' }],
  ["another agent's", 'take over, confirmed', took("another agent's", false, [{ userId: OTHER, why: 'taken_from' }])],
  ['with the AI', 'take over, confirmed', took('with the AI', false)],
  ['closed', 'take over, confirmed', { refused: 'closed' }],

  ['waiting', 'reply', took('waiting', true)],
  ['mine', 'reply', { refused: 'already_yours' }],
  ["another agent's", 'reply', { refused: 'held_by_other', holderId: OTHER }],
  ['with the AI', 'reply', took('with the AI', true)],
  // The agent who had it before closing no longer holds it, so nobody is told it was taken from them.
  ['closed', 'reply', took('closed', true)],

  ['waiting', 'assign to myself', assigned('waiting', ME, [])],
  ['mine', 'assign to myself', { refused: 'no_change' }],
  ["another agent's", 'assign to myself', assigned("another agent's", ME, [{ userId: OTHER, why: 'taken_from' }])],
  ['with the AI', 'assign to myself', assigned('with the AI', ME, [])],
  ['closed', 'assign to myself', { refused: 'closed' }],

  ['waiting', 'assign to OTHER', assigned('waiting', OTHER, [{ userId: OTHER, why: 'assigned' }])],
  ['mine', 'assign to OTHER', assigned('mine', OTHER, [{ userId: OTHER, why: 'assigned' }])],
  ["another agent's", 'assign to OTHER', { refused: 'no_change' }],
  ['with the AI', 'assign to OTHER', assigned('with the AI', OTHER, [{ userId: OTHER, why: 'assigned' }])],
  ['closed', 'assign to OTHER', { refused: 'closed' }],

  ['waiting', 'tag', TAGGED],
  ['mine', 'tag', TAGGED],
  ["another agent's", 'tag', TAGGED],
  ['with the AI', 'tag', TAGGED],
  ['closed', 'tag', TAGGED],

  ['waiting', 'close', closedFrom('waiting')],
  ['mine', 'close', closedFrom('mine')],
  ["another agent's", 'close', closedFrom("another agent's")],
  ['with the AI', 'close', closedFrom('with the AI')],
  ['closed', 'close', { refused: 'already_closed' }],

  ['waiting', 'reopen', { refused: 'already_open' }],
  ['mine', 'reopen', { refused: 'already_open' }],
  ["another agent's", 'reopen', { refused: 'already_open' }],
  ['with the AI', 'reopen', { refused: 'already_open' }],
  [
    'closed',
    'reopen',
    { changes: { status: 'waiting', assigneeId: null }, event: 'reopened', data: {}, platformEvent: 'conversation.reopened' },
  ],

  ['waiting', 'restore to AI', restoredFrom('waiting')],
  ['mine', 'restore to AI', restoredFrom('mine')],
  ["another agent's", 'restore to AI', restoredFrom("another agent's")],
  ['with the AI', 'restore to AI', { refused: 'already_with_ai' }],
  ['closed', 'restore to AI', { refused: 'closed' }],
];

function expectedDecision(situation: Situation, command: Command, expected: Expected): Decision {
  return {
    next: { ...state(situation), ...expected.changes },
    event: { type: expected.event, actorId: command.type === 'alert' ? null : command.actorId, data: expected.data },
    platformEvent: expected.platformEvent,
    notify: expected.notify ?? [],
  };
}

function transitionOf(decision: Decision): Transition {
  if (isRefusal(decision)) throw new Error(`refused: ${decision.refused}`);
  return decision;
}

describe('decide', () => {
  it('has a row for every command in every situation', () => {
    const pairs = TABLE.map(([situation, command]) => `${situation} × ${command}`);
    const all = Object.keys(SITUATIONS).flatMap((s) => Object.keys(COMMANDS).map((c) => `${s} × ${c}`));
    expect([...pairs].sort()).toEqual([...all].sort());
  });

  const rows = TABLE.map(([situation, name, expected]) => {
    const outcome = 'refused' in expected ? `the refusal ${expected.refused}` : `the event ${expected.event}`;
    return [situation, name, outcome, expected] as const;
  });

  it.each(rows)('when the conversation is %s, "%s" gives %s', (situation, name, _, expected) => {
    const command = COMMANDS[name];
    const decision = decide(state(situation), command);
    if ('refused' in expected) expect(decision).toEqual(expected);
    else expect(decision).toEqual(expectedDecision(situation, command, expected));
  });

  it('never changes the state it was given', () => {
    for (const situation of Object.keys(SITUATIONS) as Situation[]) {
      for (const command of Object.values(COMMANDS)) {
        const before = state(situation);
        const copy = structuredClone(before);
        decide(before, command);
        expect(before).toEqual(copy);
      }
    }
  });

  describe('alerts', () => {
    const pairs = PRIORITIES.flatMap((current) => PRIORITIES.map((incoming) => [current, incoming] as const));

    it.each(pairs)('keeps the higher priority when a conversation at %s priority gets an alert at %s', (current, incoming) => {
      const next = transitionOf(decide(state('waiting', { priority: current }), { type: 'alert', reason: 'other', priority: incoming })).next;
      const rank = (p: Priority) => PRIORITIES.indexOf(p);
      expect(next.priority).toBe(rank(incoming) > rank(current) ? incoming : current);
    });

    it('takes the reason of the latest alert but leaves the agent and the tags alone', () => {
      const t = transitionOf(decide(state('mine', { priority: 'urgent' }), { type: 'alert', reason: 'high_value', priority: 'low' }));
      expect(t.next).toEqual(state('mine', { priority: 'urgent', reason: 'high_value' }));
      expect(t.event.data).toEqual({ reason: 'high_value', priority: 'urgent', previousPriority: 'urgent' });
    });

    it('adds the tags a later alert carries, keeping every tag it had and the spelling it had them in', () => {
      const tagged = state('mine', { tags: ['VIP', 'refund'] });
      const t = transitionOf(decide(tagged, { ...COMMANDS.alert, tags: ['vip', 'billing'] }));
      expect(t.next.tags).toEqual(['VIP', 'refund', 'billing']);
      expect(transitionOf(decide(state('closed', { tags: ['refund'] }), { ...COMMANDS.alert, tags: [] })).next.tags).toEqual(['refund']);
    });

    it('adds no tag past the hundred the tag modal can list', () => {
      const full = state('mine', { tags: Array.from({ length: 99 }, (_, i) => `t${i}`) });
      expect(transitionOf(decide(full, { ...COMMANDS.alert, tags: ['one', 'two'] })).next.tags.slice(-2)).toEqual(['t98', 'one']);
    });

    it.each(['with the AI', 'closed'] as const)('reopens a conversation that is %s as waiting, with nobody on it', (situation) => {
      const t = transitionOf(decide(state(situation, { assigneeId: OTHER }), COMMANDS.alert));
      expect(t.event.type).toBe('reopened_by_alert');
      expect(t.next.status).toBe('waiting');
      expect(t.next.assigneeId).toBeNull();
      expect(t.notify).toEqual([]);
    });
  });

  it('refuses a takeover by reply while another agent holds it (the reply itself is still relayed as-is)', () => {
    expect(decide(state("another agent's"), { type: 'reply', actorId: ME })).toEqual({ refused: 'held_by_other', holderId: OTHER });
  });

  describe('assign', () => {
    it('changes only the priority when the assignee stays the same', () => {
      const t = transitionOf(decide(state('mine'), { type: 'assign', actorId: ME, assigneeId: ME, priority: 'urgent' }));
      expect(t.next).toEqual(state('mine', { priority: 'urgent' }));
      expect(t.event.data).toEqual({ assigneeId: ME, previousAssigneeId: ME, note: null, priority: 'urgent' });
      expect(t.notify).toEqual([]);
    });

    it('tells the assignee when a supervisor raises the priority of their conversation', () => {
      const t = transitionOf(decide(state("another agent's"), { type: 'assign', actorId: ME, assigneeId: OTHER, priority: 'high' }));
      expect(t.notify).toEqual([{ userId: OTHER, why: 'assigned' }]);
    });

    it('tells both the agent it is moved from and the new assignee when a supervisor reassigns it', () => {
      const t = transitionOf(decide(state("another agent's"), { type: 'assign', actorId: ME, assigneeId: THIRD }));
      expect(t.next.assigneeId).toBe(THIRD);
      expect(t.notify).toEqual([
        { userId: OTHER, why: 'taken_from' },
        { userId: THIRD, why: 'assigned' },
      ]);
    });

    it('refuses when nothing would change, even with the same priority given explicitly', () => {
      expect(decide(state('mine'), { type: 'assign', actorId: OTHER, assigneeId: ME, priority: 'normal' })).toEqual({ refused: 'no_change' });
    });

    it('records no note when none was written', () => {
      const t = transitionOf(decide(state('waiting'), { type: 'assign', actorId: ME, assigneeId: OTHER }));
      expect(t.event.data).toMatchObject({ note: null, priority: 'normal' });
    });

    it('can lower the priority, unlike an alert', () => {
      const t = transitionOf(decide(state('waiting', { priority: 'urgent' }), { type: 'assign', actorId: ME, assigneeId: ME, priority: 'low' }));
      expect(t.next.priority).toBe('low');
    });
  });

  describe('tags', () => {
    const tag = (tags: string[], add: string[], remove: string[]) => decide(state('waiting', { tags }), { type: 'tag', actorId: ME, add, remove });

    it('adds each tag once', () => {
      const t = transitionOf(tag(['refund'], ['vip', 'vip', 'refund'], []));
      expect(t.next.tags).toEqual(['refund', 'vip']);
      expect(t.event.data).toEqual({ tags: ['refund', 'vip'], added: ['vip'], removed: [] });
    });

    it('removes tags and reports only those it had', () => {
      const t = transitionOf(tag(['refund', 'vip'], [], ['vip', 'never-there']));
      expect(t.next.tags).toEqual(['refund']);
      expect(t.event.data).toEqual({ tags: ['refund'], added: [], removed: ['vip'] });
    });

    it('adds and removes in one go', () => {
      const t = transitionOf(tag(['refund', 'vip'], ['billing'], ['refund']));
      expect(t.event.data).toEqual({ tags: ['vip', 'billing'], added: ['billing'], removed: ['refund'] });
      expect(t.platformEvent).toBe('conversation.tagged');
    });

    it.each([
      ['adding a tag it has', ['refund'], ['refund'], []],
      ['removing a tag it lacks', ['refund'], [], ['vip']],
      ['asking for nothing', ['refund'], [], []],
      ['removing and adding the same tag', ['refund'], ['refund'], ['refund']],
      ['an empty request on an untagged conversation', [], [], []],
    ])('refuses %s as no change', (_, tags, add, remove) => {
      expect(tag(tags, add, remove)).toEqual({ refused: 'no_change' });
    });
  });
});

describe('a note for the AI', () => {
  it('goes with a close, next to who held the conversation as it closed', () => {
    const t = transitionOf(decide(state('mine'), { type: 'close', actorId: OTHER, note: "Refund issued, don't offer another" }));
    expect(t.event.data).toEqual({ previousStatus: 'human', assigneeId: ME, note: "Refund issued, don't offer another" });
  });

  it('goes with a restore to the AI', () => {
    const t = transitionOf(decide(state('mine'), { type: 'restore', actorId: ME, note: 'Asked for the invoice again' }));
    expect(t.event.data).toMatchObject({ note: 'Asked for the invoice again' });
    expect(t.platformEvent).toBe('conversation.restored');
  });
});
