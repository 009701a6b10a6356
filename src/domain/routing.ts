import type { ChannelType, Priority, Reason } from './conversation';

// Where a new alert goes. Rules are a workspace setting, tried in order: the first whose every condition holds
// sends the alert to its channel and mentions its user group; an alert no rule matches goes to the alerts
// channel. Alerts carry no tags when they arrive (agents add them later), so rules cannot match on tags.

// Each condition takes one value or a list of values, any of which matches; a condition left out matches all.
export interface RoutingCondition {
  reason?: Reason | Reason[];
  priority?: Priority | Priority[];
  channelType?: ChannelType | ChannelType[];
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
}

export interface Route {
  channel: string;
  mention?: string;
}

function holds<T>(condition: T | T[] | undefined, value: T): boolean {
  if (condition === undefined) return true;
  return Array.isArray(condition) ? condition.includes(value) : condition === value;
}

function matches(when: RoutingCondition, alert: RoutedAlert): boolean {
  return holds(when.reason, alert.reason) && holds(when.priority, alert.priority) && holds(when.channelType, alert.channelType);
}

export function routeAlert(rules: readonly RoutingRule[], alert: RoutedAlert, alertsChannel: string): Route {
  const rule = rules.find((r) => matches(r.when, alert));
  if (!rule) return { channel: alertsChannel };
  return { channel: rule.channel ?? alertsChannel, ...(rule.mention && { mention: rule.mention }) };
}
