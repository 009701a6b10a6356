import { Client } from 'pg';
import { seedWorkspace } from '../../src/db/repositories/tenancy';
import { DEFAULT_RESPONSE_TARGETS } from '../../src/domain/response-targets';
import { SETTINGS_FIELDS } from '../../src/slack/ids';
import { alertBody } from '../helpers/alerts';
import { decided, onlineAre } from '../helpers/auto-assign';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { remindNow } from '../helpers/remind-now';
import { hasSettingsButton, openSettings, settingsValues, shownIn } from '../helpers/slack-settings';
import { homeText, nextHome, openHome, pressAndWait } from '../helpers/slack-home';
import { BOT_ID, BOT_USER_ID, TEAM_ID } from '../helpers/slack-stand-in';
import { openConversation, submitView, waitUntil } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

let h: Harness;

useHarness((started) => (h = started));

const ADMIN = 'U0ADMIN';
const AGENT = 'U0AGENT';
const SUE = 'U0SUE';
const URGENT_CHANNEL = 'C0URGENT';

// Slack forgets its people after each test; Handoff asks users.info whether someone is an admin.
beforeEach(() => h.slack.setUser(ADMIN, { is_admin: true }));

const workspace = () => h.app.db.workspace.findUniqueOrThrow({ where: { id: h.app.tenancy!.workspaceId } });
const changes = () => h.app.db.workspaceSettingsChange.findMany({ orderBy: { at: 'asc' } });
const secondsAfter = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);
// Once every request to give waiting conversations to agents has been answered by its job.
const waitingAssignmentsSettled = () =>
  waitUntil(async () => {
    const w = await workspace();
    return w.waitingAssignmentsDone >= w.waitingAssignmentsAsked;
  });

