import { HandoffError } from '../../../src/errors';
import { parseBody, pathParam } from '../../../src/http/schemas/common';
import { customerMessageRequest } from '../../../src/http/schemas/customer-message';
import { handoffRequest } from '../../../src/http/schemas/handoff-request';

function refusal(parse: () => unknown): HandoffError {
  try {
    parse();
  } catch (err) {
    if (err instanceof HandoffError) return err;
    throw err;
  }
  throw new Error('expected the request to be refused');
}

const alert = { conversationId: 'conv_1', reason: 'frustration' };

describe('control characters in a platform request', () => {
  it('refuses U+0000 with 400, naming the field', () => {
    const err = refusal(() => parseBody(handoffRequest, { ...alert, summary: 'charged\u0000twice' }));
    expect(err.httpStatus).toBe(400);
    expect(err.issues).toEqual([
      { path: 'summary', message: 'contains the control character U+0000; none but tab, line feed and carriage return are accepted' },
    ]);
  });

  it('names every field that has one, nested and in lists', () => {
    const body = {
      ...alert,
      customer: { name: 'Eve\u0000' },
      transcript: [{ role: 'customer', text: 'fine' }, { role: 'ai', text: 'bell\u0007' }],
      channel: { type: 'web', name: 'esc\u001b' },
    };
    expect(refusal(() => parseBody(handoffRequest, body)).issues.map((i) => i.path)).toEqual(['customer.name', 'channel.name', 'transcript.1.text']);
  });

  it('names the object whose key has one, without repeating the character', () => {
    const err = refusal(() => parseBody(handoffRequest, { ...alert, metadata: { 'plan\u0000': 'pro' } }));
    expect(err.issues).toEqual([{ path: 'metadata', message: expect.stringMatching(/^has a key that contains the control character U\+0000/) }]);
    expect(JSON.stringify(err.toJSON())).not.toContain('\\u0000');
  });

  it('accepts tab, line feed and carriage return, which text needs', () => {
    expect(parseBody(customerMessageRequest, { id: 'm1', text: 'one\ttwo\r\nthree\n' }).text).toBe('one\ttwo\r\nthree\n');
  });

  it('ignores fields the schema does not know, which are never stored', () => {
    expect(parseBody(customerMessageRequest, { id: 'm1', text: 'hi', extra: '\u0000' })).toEqual({ id: 'm1', text: 'hi', attachments: [] });
  });

  it('reports schema problems as before', () => {
    expect(refusal(() => parseBody(handoffRequest, { ...alert, reason: 'angry' })).issues.map((i) => i.path)).toEqual(['reason']);
  });
});

describe('pathParam', () => {
  it('passes ordinary text through and refuses a control character, naming the parameter', () => {
    expect(pathParam('conversationId', 'conv_1')).toBe('conv_1');
    const err = refusal(() => pathParam('conversationId', 'conv\u0000'));
    expect(err.message).toMatch(/^Invalid path: conversationId: contains the control character U\+0000/);
    expect(err.issues.map((i) => i.path)).toEqual(['conversationId']);
  });
});
