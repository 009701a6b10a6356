import { DEFAULT_RESPONSE_TARGETS } from '../../src/domain/response-targets';
import { loadWorkspaceSettings, seedWorkspace, type WorkspaceSettings } from '../../src/db/repositories/tenancy';
import { databaseOfTheFile } from '../helpers/test-database';

const SALES_RULE = { when: { reason: 'high_value' as const }, channel: 'C0SALES', mention: 'S0SALESONCALL' };

function environment(overrides: Partial<WorkspaceSettings> = {}): WorkspaceSettings {
  return {
    alertsChannel: 'C0ALERTS',
    relayMode: 'all',
    sendMarker: '>>',
    agentsUserGroup: null,
    supervisorsUserGroup: null,
    takeOverEmoji: 'eyes',
    closeEmoji: 'white_check_mark',
    routingRules: [],
    autoAssign: false,
    agentChatLimit: 5,
    firstResponseTargets: DEFAULT_RESPONSE_TARGETS,
    idleCloseSeconds: 86_400,
    businessHours: null,
    timeZone: 'UTC',
    ...overrides,
  };
}

const file = databaseOfTheFile();

const start = (slackTeamId: string, settings: WorkspaceSettings) =>
  seedWorkspace(file.db, { slackTeamId, platformName: 'default', bot: { botUserId: 'U0BOT', botId: 'B0BOT' }, settings });

async function settingsOf(slackTeamId: string): Promise<WorkspaceSettings> {
  const { id } = await file.db.workspace.findUniqueOrThrow({ where: { slackTeamId } });
  return loadWorkspaceSettings(file.db, id);
}

describe('seeding a workspace from the environment', () => {
  it('takes routing and auto-assign from the first start, and keeps what was changed since over a later start', async () => {
    await start('T0FRESH', environment({ routingRules: [SALES_RULE], autoAssign: true, agentChatLimit: 3 }));
    expect(await settingsOf('T0FRESH')).toMatchObject({ routingRules: [SALES_RULE], autoAssign: true, agentChatLimit: 3 });
    await file.db.workspace.update({ where: { slackTeamId: 'T0FRESH' }, data: { agentChatLimit: 8 } });
    await start('T0FRESH', environment());
    expect(await settingsOf('T0FRESH')).toMatchObject({ routingRules: [SALES_RULE], autoAssign: true, agentChatLimit: 8 });
  });

  it('seeds them once into a workspace seeded before they existed, keeping its other settings', async () => {
    await file.db.workspace.create({ data: { slackTeamId: 'T0UPGRADED', alertsChannel: 'C0OLD', takeOverEmoji: 'raised_hand', settingsSeededAt: new Date() } });
    await start('T0UPGRADED', environment({ routingRules: [SALES_RULE], autoAssign: true }));
    expect(await settingsOf('T0UPGRADED')).toMatchObject({ alertsChannel: 'C0OLD', takeOverEmoji: 'raised_hand', routingRules: [SALES_RULE], autoAssign: true, agentChatLimit: 5 });
    await start('T0UPGRADED', environment({ routingRules: [], autoAssign: false, agentChatLimit: 2 }));
    expect(await settingsOf('T0UPGRADED')).toMatchObject({ routingRules: [SALES_RULE], autoAssign: true, agentChatLimit: 5 });
  });

  it('seeds the response-time settings once into a workspace seeded before they existed', async () => {
    const targets = { ...DEFAULT_RESPONSE_TARGETS, urgent: 120 };
    const hours = 'Mon-Fri 09:00-17:00 Europe/Berlin';
    await file.db.workspace.create({ data: { slackTeamId: 'T0REMINDED', alertsChannel: 'C0OLD', settingsSeededAt: new Date(), seededSettings: ['routingRules', 'autoAssign', 'agentChatLimit'] } });
    await start('T0REMINDED', environment({ firstResponseTargets: targets, idleCloseSeconds: 3600, businessHours: hours }));
    expect(await settingsOf('T0REMINDED')).toMatchObject({ alertsChannel: 'C0OLD', firstResponseTargets: targets, idleCloseSeconds: 3600, businessHours: hours });
    await start('T0REMINDED', environment());
    expect(await settingsOf('T0REMINDED')).toMatchObject({ firstResponseTargets: targets, idleCloseSeconds: 3600, businessHours: hours });
  });
});
