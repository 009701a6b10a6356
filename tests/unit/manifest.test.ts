import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// manifest.yml is checked in two layers:
//  1. Slack's own JSON Schema for app manifests (slackapi/manifest-schema, draft-07, so plain `ajv`).
//  2. Handoff's rules, for what the schema leaves open: the schema accepts any string up to 50 characters as
//     a scope or event name and does not require request URLs (Socket Mode apps have none). Scope and event
//     names are checked against Slack's method and event reference (slack-ruby/slack-api-ref).
// Every vendored file used here is an unmodified copy: see tests/fixtures/vendor/SOURCES.md.

const ROOT = join(__dirname, '..', '..');
const VENDOR = join(ROOT, 'tests', 'fixtures', 'vendor');
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(join(VENDOR, ...parts), 'utf8'));

// ---------------------------------------------------------------------------------------------------------
// Layer 1: Slack's schema
// ---------------------------------------------------------------------------------------------------------

// The top-level schema picks a version by _metadata.major_version and $refs each version's schema by its
// URL at tag v0.5.0. Nothing is fetched: the URLs are served from the vendored copies of schemas/*.json.
const VERSION_SCHEMA_URL = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas';

function compileManifestSchema(): ValidateFunction {
  const top = readJson('slack-manifest.schema.json') as { $schema: string };
  expect(top.$schema).toBe('http://json-schema.org/draft-07/schema#');
  // strict: false because Slack's schema carries non-standard keywords ("regex", "_note").
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  // The only format the schema uses is "uri" (for the optional "$schema" key); ajv-formats is not installed.
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value));
  for (const version of ['1.0.0', '2.0.0']) {
    ajv.addSchema(readJson('slack-manifest-schemas', `manifest.schema.${version}.json`) as object, `${VERSION_SCHEMA_URL}/manifest.schema.${version}.json`);
  }
  return ajv.compile(top);
}

const validateSchema = compileManifestSchema();