describe('the workspace settings on App Home', () => {
  it('shows Settings only to a workspace admin, and refuses a press from anyone else at the top of their Home', async () => {
    expect(hasSettingsButton(await openHome(h, ADMIN))).toBe(true);
    const agentHome = await openHome(h, AGENT);
    expect(hasSettingsButton(agentHome)).toBe(false);

    const refused = await pressAndWait(h, agentHome, AGENT, { actionId: 'home_settings', value: 'open' });
    expect(homeText(refused)).toContain('Only workspace admins and owners');
    expect(hasSettingsButton(refused)).toBe(false);
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it('opens the current settings and saves them: the row, who changed what, the Homes, routing, reminders and auto-assign follow', async () => {
    // An alert just before the save: what Handoff knows of the workspace then must not route the next one.
    await openConversation(h, { priority: 'low' });
    const home = await openHome(h, ADMIN);
    const modal = await openSettings(h, home, ADMIN);
    expect(shownIn(modal, 'targetUrgent')).toBe('5');
    expect(shownIn(modal, 'autoAssign')).toBe('off');
    const before = await workspace();
    const published = h.slack.calls('views.publish').filter((c) => c.args.user_id === ADMIN).length;

    const rules = [{ when: { priority: 'urgent' }, channel: URGENT_CHANNEL }];
    const answer = await submitView(h, modal, ADMIN, settingsValues(modal, {
      targetUrgent: '1',
      businessHours: 'Mon-Sun 00:00-24:00 UTC',
      timeZone: 'Europe/Berlin',
      autoAssign: 'on',
      agentChatLimit: '2',
      routingRules: JSON.stringify(rules),
    }));
    // Slack heard back once it was committed: the modal closes.
    expect(answer).toEqual({});
    const after = await workspace();
    expect(after).toMatchObject({
      firstResponseTargets: { ...DEFAULT_RESPONSE_TARGETS, urgent: 60 },
      businessHours: 'Mon-Sun 00:00-24:00 UTC',
      timeZone: 'Europe/Berlin',
      autoAssign: true,
      agentChatLimit: 2,
      routingRules: rules,
      settingsVersion: before.settingsVersion + 1,
    });
    expect(after.seededSettings).toEqual(expect.arrayContaining(['routingRules', 'autoAssign', 'agentChatLimit', 'firstResponseTargets', 'idleCloseSeconds', 'businessHours', 'timeZone']));
    const [change] = await changes();
    expect(change).toMatchObject({ userId: ADMIN, changes: { firstResponseTargets: { from: DEFAULT_RESPONSE_TARGETS, to: { ...DEFAULT_RESPONSE_TARGETS, urgent: 60 } }, autoAssign: { from: false, to: true } } });
    expect(Object.keys(change!.changes as object).sort()).toEqual(['agentChatLimit', 'autoAssign', 'businessHours', 'firstResponseTargets', 'routingRules', 'timeZone']);

    // The admin's open Home is shown again, saying who changed what.
    const refreshed = await nextHome(h, ADMIN, published);
    expect(homeText(refreshed)).toContain(`Settings changed by <@${ADMIN}>`);
    expect(homeText(refreshed)).toContain('(response times, business hours, time zone, auto-assign, chat limit, routing rules)');
    // Switching assigning on asked for what waits to be given out; nobody was online to take it.
    expect(after.waitingAssignmentsAsked).toBe(before.waitingAssignmentsAsked + 1);
    await waitingAssignmentsSettled();

    // The next urgent alert goes where the new rule sends it, and its reminder comes after the new minute.
    await onlineAre(h);
    const urgent = await openConversation(h, { priority: 'urgent' }, URGENT_CHANNEL);
    expect((await decided(h, urgent.externalId)).assigneeId).toBeNull();
    const since = (await h.app.db.conversation.findUniqueOrThrow({ where: { id: urgent.id } })).statusChangedAt;
    expect(await remindNow(h, secondsAfter(since, 59))).toBe(0);
    expect(await remindNow(h, secondsAfter(since, 61))).toBe(1);
    expect(await h.app.db.reminder.findMany({ where: { conversationId: urgent.id } })).toEqual([expect.objectContaining({ kind: 'first_response' })]);

    // Auto-assign is on: a new alert goes to the agent online.
    await onlineAre(h, 'U0ANA');
    const normal = alertBody({ priority: 'normal', transcript: [] });
    expect((await h.platformRequest('/api/v1/handoffs', normal)).status).toBe(202);
    expect((await decided(h, normal.conversationId as string)).assigneeId).toBe('U0ANA');
  });

  it('gives what waits to an agent online with room once assigning is switched on, and again when the limit is raised', async () => {
    const save = async (entered: Parameters<typeof settingsValues>[1]) => {
      const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
      expect(await submitView(h, modal, ADMIN, settingsValues(modal, entered))).toEqual({});
      await waitingAssignmentsSettled();
    };
    await save({ autoAssign: 'off' });
    await onlineAre(h, 'U0BEA');
    // Earlier tests may have left conversations waiting too: two more make sure more wait than either limit takes.
    await openConversation(h, { priority: 'normal' });
    await openConversation(h, { priority: 'normal' });
    const held = () => h.app.db.conversation.count({ where: { assigneeId: 'U0BEA', status: 'human' } });
    expect(await held()).toBe(0);

    await save({ autoAssign: 'on', agentChatLimit: '1' });
    expect(await held()).toBe(1);
    await save({ agentChatLimit: '2' });
    expect(await held()).toBe(2);
  });

  it.each([
    ['routing rule', 'routingRules', '[{"when": {"priority": "urgent"}}]', 'Routing rules: rule 0, channel: needs a channel, a mention or both'],
    ['business hours', 'businessHours', 'weekdays 9 to 5', 'Business hours must read <days> <HH:MM>-<HH:MM> <time zone>, e.g. Mon-Fri 09:00-17:00 Europe/Berlin.'],
    ['time zone', 'timeZone', 'Mars/Olympus', 'Enter an IANA time zone such as Europe/Berlin, or UTC.'],
    ['chat limit', 'agentChatLimit', '0', 'Enter a whole number of conversations from 1 to 100.'],
    ['target', 'targetHigh', 'soon', 'Enter minutes from 1 to 10080, e.g. 15.'],
  ] as const)('refuses a bad %s, naming its field, and writes nothing', async (_what, field, entered, message) => {
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    const [before, logged] = [await workspace(), (await changes()).length];
    const answer = await submitView(h, modal, ADMIN, settingsValues(modal, { [field]: entered }));
    expect(answer).toEqual({ response_action: 'errors', errors: { [SETTINGS_FIELDS[field].blockId]: message } });
    expect(await workspace()).toEqual(before);
    expect(await changes()).toHaveLength(logged);
  });

  it('refuses a user group Slack does not know, under its field, so a mistyped ID cannot lock the team out of its Home', async () => {
    h.slack.setUserGroup('S0AGENTS', [AGENT]);
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    const before = await workspace();
    const answer = await submitView(h, modal, ADMIN, settingsValues(modal, { agentsUserGroup: 'S0AGENTS', supervisorsUserGroup: 'S0NOSUCH' }));
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { [SETTINGS_FIELDS.supervisorsUserGroup.blockId]: 'Slack knows no user group S0NOSUCH in this workspace. Copy its ID from the group\'s ⋮ menu, or leave it empty.' },
    });
    expect(await workspace()).toEqual(before);
    expect(hasSettingsButton(await openHome(h, ADMIN))).toBe(true);
  });

  it('refuses a form opened before a colleague saved, so their change is not undone', async () => {
    const home = await openHome(h, ADMIN);
    const first = await openSettings(h, home, ADMIN);
    const second = await openSettings(h, home, ADMIN);
    expect(await submitView(h, first, ADMIN, settingsValues(first, { idleClose: '120' }))).toEqual({});
    const answer = await submitView(h, second, ADMIN, settingsValues(second, { agentChatLimit: '9' }));
    expect(answer).toEqual({ response_action: 'errors', errors: { [SETTINGS_FIELDS.targetUrgent.blockId]: expect.stringContaining('Someone else saved the settings') } });
    expect(await workspace()).toMatchObject({ idleCloseSeconds: 7200, agentChatLimit: 2 });
  });

  it('saves one of two forms submitted at the same moment from the same version, and refuses the other', async () => {
    const home = await openHome(h, ADMIN);
    const [first, second] = [await openSettings(h, home, ADMIN), await openSettings(h, home, ADMIN)];
    const logged = (await changes()).length;
    const answers = await Promise.all([
      submitView(h, first, ADMIN, settingsValues(first, { agentChatLimit: '7' })),
      submitView(h, second, ADMIN, settingsValues(second, { idleClose: '30' })),
    ]);
    expect(answers.filter((a) => Object.keys(a).length === 0)).toHaveLength(1);
    expect(answers.filter((a) => a.response_action === 'errors')).toHaveLength(1);
    expect(await changes()).toHaveLength(logged + 1);
    const row = await workspace();
    expect([row.agentChatLimit === 7, row.idleCloseSeconds === 1800].filter(Boolean)).toHaveLength(1);
  });

  it('saves a submission Slack sends twice once', async () => {
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    const values = settingsValues(modal, { agentChatLimit: '4' });
    const logged = (await changes()).length;
    expect(await submitView(h, modal, ADMIN, values)).toEqual({});
    expect(await submitView(h, modal, ADMIN, values)).toEqual({});
    expect(await changes()).toHaveLength(logged + 1);
  });

  it("answers a submission Slack sends again while the first is still being saved as saved, not as a colleague's change", async () => {
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    const values = settingsValues(modal, { agentChatLimit: '6' });
    const logged = (await changes()).length;
    // Another transaction holds the workspace's row, so both deliveries are under way before either commits.
    const holder = new Client({ connectionString: (h.config.database as { url: string }).url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM "Workspace" WHERE id = $1 FOR UPDATE', [h.app.tenancy!.workspaceId]);
      const answers = Promise.all([submitView(h, modal, ADMIN, values), submitView(h, modal, ADMIN, values)]);
      await waitUntil(async () => {
        const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return rows[0].n >= 2;
      });
      await holder.query('COMMIT');
      expect(await answers).toEqual([{}, {}]);
    } finally {
      await holder.end();
    }
    expect(await changes()).toHaveLength(logged + 1);
    expect(await workspace()).toMatchObject({ agentChatLimit: 6 });
  });

  it('refuses a forged submission from someone who may not change the settings', async () => {
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    const before = await workspace();
    const answer = await submitView(h, modal, AGENT, settingsValues(modal, { routingRules: '[]' }));
    expect(answer).toEqual({ response_action: 'errors', errors: { [SETTINGS_FIELDS.targetUrgent.blockId]: expect.stringContaining('Only workspace admins and owners') } });
    expect(await workspace()).toEqual(before);
  });

  it("lets the supervisors' group in once one is set, and keeps what was saved when the environment seeds again", async () => {
    h.slack.setUserGroup('S0SUPERVISORS', [SUE]);
    h.slack.setUserGroup('S0AGENTS', [AGENT]);
    // Seeded by a release before the later settings (routing rules … time zone) existed: each is seeded at the
    // next start, unless the admin has chosen it by then.
    await h.app.db.workspace.update({ where: { id: h.app.tenancy!.workspaceId }, data: { seededSettings: [] } });
    const modal = await openSettings(h, await openHome(h, ADMIN), ADMIN);
    expect(await submitView(h, modal, ADMIN, settingsValues(modal, { supervisorsUserGroup: 'S0SUPERVISORS', agentsUserGroup: 'S0AGENTS' }))).toEqual({});
    const suesHome = await openHome(h, SUE);
    expect(hasSettingsButton(suesHome)).toBe(true);
    expect(homeText(suesHome)).toContain('home_queues');
    expect(hasSettingsButton(await openHome(h, AGENT))).toBe(false);
    // The admin is on neither group: no queues, but the settings are still theirs to change.
    const adminsHome = await openHome(h, ADMIN);
    expect(homeText(adminsHome)).toContain("Handoff's queues are for the support team.");
    expect(hasSettingsButton(adminsHome)).toBe(true);

    // A start with other values in the environment seeds nothing the admin saved.
    const saved = await workspace();
    await seedWorkspace(h.app.db, {
      slackTeamId: TEAM_ID,
      platformName: h.config.platform.name,
      bot: { botUserId: BOT_USER_ID, botId: BOT_ID },
      settings: {
        alertsChannel: ALERTS_CHANNEL, relayMode: 'all', sendMarker: '>>', agentsUserGroup: null, supervisorsUserGroup: null,
        takeOverEmoji: 'eyes', closeEmoji: 'white_check_mark', routingRules: [], autoAssign: false, agentChatLimit: 5,
        firstResponseTargets: DEFAULT_RESPONSE_TARGETS, idleCloseSeconds: 86_400, businessHours: null, timeZone: 'Asia/Tokyo',
      },
    });
    expect(await workspace()).toEqual(saved);
    expect(saved.timeZone).not.toBe('Asia/Tokyo');
  });
});
