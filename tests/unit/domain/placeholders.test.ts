import { describeUnknown, fillPlaceholders, unknownPlaceholders } from '../../../src/domain/placeholders';

describe('saved reply placeholders', () => {
  it('fills the customer and agent from the conversation and the sending agent', () => {
    const filled = fillPlaceholders('Hi {customer.firstName}, this is {agent.name}. Thanks, {customer.name}!', { customerName: 'Ada Lovelace', agentName: 'Sam' });
    expect(filled).toEqual({ ok: true, text: 'Hi Ada, this is Sam. Thanks, Ada Lovelace!' });
  });

  it('greets a customer without a name as "there" and signs for an agent without one as the team', () => {
    expect(fillPlaceholders('Hi {customer.firstName} / {customer.name} — {agent.name}', { customerName: '  ', agentName: null })).toEqual({
      ok: true,
      text: 'Hi there / there — Support agent',
    });
  });

  it('refuses an unknown placeholder by name, each once', () => {
    const text = 'Hi {customer.email}, {agent.nmae} here, {customer.email}';
    expect(unknownPlaceholders(text)).toEqual(['{customer.email}', '{agent.nmae}']);
    expect(fillPlaceholders(text, { customerName: 'Ada', agentName: 'Sam' })).toEqual({ ok: false, unknown: ['{customer.email}', '{agent.nmae}'] });
    expect(describeUnknown(['{agent.nmae}'])).toBe('Unknown placeholder {agent.nmae}. Use {customer.name}, {customer.firstName}, {agent.name}.');
  });

  it('leaves braces that are no placeholder alone', () => {
    expect(fillPlaceholders('Use code {} or {10%} off', { customerName: null, agentName: null })).toEqual({ ok: true, text: 'Use code {} or {10%} off' });
  });

  it('does not fill a value that itself looks like a placeholder', () => {
    expect(fillPlaceholders('Hi {customer.name}', { customerName: '{agent.name}', agentName: 'Sam' })).toEqual({ ok: true, text: 'Hi {agent.name}' });
  });
});
