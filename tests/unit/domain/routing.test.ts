import fc from 'fast-check';
import { CHANNEL_TYPES, PRIORITIES, REASONS } from '../../../src/domain/conversation';
import { routeAlert, type RoutedAlert, type RoutingRule } from '../../../src/domain/routing';

const ALERTS = 'C0ALERTS';
const SALES: RoutingRule = { when: { reason: 'high_value', priority: ['high', 'urgent'] }, channel: 'C0SALES', mention: 'S0SALESONCALL' };
const TAGS = ['vip', 'billing', 'refund'] as const;
const MOBILE: RoutingRule = { when: { channelType: ['whatsapp', 'sms'] }, channel: 'C0MOBILE' };

function alert(overrides: Partial<RoutedAlert> = {}): RoutedAlert {
  return { reason: 'frustration', priority: 'normal', channelType: 'web', tags: [], ...overrides };
}

describe('routeAlert', () => {
  it('sends an alert matching a rule to its channel, mentioning its user group', () => {
    expect(routeAlert([SALES], alert({ reason: 'high_value', priority: 'urgent' }), ALERTS)).toEqual({ channel: 'C0SALES', mention: 'S0SALESONCALL' });
  });

  it('needs every condition of a rule to hold', () => {
    expect(routeAlert([SALES], alert({ reason: 'high_value', priority: 'normal' }), ALERTS)).toEqual({ channel: ALERTS });
    expect(routeAlert([SALES], alert({ reason: 'frustration', priority: 'urgent' }), ALERTS)).toEqual({ channel: ALERTS });
  });

  it('takes the first rule that matches', () => {
    const everythingUrgent: RoutingRule = { when: { priority: 'urgent' }, channel: 'C0URGENT' };
    const vipOnWhatsapp = alert({ reason: 'high_value', priority: 'urgent', channelType: 'whatsapp' });
    expect(routeAlert([MOBILE, SALES, everythingUrgent], vipOnWhatsapp, ALERTS)).toEqual({ channel: 'C0MOBILE' });
    expect(routeAlert([everythingUrgent, MOBILE], vipOnWhatsapp, ALERTS)).toEqual({ channel: 'C0URGENT' });
  });

  it('keeps an alert no rule matches, or every alert without rules, in the alerts channel', () => {
    expect(routeAlert([SALES, MOBILE], alert(), ALERTS)).toEqual({ channel: ALERTS });
    expect(routeAlert([], alert({ reason: 'high_value', priority: 'urgent' }), ALERTS)).toEqual({ channel: ALERTS });
  });

  it('mentions a user group in the alerts channel when the rule names no channel', () => {
    expect(routeAlert([{ when: { reason: 'human_request' }, mention: 'S0TEAM' }], alert({ reason: 'human_request' }), ALERTS)).toEqual({
      channel: ALERTS,
      mention: 'S0TEAM',
    });
  });

  it('matches a rule on tags when the alert carries any of them, in any case', () => {
    const vip: RoutingRule = { when: { tags: ['vip', 'enterprise'] }, channel: 'C0VIP', mention: 'S0VIPDESK' };
    expect(routeAlert([vip], alert({ tags: ['billing', 'Enterprise'] }), ALERTS)).toEqual({ channel: 'C0VIP', mention: 'S0VIPDESK' });
    expect(routeAlert([{ when: { tags: 'VIP' }, channel: 'C0VIP' }], alert({ tags: ['vip'] }), ALERTS)).toEqual({ channel: 'C0VIP' });
    expect(routeAlert([vip], alert({ tags: ['billing'] }), ALERTS)).toEqual({ channel: ALERTS });
    expect(routeAlert([vip], alert(), ALERTS)).toEqual({ channel: ALERTS });
  });

  it('needs the tags to hold together with the other conditions of the rule', () => {
    const urgentVip: RoutingRule = { when: { tags: 'vip', priority: 'urgent' }, channel: 'C0VIP' };
    expect(routeAlert([urgentVip], alert({ tags: ['vip'], priority: 'normal' }), ALERTS)).toEqual({ channel: ALERTS });
    expect(routeAlert([urgentVip], alert({ tags: ['vip'], priority: 'urgent' }), ALERTS)).toEqual({ channel: 'C0VIP' });
  });

  it('routes every alert by the first rule that holds for it, whatever the rules', () => {
    const alerts = fc.record({
      reason: fc.constantFrom(...REASONS),
      priority: fc.constantFrom(...PRIORITIES),
      channelType: fc.constantFrom(...CHANNEL_TYPES),
      tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
    });
    const condition = <T>(values: readonly T[]) => fc.option(fc.oneof(fc.constantFrom(...values), fc.uniqueArray(fc.constantFrom(...values), { minLength: 1 })), { nil: undefined });
    const rules = fc.array(
      fc.record({
        when: fc.record(
          { reason: condition(REASONS), priority: condition(PRIORITIES), channelType: condition(CHANNEL_TYPES), tags: condition(TAGS) },
          { requiredKeys: [] },
        ),
        channel: fc.constantFrom('C0ONE', 'C0TWO', 'C0THREE'),
      }),
      { maxLength: 6 },
    );
    const allows = <T>(c: T | T[] | undefined, v: T) => c === undefined || (Array.isArray(c) ? c.includes(v) : c === v);
    const carries = (c: string | string[] | undefined, tags: string[]) => c === undefined || tags.some((t) => allows(c, t));
    fc.assert(
      fc.property(rules, alerts, (rs, a) => {
        const first = rs.find((r) => allows(r.when.reason, a.reason) && allows(r.when.priority, a.priority) && allows(r.when.channelType, a.channelType) && carries(r.when.tags, a.tags));
        expect(routeAlert(rs, a, ALERTS).channel).toBe(first ? first.channel : ALERTS);
      }),
    );
  });
});
