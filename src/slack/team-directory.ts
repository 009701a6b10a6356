import type { WebClient } from '@slack/web-api';
import { slackCall } from '../jobs/handlers/slack-call';
import type { TeamDirectory } from '../services/standing';
import { Remembered } from './remembered';

// Group membership and who is a bot change rarely, and usergroups.users.list is rate-limited (Tier 2), so a
// button press must not always ask Slack: a change reaches Handoff within this long.
const FRESH_FOR_MS = 60_000;

export class SlackTeamDirectory implements TeamDirectory {
  private readonly groups: Remembered<string[]>;
  private readonly bots: Remembered<boolean>;

  // The client is asked for on each lookup: the workspace's token may have rotated.
  constructor(private readonly slack: () => Promise<WebClient>, freshForMs = FRESH_FOR_MS) {
    this.groups = new Remembered(freshForMs);
    this.bots = new Remembered(freshForMs);
  }

  membersOf(userGroupId: string): Promise<string[]> {
    return this.groups.get(userGroupId, async () => {
      const slack = await this.slack();
      const result = await slackCall('checking who is in the user group', () => slack.usergroups.users.list({ usergroup: userGroupId }));
      return result.users ?? [];
    });
  }

  isBot(userId: string): Promise<boolean> {
    return this.bots.get(userId, async () => {
      const slack = await this.slack();
      const { user } = await slackCall('looking up who reacted', () => slack.users.info({ user: userId }));
      return Boolean(user?.is_bot);
    });
  }
}