function schemaErrors(manifest: unknown): string[] {
  if (validateSchema(manifest)) return [];
  return (validateSchema.errors ?? []).map(
    (e: ErrorObject) => `schema: ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)} [${e.schemaPath}]`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Layer 2: Handoff's rules, from Slack's method and event reference
// ---------------------------------------------------------------------------------------------------------

interface MethodRef {
  scope?: { bot?: string[] };
}
interface EventRef {
  name: string;
  scopes?: string[];
}

// Every Web API method Handoff calls. For methods that act on conversations, Slack lists one scope per
// conversation kind (any one of them is enough for a conversation of that kind): `kinds` says which kinds
// Handoff uses it on. The alerts channel may be public (channels) or private (groups); assignees get DMs (im).
type Kind = 'channels' | 'groups' | 'im' | 'mpim';
const METHODS_CALLED: Array<{ method: string; why: string; kinds?: Kind[] }> = [
  { method: 'auth.test', why: 'bot identity at start-up' },
  { method: 'apps.connections.open', why: 'Socket Mode: the websocket URL, with the app-level token' },
  { method: 'chat.postMessage', why: 'alerts, mirrored customer messages, DMs to the assignee' },
  { method: 'chat.update', why: 'refresh an alert after every state change' },
  { method: 'chat.postEphemeral', why: 'tell one agent why an action was refused' },
  { method: 'chat.delete', why: 'remove a mirrored message the customer deleted' },
  { method: 'chat.getPermalink', why: 'link to the alert thread from App Home, DMs and /handoff lists' },
  { method: 'reactions.add', why: 'mark relayed / failed replies' },
  { method: 'reactions.remove', why: 'clear a failure mark after a retry' },
  { method: 'users.info', why: "the agent's name and avatar shown to the customer" },
  { method: 'views.open', why: 'Assign / Tag / Close modals' },
  { method: 'views.update', why: 'modals that change as they are filled in' },
  { method: 'views.publish', why: 'App Home' },
  { method: 'conversations.open', why: 'DM the assignee', kinds: ['im'] },
  { method: 'conversations.info', why: 'check the alerts channel', kinds: ['channels', 'groups'] },
  { method: 'conversations.history', why: 'find an alert posted just before a crash, by its metadata', kinds: ['channels', 'groups'] },
  { method: 'conversations.replies', why: 'find a thread post made just before a crash, by its metadata', kinds: ['channels', 'groups'] },
  { method: 'usergroups.users.list', why: 'restrict actions to members of a user group' },
  { method: 'files.info', why: 'files an agent shares in a thread, relayed to the customer' },
  { method: 'oauth.v2.access', why: 'many workspaces: the install code exchanged for tokens, and rotating tokens refreshed' },
];

// Methods Slack's reference lists with no bot scope at all. Pinned, so that the day the reference starts
// listing one, this test says so instead of silently treating it as free.
const METHODS_WITHOUT_SCOPE = ['apps.connections.open', 'auth.test', 'chat.getPermalink', 'oauth.v2.access', 'views.open', 'views.update', 'views.publish'];

// Scopes that belong to a feature rather than to a method or an event.
const FEATURE_SCOPES: Record<string, { why: string; requires?: string }> = {
  commands: { why: 'slash commands (features.slash_commands)' },
  'chat:write.customize': { why: "post mirrored customer messages under the customer's name and avatar", requires: 'chat:write' },
};

const EVENTS = readJson('slack-events', 'events.json') as EventRef[];
const EVENT_BY_NAME = new Map(EVENTS.map((e) => [e.name, e]));

function methodBotScopes(method: string): string[] {
  const ref = readJson('slack-methods', `${method}.json`) as MethodRef;
  return ref.scope?.bot ?? [];
}

// Each method's requirement as "one of these": a scope set per conversation kind, or the whole list.
function requiredScopeSets(): Array<{ what: string; anyOf: string[] }> {
  const sets: Array<{ what: string; anyOf: string[] }> = [];
  for (const { method, kinds } of METHODS_CALLED) {
    const scopes = methodBotScopes(method);
    if (scopes.length === 0) continue;
    if (!kinds) {
      sets.push({ what: method, anyOf: scopes });
      continue;
    }
    for (const kind of kinds) {
      // channels:manage stands in for channels:write in Slack's lists.
      const ofKind = scopes.filter((s) => s.startsWith(`${kind}:`));
      sets.push({ what: `${method} on ${kind}`, anyOf: ofKind });
    }
  }
  return sets;
}

// Every scope Slack's reference links to a method Handoff calls or an event it subscribes to.
function justifiedScopes(events: string[]): Set<string> {
  const justified = new Set(Object.keys(FEATURE_SCOPES));
  for (const set of requiredScopeSets()) set.anyOf.forEach((s) => justified.add(s));
  for (const name of events) EVENT_BY_NAME.get(name)?.scopes?.forEach((s) => justified.add(s));
  return justified;
}

const SCOPE_NAME = /^[a-z_]+(\.[a-z_]+)*:[a-z_]+(\.[a-z_]+)*$|^commands$/;
const BOT_URL_PATH = '/slack/events';

interface Manifest {
  display_information?: { name?: string; background_color?: string };
  features?: {
    bot_user?: { display_name?: string; always_online?: boolean };
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    slash_commands?: Array<{ command: string; url?: string; should_escape?: boolean; usage_hint?: string; description?: string }>;
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
    org_deploy_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

function requestUrls(m: Manifest): Array<{ where: string; url: string | undefined }> {
  return [
    { where: 'settings.event_subscriptions.request_url', url: m.settings?.event_subscriptions?.request_url },
    { where: 'settings.interactivity.request_url', url: m.settings?.interactivity?.request_url },
    ...(m.features?.slash_commands ?? []).map((c, i) => ({ where: `features.slash_commands[${i}].url (${c.command})`, url: c.url })),
  ];
}

function handoffRuleErrors(m: Manifest): string[] {
  const problems: string[] = [];
  const scopes = m.oauth_config?.scopes?.bot ?? [];
  const granted = new Set(scopes);
  const events = m.settings?.event_subscriptions?.bot_events ?? [];

  if (!m.settings?.socket_mode_enabled) {
    for (const { where, url } of requestUrls(m)) {
      if (!url) problems.push(`${where} is missing (required over HTTP, i.e. without Socket Mode)`);
      else if (!/^https:\/\/[^/]+\/slack\/events$/.test(url)) problems.push(`${where} must be https://<host>${BOT_URL_PATH}, got ${url}`);
    }
  }

  const justified = justifiedScopes(events);
  for (const scope of scopes) {
    if (!SCOPE_NAME.test(scope)) problems.push(`scope "${scope}" is not a Slack scope name`);
    else if (!justified.has(scope)) problems.push(`scope "${scope}" is neither required by a method Handoff calls, an event it subscribes to, nor a feature it uses`);
  }
  for (const [scope, { requires }] of Object.entries(FEATURE_SCOPES)) {
    if (granted.has(scope) && requires && !granted.has(requires)) problems.push(`scope "${scope}" needs "${requires}" too`);
  }
  if ((m.features?.slash_commands ?? []).length > 0 && !granted.has('commands')) problems.push('slash commands need the "commands" scope');

  for (const { what, anyOf } of requiredScopeSets()) {
    if (!anyOf.some((s) => granted.has(s))) problems.push(`${what} needs one of: ${anyOf.join(', ')}`);
  }

  for (const name of events) {
    const ref = EVENT_BY_NAME.get(name);
    if (!ref) {
      problems.push(`bot event "${name}" is not a Slack event`);
      continue;
    }
    const needed = ref.scopes ?? [];
    if (needed.length > 0 && !needed.some((s) => granted.has(s))) problems.push(`bot event "${name}" needs one of: ${needed.join(', ')}`);
  }
  return problems;
}

function manifestProblems(m: unknown): string[] {
  return [...schemaErrors(m), ...handoffRuleErrors(m as Manifest)];
}

// ---------------------------------------------------------------------------------------------------------

const MANIFEST_TEXT = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');
const loadManifest = (): Manifest => parse(MANIFEST_TEXT) as Manifest;
const manifest = loadManifest();

describe('manifest.yml', () => {
  it("is valid against Slack's app manifest schema", () => {
    const errors = schemaErrors(manifest);
    if (errors.length) console.error(`manifest.yml schema errors:\n${errors.join('\n')}`);
    expect(errors).toEqual([]);
  });

  it("passes Handoff's rules: URLs, scope names, scopes for every method and event", () => {
    const problems = handoffRuleErrors(manifest);
    if (problems.length) console.error(`manifest.yml problems:\n${problems.join('\n')}`);
    expect(problems).toEqual([]);
  });

  it('names the app and its bot Handoff, with the bot always online and App Home tabs on', () => {
    expect(manifest.display_information?.name).toBe('Handoff');
    expect(manifest.display_information?.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.features?.bot_user).toEqual({ display_name: 'Handoff', always_online: true });
    expect(manifest.features?.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('has exactly one slash command, /handoff, with a usage hint and unescaped text', () => {
    const commands = manifest.features?.slash_commands ?? [];
    expect(commands.map((c) => c.command)).toEqual(['/handoff']);
    expect(commands[0]).toMatchObject({ should_escape: false, usage_hint: expect.any(String), description: expect.any(String) });
  });

  it('sends events, interactivity and the slash command to /slack/events over HTTP (no Socket Mode)', () => {
    const urls = requestUrls(manifest);
    expect(urls).toHaveLength(3);
    for (const { url } of urls) expect(url).toBe('https://handoff.example.com/slack/events');
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, org_deploy_enabled: false, token_rotation_enabled: false });
  });

  it('tells admins to replace the example host', () => {
    expect(MANIFEST_TEXT).toMatch(/replace the host `handoff\.example\.com`/i);
  });

  it('subscribes to exactly the bot events Handoff handles, each covered by the scope it needs', () => {
    const events = manifest.settings?.event_subscriptions?.bot_events ?? [];
    expect([...events].sort()).toEqual(
      ['app_home_opened', 'app_uninstalled', 'message.channels', 'message.groups', 'reaction_added', 'tokens_revoked'].sort(),
    );
    const granted = manifest.oauth_config?.scopes?.bot ?? [];
    const needs: Record<string, string> = {
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      reaction_added: 'reactions:read',
    };
    for (const [event, scope] of Object.entries(needs)) {
      expect(EVENT_BY_NAME.get(event)?.scopes).toEqual([scope]); // what Slack's reference says
      expect(granted).toContain(scope);
    }
    for (const appEvent of ['app_home_opened', 'app_uninstalled', 'tokens_revoked']) expect(EVENT_BY_NAME.get(appEvent)?.scopes).toEqual([]);
    expect(manifest.settings?.event_subscriptions?.user_events).toBeUndefined();
  });

  it('asks for exactly the bot scopes Handoff needs, and no user scopes', () => {
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual(
      [
        'channels:history',
        'channels:read',
        'chat:write',
        'chat:write.customize',
        'commands',
        'files:read',
        'groups:history',
        'groups:read',
        'im:write',
        'reactions:read',
        'reactions:write',
        'usergroups:read',
        'users:read',
      ].sort(),
    );
    expect(manifest.oauth_config?.scopes?.user).toBeUndefined();
  });

  it("covers the bot scopes Slack's reference requires for every method Handoff calls", () => {
    const granted = new Set(manifest.oauth_config?.scopes?.bot ?? []);
    const expected: Record<string, string> = {
      'chat.postMessage': 'chat:write',
      'chat.update': 'chat:write',
      'chat.postEphemeral': 'chat:write',
      'chat.delete': 'chat:write',
      'reactions.add': 'reactions:write',
      'reactions.remove': 'reactions:write',
      'users.info': 'users:read',
      'usergroups.users.list': 'usergroups:read',
      'files.info': 'files:read',
    };
    for (const [method, scope] of Object.entries(expected)) {
      expect({ method, scopes: methodBotScopes(method) }).toEqual({ method, scopes: [scope] });
      expect(granted.has(scope)).toBe(true);
    }
    expect(methodBotScopes('conversations.open')).toContain('im:write');
    expect(methodBotScopes('conversations.info')).toEqual(expect.arrayContaining(['channels:read', 'groups:read']));
    for (const method of METHODS_WITHOUT_SCOPE) expect({ method, scopes: methodBotScopes(method) }).toEqual({ method, scopes: [] });
    for (const { what, anyOf } of requiredScopeSets()) expect({ what, covered: anyOf.some((s) => granted.has(s)) }).toEqual({ what, covered: true });
  });

  it('has a reference copy for every method it lists, and lists every copied method', () => {
    const copied = readdirSync(join(VENDOR, 'slack-methods'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(METHODS_CALLED.map((m) => m.method).sort()).toEqual(copied);
  });
});

// For a Handoff Slack cannot reach: the same app, over Socket Mode.
const SOCKET_MODE_MANIFEST = parse(readFileSync(join(ROOT, 'manifest.socket-mode.yml'), 'utf8')) as Manifest;

describe('manifest.socket-mode.yml', () => {
  it("is valid against Slack's app manifest schema and passes Handoff's rules", () => {
    expect(manifestProblems(SOCKET_MODE_MANIFEST)).toEqual([]);
  });

  it('turns Socket Mode on and has no request URLs', () => {
    expect(SOCKET_MODE_MANIFEST.settings?.socket_mode_enabled).toBe(true);
    expect(requestUrls(SOCKET_MODE_MANIFEST).map(({ url }) => url)).toEqual([undefined, undefined, undefined]);
  });

  it('differs from manifest.yml only in Socket Mode and the request URLs', () => {
    const overHttp = loadManifest();
    delete overHttp.settings!.event_subscriptions!.request_url;
    delete overHttp.settings!.interactivity!.request_url;
    for (const command of overHttp.features!.slash_commands!) delete command.url;
    overHttp.settings!.socket_mode_enabled = true;
    expect(SOCKET_MODE_MANIFEST).toEqual(overHttp);
  });
});

describe('the manifest checks can fail', () => {
  const mutate = (change: (m: Manifest) => void): Manifest => {
    const m = loadManifest();
    change(m);
    return m;
  };

  it('reports a missing event subscription request URL (the schema allows it: Socket Mode apps have none)', () => {
    const m = mutate((x) => delete x.settings!.event_subscriptions!.request_url);
    expect(schemaErrors(m)).toEqual([]);
    expect(manifestProblems(m)).toEqual([
      'settings.event_subscriptions.request_url is missing (required over HTTP, i.e. without Socket Mode)',
    ]);
  });

  it('reports a request URL on another path', () => {
    const m = mutate((x) => (x.settings!.interactivity!.request_url = 'https://handoff.example.com/slack/actions'));
    expect(manifestProblems(m)).toEqual([
      'settings.interactivity.request_url must be https://<host>/slack/events, got https://handoff.example.com/slack/actions',
    ]);
  });

  it('reports a misspelt scope, and the scope it was meant to be as missing', () => {
    const m = mutate((x) => {
      const bot = x.oauth_config!.scopes!.bot!;
      bot[bot.indexOf('reactions:write')] = 'reaction:write';
    });
    expect(manifestProblems(m)).toEqual([
      'scope "reaction:write" is neither required by a method Handoff calls, an event it subscribes to, nor a feature it uses',
      'reactions.add needs one of: reactions:write',
      'reactions.remove needs one of: reactions:write',
    ]);
  });

  it('reports a malformed scope name', () => {
    const m = mutate((x) => x.oauth_config!.scopes!.bot!.push('chat.write'));
    expect(manifestProblems(m)).toEqual(['scope "chat.write" is not a Slack scope name']);
  });

  it('reports a scope name the schema rejects (over 50 characters)', () => {
    const m = mutate((x) => x.oauth_config!.scopes!.bot!.push(`chat:${'w'.repeat(50)}`));
    expect(schemaErrors(m).join('\n')).toMatch(/\/oauth_config\/scopes\/bot\/13 must NOT have more than 50 characters/);
  });

  it('reports an event whose scope is missing, and an unknown event', () => {
    const m = mutate((x) => {
      x.oauth_config!.scopes!.bot = x.oauth_config!.scopes!.bot!.filter((s) => s !== 'groups:history');
      x.settings!.event_subscriptions!.bot_events!.push('reaction_add');
    });
    expect(manifestProblems(m)).toEqual([
      'conversations.history on groups needs one of: groups:history',
      'conversations.replies on groups needs one of: groups:history',
      'bot event "message.groups" needs one of: groups:history',
      'bot event "reaction_add" is not a Slack event',
    ]);
  });

  it('reports a private alerts channel Handoff could not read (conversations.info on groups)', () => {
    const m = mutate((x) => (x.oauth_config!.scopes!.bot = x.oauth_config!.scopes!.bot!.filter((s) => s !== 'groups:read')));
    expect(manifestProblems(m)).toEqual(['conversations.info on groups needs one of: groups:read']);
  });

  it('reports a slash command without the commands scope, and chat:write.customize without chat:write', () => {
    const m = mutate((x) => (x.oauth_config!.scopes!.bot = x.oauth_config!.scopes!.bot!.filter((s) => s !== 'commands' && s !== 'chat:write')));
    expect(manifestProblems(m)).toEqual([
      'scope "chat:write.customize" needs "chat:write" too',
      'slash commands need the "commands" scope',
      'chat.postMessage needs one of: chat:write',
      'chat.update needs one of: chat:write',
      'chat.postEphemeral needs one of: chat:write',
      'chat.delete needs one of: chat:write',
    ]);
  });

  it("rejects what Slack's schema forbids: unknown keys, a command without a slash, interactivity without is_enabled", () => {
    const m = mutate((x) => {
      const settings = x.settings as Record<string, unknown>;
      settings.event_subscription = settings.event_subscriptions; // typo'd key
      x.features!.slash_commands![0]!.command = 'handoff';
      delete x.settings!.interactivity!.is_enabled;
    });
    const errors = schemaErrors(m).join('\n');
    expect(errors).toMatch(/\/settings must NOT have additional properties \{"additionalProperty":"event_subscription"\}/);
    expect(errors).toMatch(/\/features\/slash_commands\/0\/command must match pattern "\^\\\/"/);
    expect(errors).toMatch(/\/settings\/interactivity must have required property 'is_enabled'/);
  });

  it('rejects a manifest without display_information (the schema requires it)', () => {
    const m = mutate((x) => delete x.display_information);
    expect(schemaErrors(m).join('\n')).toMatch(/must have required property 'display_information'/);
  });
});

describe('tests/fixtures/vendor', () => {
  const listFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));

  it('has a SOURCES.md row (repository, path, commit, licence) for every vendored file', () => {
    const sources = readFileSync(join(VENDOR, 'SOURCES.md'), 'utf8');
    const rows = new Map(
      [...sources.matchAll(/^\| `([^`]+)` \| ([\w.-]+\/[\w.-]+) \| `([^`]+)` \| `([0-9a-f]{40})` \| (MIT|Apache-2\.0) \|$/gm)].map((m) => [m[1] ?? '', m]),
    );
    const files = listFiles(VENDOR)
      .map((f) => relative(VENDOR, f).split('\\').join('/'))
      .filter((f) => f !== 'SOURCES.md')
      .sort();
    expect(files.filter((f) => !rows.has(f))).toEqual([]);
    expect([...rows.keys()].filter((f) => !files.includes(f))).toEqual([]);
  });
});
