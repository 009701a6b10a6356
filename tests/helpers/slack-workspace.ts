import { createHash } from 'node:crypto';
import { BOT_USER_ID, SlackTeams, TEAM_ID } from './slack-teams';

export { APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID } from './slack-teams';

// The pretend workspace behind the Slack stand-in: every user, channel and file exists, derived from its id,
// so tests only configure what they care about.
export const TEAM_URL = 'https://acme.slack.com/';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface SlackUserProfile {
  display_name: string;
  real_name: string;
  email: string;
  image_72: string;
  image_192: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  // A workspace admin or owner (an owner is an admin too).
  is_admin: boolean;
  is_owner: boolean;
  tz: string;
  profile: SlackUserProfile;
}

export interface SlackChannel {
  id: string;
  name?: string;
  user?: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_private: boolean;
  is_member: boolean;
  is_archived: boolean;
  created: number;
  context_team_id: string;
}

export interface SlackFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  url_private: string;
  url_private_download: string;
  permalink: string;
}

const CREATED = 1_700_000_000;
// Slack's path for file contents on files.slack.com: /files-pri/{team}-{file}/[download/]{name}.
export const FILE_PATH = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\//;
// 1700000000.000100 expressed in microseconds: Slack ts values are seconds.microseconds strings.
const FIRST_TS_MICROS = 1_700_000_000_000_100;

export class SlackWorkspace {
  private readonly users = new Map<string, DeepPartial<SlackUser>>();
  private readonly channels = new Map<string, DeepPartial<SlackChannel>>();
  private readonly files = new Map<string, DeepPartial<SlackFile>>();
  private readonly groups = new Map<string, string[]>();
  private readonly dms = new Map<string, string>();
  private readonly homeViews = new Map<string, string>();
  private readonly externalViews = new Map<string, string>();
  // What was posted in each channel, newest last, so conversations.history and .replies can answer from it.
  private readonly posted = new Map<string, Record<string, unknown>[]>();
  // The workspaces the app is installed in through OAuth, besides the default one; kept across resets.
  readonly teams = new SlackTeams();
  // Where apps.connections.open sends a Socket Mode client; set by a test that serves one.
  socketModeUrl: string | undefined;

  // Never reset: ts and ids stay unique across tests sharing one database.
  private seq = 0;

  // `filesOrigin` serves file contents, as files.slack.com does for Slack.
  constructor(private readonly filesOrigin: () => string) {}

  reset(): void {
    for (const m of [this.users, this.channels, this.files, this.groups, this.dms, this.homeViews, this.externalViews, this.posted]) m.clear();
  }

  nextTs(): string {
    const micros = FIRST_TS_MICROS + this.seq++ * 100;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  rememberPost(channel: string, message: Record<string, unknown>): void {
    const list = this.posted.get(channel) ?? [];
    list.push(message);
    this.posted.set(channel, list);
  }

  // Newest first, as conversations.history answers; a thread's replies are left out, as Slack leaves them out.
  history(channel: string): Record<string, unknown>[] {
    return (this.posted.get(channel) ?? []).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts).reverse();
  }

  // The parent first, then its replies oldest first, as conversations.replies answers.
  thread(channel: string, ts: string): Record<string, unknown>[] {
    return (this.posted.get(channel) ?? []).filter((m) => m.ts === ts || m.thread_ts === ts);
  }

  nextId(prefix: string): string {
    return `${prefix}0${String(++this.seq).padStart(8, '0')}`;
  }

  setUser(id: string, patch: DeepPartial<SlackUser>): void {
    this.users.set(id, merge(this.users.get(id) ?? {}, patch));
  }

  setChannel(id: string, patch: DeepPartial<SlackChannel>): void {
    this.channels.set(id, merge(this.channels.get(id) ?? {}, patch));
  }

  setFile(id: string, patch: DeepPartial<SlackFile>): void {
    this.files.set(id, merge(this.files.get(id) ?? {}, patch));
  }

  setUserGroup(id: string, userIds: string[]): void {
    this.groups.set(id, [...userIds]);
  }

  user(id: string): SlackUser {
    const isBot = id === BOT_USER_ID;
    const handle = isBot ? 'handoff' : id.toLowerCase();
    const realName = isBot ? 'Handoff' : `User ${id}`;
    const avatar = (size: number) => `https://avatars.slack-edge.com/${TEAM_ID}/${id}_${size}.png`;
    const base: SlackUser = {
      id, team_id: TEAM_ID, name: handle, real_name: realName, deleted: false, is_bot: isBot, is_admin: false, is_owner: false, tz: 'Europe/London',
      profile: { display_name: handle, real_name: realName, email: `${handle}@acme.example`, image_72: avatar(72), image_192: avatar(192) },
    };
    return merge(base, this.users.get(id));
  }

  channel(id: string): SlackChannel {
    // Slack id prefixes: D = direct message, G = (legacy) private channel, C = channel.
    const isIm = id.startsWith('D');
    const isPrivate = isIm || id.startsWith('G');
    const base: SlackChannel = {
      id, is_channel: !isIm, is_group: id.startsWith('G'), is_im: isIm, is_private: isPrivate, is_member: true,
      is_archived: false, created: CREATED, context_team_id: TEAM_ID, ...(isIm ? {} : { name: `channel-${id.toLowerCase()}` }),
    };
    return merge(base, this.channels.get(id));
  }

  file(id: string): SlackFile {
    const name = this.files.get(id)?.name ?? `${id.toLowerCase()}.png`;
    // As in Slack, the URLs end in the file's name.
    const folder = `${this.filesOrigin()}/files-pri/${TEAM_ID}-${id}`;
    const base: SlackFile = {
      id, name, title: name, mimetype: 'image/png', filetype: 'png', size: 1024, user: 'U0CUSTOMER', created: CREATED,
      url_private: `${folder}/${encodeURIComponent(name)}`, url_private_download: `${folder}/download/${encodeURIComponent(name)}`,
      permalink: `${TEAM_URL}files/U0CUSTOMER/${id}/${name}`,
    };
    return merge(base, this.files.get(id));
  }

  userGroup(id: string): string[] | undefined {
    return this.groups.get(id);
  }

  // The same set of users always gets the same conversation, as in Slack.
  dmFor(users: string): string {
    const key = users.split(',').map((u) => u.trim()).sort().join(',');
    let id = this.dms.get(key);
    if (!id) this.dms.set(key, (id = this.nextId('D')));
    return id;
  }

  // A user's Home tab keeps its view id across publishes.
  homeViewId(userId: string): string {
    let id = this.homeViews.get(userId);
    if (!id) this.homeViews.set(userId, (id = this.nextId('V')));
    return id;
  }

  rememberExternalView(externalId: string, viewId: string): void {
    this.externalViews.set(externalId, viewId);
  }

  viewIdForExternal(externalId: string): string | undefined {
    return this.externalViews.get(externalId);
  }
}

// What a file holds: `size` bytes derived from its id, so a test can check every byte arrived unchanged.
export function fileContent(file: SlackFile): Buffer {
  return Buffer.alloc(file.size, createHash('sha256').update(file.id).digest());
}

function merge<T extends object>(base: T, patch: DeepPartial<T> | undefined): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch ?? {})) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
