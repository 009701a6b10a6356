import { HandoffError } from '../../../src/errors';
import { parseBody } from '../../../src/http/schemas/common';
import { handoffRequest } from '../../../src/http/schemas/handoff-request';

const alert = { conversationId: 'conv_1', reason: 'frustration' };

function issuesOf(body: unknown): { path: string; message: string }[] {
  try {
    parseBody(handoffRequest, body);
  } catch (err) {
    if (err instanceof HandoffError) return err.issues ?? [];
    throw err;
  }
  throw new Error('expected the request to be refused');
}

describe('the tags of an alert', () => {
  it('keeps each tag once, trimmed, in the spelling it first came in', () => {
    expect(parseBody(handoffRequest, { ...alert, tags: ['  VIP ', 'billing', 'vip', 'late\n  delivery'] }).tags).toEqual(['VIP', 'billing', 'late delivery']);
  });

  it('reads control characters as a tag typed in the tag modal does, so no tag is blank there or looks like another', () => {
    expect(parseBody(handoffRequest, { ...alert, tags: ['vip\u0000', 'late\u0007delivery', 'vip'] }).tags).toEqual(['vip', 'late delivery']);
    expect(issuesOf({ ...alert, tags: ['\u0007\u001b'] })).toEqual([{ path: 'tags.0', message: 'must not be empty' }]);
  });

  it('leaves tags out when the platform sent none', () => {
    expect(parseBody(handoffRequest, alert).tags).toBeUndefined();
  });

  it('counts the tags once repeats are gone', () => {
    expect(parseBody(handoffRequest, { ...alert, tags: [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T0'] }).tags).toHaveLength(20);
  });

  it.each([
    ['an empty tag', { tags: ['vip', '  '] }, 'tags.1', 'must not be empty'],
    ['a tag over 50 characters', { tags: ['x'.repeat(51)] }, 'tags.0', 'must be at most 50 characters'],
    ['more than 20 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags', 'must have at most 20 tags'],
    ['tags that are not a list', { tags: 'vip' }, 'tags', expect.any(String)],
    ['a tag that is not text', { tags: [7] }, 'tags.0', expect.any(String)],
  ])('refuses %s with 400, naming the field', (_, body, path, message) => {
    expect(issuesOf({ ...alert, ...body })).toEqual([{ path, message }]);
  });
});
