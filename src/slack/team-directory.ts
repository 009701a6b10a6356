import type { WebClient } from '@slack/web-api';
import { slackCall } from '../jobs/handlers/slack-call';
import type { TeamDirectory } from '../services/standing';
import { SlackCallError } from './errors';
import { Remembered } from './remembered';

// What users.info says of a person that Handoff decides on.
interface Person {
  bot: boolean;
  // A Slack workspace admin or owner.
  admin: boolean;
}

// Group membership, who is a bot and who is an admin change rarely, and usergroups.users.list is rate-limited
// (Tier 2), so a button press must not always ask Slack: a change reaches Handoff within this long.
const FRESH_FOR_MS = 60_000;

export class SlackTeamDirectory implements TeamDirectory {
  private readonly groups: Remembered<string[]>;
  private readonly people: Remembered<Person>;

  // The client is asked for on each lookup: the workspace's token may have rotated.
  constructor(private readonly slack: () => Promise<WebClient>, freshForMs = FRESH_FOR_MS) {
    this.groups = new Remembered(freshForMs);
    this.people = new Remembered(freshForMs);
  }

  membersOf(userGroupId: string): Promise<string[]> {
    return this.groups.get(userGroupId, async () => {
      const slack = await this.slack();
      const result = await slackCall('checking who is in the user group', () => slack.usergroups.users.list({ usergroup: userGroupId }));
      return result.users ?? [];
    });
  }

  async isUserGroup(userGroupId: string): Promise<boolean> {
    try {
      await this.membersOf(userGroupId);
      return true;
    } catch (err) {
      if (err instanceof SlackCallError && err.slackError === 'no_such_subteam') return false;
      throw err;
    }
  }

  async isBot(userId: string): Promise<boolean> {
    return (await this.person(userId)).bot;
  }

  async isAdmin(userId: string): Promise<boolean> {
    return (await this.person(userId)).admin;
  }

  private person(userId: string): Promise<Person> {
    return this.people.get(userId, async () => {
      const slack = await this.slack();
      const { user } = await slackCall('looking up a person', () => slack.users.info({ user: userId }));
      return { bot: Boolean(user?.is_bot), admin: Boolean(user?.is_admin || user?.is_owner) };
    });
  }
}
