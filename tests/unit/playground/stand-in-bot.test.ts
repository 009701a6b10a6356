import { decideTurn, handedOver, HANDED_OVER, NOBODY_ONLINE } from '../../../src/playground/stand-in-bot';

describe('the stand-in bot of the playground', () => {
  it('answers by itself until the customer asks for a human', () => {
    expect(decideTurn('hello there', false, undefined)).toEqual({ raiseAlert: false, passOn: false, answer: expect.stringContaining('Hello') });
    expect(decideTurn('I want a HUMAN now', false, undefined)).toEqual({ raiseAlert: true, passOn: false, answer: HANDED_OVER });
    expect(decideTurn('anyone?', true, undefined)).toMatchObject({ raiseAlert: true });
  });

  it('tells the customer nobody is online when Handoff says no agent is available', () => {
    expect(handedOver(true)).toBe(HANDED_OVER);
    expect(handedOver(false)).toBe(NOBODY_ONLINE);
  });

  it('passes every message on and keeps quiet while a person has the conversation', () => {
    for (const status of ['waiting', 'human'] as const) {
      expect(decideTurn('human please', false, status)).toEqual({ raiseAlert: false, passOn: true, answer: null });
    }
  });

  it('answers again, still passing messages on, once the conversation is back with the AI or closed', () => {
    for (const status of ['ai', 'closed'] as const) {
      expect(decideTurn('thanks', false, status)).toEqual({ raiseAlert: false, passOn: true, answer: 'You are welcome!' });
      expect(decideTurn('human', false, status)).toMatchObject({ raiseAlert: true, passOn: false });
    }
  });

  it('does not mistake a word that merely contains "human" for a request', () => {
    expect(decideTurn('inhumane prices', false, undefined).raiseAlert).toBe(false);
  });
});
