import { DEFAULT_RESPONSE_TARGETS } from '../../src/domain/response-targets';
import type { Harness } from '../helpers/harness';
import { ALPHA, ALPHA_CHANNEL, BRAVO, BRAVO_CHANNEL, installAlphaAndBravo, startManyWorkspaces } from '../helpers/many-workspaces';
import { hasSettingsButton, openSettings, settingsValues, shownIn } from '../helpers/slack-settings';
import { homeText, openHome, pressAndWait } from '../helpers/slack-home';
import { openConversation, submitView } from '../helpers/slack-user';

// Two workspaces on one Handoff: each admin changes their own workspace's settings, found from the request's team.
const ALPHA_ADMIN = 'U0ALPHAADMIN';
const BRAVO_ADMIN = 'U0BRAVOADMIN';
const BRAVO_MEMBER = 'U0BRAVOMEMBER';
const ALPHA_URGENT = 'C0ALPHAURGENT';

let h: Harness;

beforeAll(async () => {
  h = await startManyWorkspaces();
  await installAlphaAndBravo(h);
  h.slack.setUser(ALPHA_ADMIN, { is_admin: true });
  h.slack.setUser(BRAVO_ADMIN, { is_owner: true });
});
afterAll(async () => {
  await h?.stop();
});
afterEach(() => {
  expect(h.slack.problems()).toEqual([]);
});

const settingsOf = (slackTeamId: string) => h.app.db.workspace.findUniqueOrThrow({ where: { slackTeamId } });

describe('the workspace settings with many workspaces', () => {
  it("refuses Bravo's member who is not an admin, the press and a submission of Alpha's form sent from Bravo alike", async () => {
    const alphaModal = await openSettings(h, await openHome(h, ALPHA_ADMIN, { teamId: ALPHA.id }), ALPHA_ADMIN, ALPHA.id);
    const [alphaBefore, bravoBefore] = [await settingsOf(ALPHA.id), await settingsOf(BRAVO.id)];
    const opened = h.slack.calls('views.open').length;

    const memberHome = await openHome(h, BRAVO_MEMBER, { teamId: BRAVO.id });
    expect(hasSettingsButton(memberHome)).toBe(false);
    const refusedPress = await pressAndWait(h, memberHome, BRAVO_MEMBER, { actionId: 'home_settings', value: 'open' }, BRAVO.id);
    expect(homeText(refusedPress)).toContain('Only workspace admins and owners');
    expect(h.slack.calls('views.open')).toHaveLength(opened);

    const answer = await submitView(h, alphaModal, BRAVO_MEMBER, settingsValues(alphaModal, { agentChatLimit: '9' }), BRAVO.id);
    expect(answer).toEqual({ response_action: 'errors', errors: { settings_target_urgent: expect.stringContaining('Only workspace admins and owners') } });
    expect(await settingsOf(ALPHA.id)).toEqual(alphaBefore);
    expect(await settingsOf(BRAVO.id)).toEqual(bravoBefore);
    expect(await h.app.db.workspaceSettingsChange.count()).toBe(0);
  });


  it("saves an admin's settings in their own workspace only, and routes each workspace's alerts by its own rules", async () => {
    const alphaModal = await openSettings(h, await openHome(h, ALPHA_ADMIN, { teamId: ALPHA.id }), ALPHA_ADMIN, ALPHA.id);
    const bravoBefore = await settingsOf(BRAVO.id);
    const rules = [{ when: { priority: 'urgent' }, channel: ALPHA_URGENT }];
    const answer = await submitView(h, alphaModal, ALPHA_ADMIN, settingsValues(alphaModal, { targetUrgent: '2', routingRules: JSON.stringify(rules) }), ALPHA.id);
    expect(answer).toEqual({});

    expect(await settingsOf(ALPHA.id)).toMatchObject({ routingRules: rules, firstResponseTargets: { ...DEFAULT_RESPONSE_TARGETS, urgent: 120 } });
    expect(await settingsOf(BRAVO.id)).toEqual(bravoBefore);
    const [change] = await h.app.db.workspaceSettingsChange.findMany();
    expect(change).toMatchObject({ workspaceId: (await settingsOf(ALPHA.id)).id, userId: ALPHA_ADMIN });

    // Bravo's owner sees Bravo's own settings, and nothing of Alpha's change.
    const bravoHome = await openHome(h, BRAVO_ADMIN, { teamId: BRAVO.id });
    expect(hasSettingsButton(bravoHome)).toBe(true);
    expect(homeText(bravoHome)).not.toContain('Settings changed by');
    const bravoModal = await openSettings(h, bravoHome, BRAVO_ADMIN, BRAVO.id);
    expect(shownIn(bravoModal, 'targetUrgent')).toBe('5');
    expect(shownIn(bravoModal, 'routingRules')).toBeNull();
    expect(h.slack.calls('views.open').at(-1)!.token).toBe(h.slack.tokensOf(BRAVO)[0]);

    await openConversation(h, { account: 'acct-alpha', priority: 'urgent' }, ALPHA_URGENT);
    await openConversation(h, { account: 'acct-bravo', priority: 'urgent' }, BRAVO_CHANNEL);
    expect(h.slack.calls('chat.postMessage').some((c) => c.args.channel === ALPHA_CHANNEL && !c.args.thread_ts)).toBe(false);
  });
});
