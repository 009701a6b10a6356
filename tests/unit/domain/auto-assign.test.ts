import { chooseAgent } from '../../../src/domain/auto-assign';

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
