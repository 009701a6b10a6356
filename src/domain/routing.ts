import type { ChannelType, Priority, Reason } from './conversation';
import { sameTag } from './tags';

// Where a new alert goes. Rules are a workspace setting, tried in order: the first whose every condition holds
// sends the alert to its channel and mentions its user group; an alert no rule matches goes to the alerts
// channel.

// Each condition takes one value or a list of values, any of which matches; a condition left out matches all.
// `tags` holds when the alert carries any of the rule's tags, in any case ("VIP" matches "vip").
export interface RoutingCondition {
  reason?: Reason | Reason[];
  priority?: Priority | Priority[];
  channelType?: ChannelType | ChannelType[];
  tags?: string | string[];
}

export interface RoutingRule {
  when: RoutingCondition;
  // A Slack channel id; left out, the alert stays in the alerts channel (with the mention).
  channel?: string;
  // A Slack user group id (S…), mentioned in the alert.
  mention?: string;
}

export interface RoutedAlert {
  reason: Reason;
  priority: Priority;
  channelType: ChannelType;
  tags: readonly string[];
}

export interface Route {
  channel: string;
  mention?: string;
}

function holds<T>(condition: T | T[] | undefined, value: T): boolean {
  if (condition === undefined) return true;
  return Array.isArray(condition) ? condition.includes(value) : condition === value;
}

function carriesAny(condition: string | string[] | undefined, tags: readonly string[]): boolean {
  if (condition === undefined) return true;
  const wanted = Array.isArray(condition) ? condition : [condition];
  return wanted.some((w) => tags.some((t) => sameTag(t, w)));
}

function matches(when: RoutingCondition, alert: RoutedAlert): boolean {
  return (
    holds(when.reason, alert.reason) &&
    holds(when.priority, alert.priority) &&
    holds(when.channelType, alert.channelType) &&
    carriesAny(when.tags, alert.tags)
  );
}

export function routeAlert(rules: readonly RoutingRule[], alert: RoutedAlert, alertsChannel: string): Route {
  const rule = rules.find((r) => matches(r.when, alert));
  if (!rule) return { channel: alertsChannel };
  return { channel: rule.channel ?? alertsChannel, ...(rule.mention && { mention: rule.mention }) };
}
