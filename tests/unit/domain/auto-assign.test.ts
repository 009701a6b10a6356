import { chooseAgent, makesRoom, startsWaiting } from '../../../src/domain/auto-assign';
import type { ConversationState } from '../../../src/domain/conversation';

describe('chooseAgent', () => {
  it('gives the conversation to the agent with the fewest open conversations', () => {
    expect(chooseAgent([{ userId: 'U0ANA', open: 3 }, { userId: 'U0BEN', open: 1 }, { userId: 'U0CAT', open: 2 }], 5)).toBe('U0BEN');
  });

  it('skips an agent at the chat limit, however few the others have free', () => {
    expect(chooseAgent([{ userId: 'U0ANA', open: 5 }, { userId: 'U0BEN', open: 4 }], 5)).toBe('U0BEN');
    expect(chooseAgent([{ userId: 'U0ANA', open: 6 }], 5)).toBeNull();
  });

  it('leaves it waiting when nobody is online or everyone is full', () => {
    expect(chooseAgent([], 5)).toBeNull();
    expect(chooseAgent([{ userId: 'U0ANA', open: 2 }, { userId: 'U0BEN', open: 2 }], 2)).toBeNull();
  });

  it('breaks a tie by the order the agents are listed in', () => {
    expect(chooseAgent([{ userId: 'U0ANA', open: 1 }, { userId: 'U0BEN', open: 1 }], 5)).toBe('U0ANA');
  });
});

describe('makesRoom', () => {
  const held: ConversationState = { status: 'human', priority: 'normal', reason: 'other', assigneeId: 'U0ANA', tags: [] };

  it('is true when the agent holding a conversation lets it go: closed, back with the AI, or moved to someone else', () => {
    expect(makesRoom(held, { ...held, status: 'closed' })).toBe(true);
    expect(makesRoom(held, { ...held, status: 'ai', assigneeId: null })).toBe(true);
    expect(makesRoom(held, { ...held, assigneeId: 'U0BEA' })).toBe(true);
  });

  it('is false when nobody held it, or the same agent still does', () => {
    expect(makesRoom({ ...held, status: 'waiting', assigneeId: null }, held)).toBe(false);
    expect(makesRoom(held, { ...held, tags: ['vip'] })).toBe(false);
    expect(makesRoom({ ...held, status: 'closed' }, { ...held, status: 'waiting', assigneeId: null })).toBe(false);
  });
});

describe('startsWaiting', () => {
  const state = (status: ConversationState['status']): ConversationState => ({ status, priority: 'normal', reason: 'other', assigneeId: null, tags: [] });

  it('is true when a conversation comes back to the queue, from the AI or from closed', () => {
    expect(startsWaiting(state('closed'), state('waiting'))).toBe(true);
    expect(startsWaiting(state('ai'), state('waiting'))).toBe(true);
  });

  it('is false for one that was waiting already, or leaves the queue', () => {
    expect(startsWaiting(state('waiting'), { ...state('waiting'), tags: ['vip'] })).toBe(false);
    expect(startsWaiting(state('waiting'), { ...state('human'), assigneeId: 'U0ANA' })).toBe(false);
  });
});
