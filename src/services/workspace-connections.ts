import type { Database } from '../db/client';
import { addAccountNotice } from '../db/repositories/account-notices';
import { connectAccount, disconnectAccounts } from '../db/repositories/accounts';
import { forgetInstallation, saveInstallation, type SlackInstallation } from '../db/repositories/installations';
import { inTransaction } from '../db/transaction';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import { requestWork } from './request-work';

export interface ConnectionDeps {
  db: Database;
  work: WorkQueue;
  logger: Logger;
  // This replica's memory of a workspace, dropped when it is installed or uninstalled here.
  forget(workspace: { workspaceId: string; slackTeamId: string }): void;
}

// An install through an account's link: the workspace's tokens, the account mapped onto it, and the platform's
// workspace.connected, all in one commit, so a crash cannot leave an account connected that nobody was told of.
export async function connectWorkspace(deps: ConnectionDeps, account: string, installation: SlackInstallation): Promise<void> {
  const { workspaceId, noticeId } = await inTransaction(deps.db, async (tx) => {
    const { workspaceId } = await saveInstallation(tx, installation);
    await connectAccount(tx, account, workspaceId);
    const noticeId = await addAccountNotice(tx, {
      account,
      type: 'workspace.connected',
      payload: { account, team: { id: installation.slackTeamId, name: installation.teamName }, alertsChannel: installation.alertsChannel },
    });
    return { workspaceId, noticeId };
  });
  // After the commit, so a read in between cannot remember the old row again.
  deps.forget({ workspaceId, slackTeamId: installation.slackTeamId });
  deps.logger.info({ account, team: installation.slackTeamId }, 'an account connected its Slack workspace');
  await requestWork(deps.logger, [() => deps.work.sendAccountNotice(noticeId)]);
}

// app_uninstalled or tokens_revoked: the tokens go and every account of the workspace is refused until it
// connects again; its conversations stay (see "Uninstalling" in the README). Slack sends both events on an
// uninstall: the second finds nothing left to do.
export async function disconnectWorkspace(deps: ConnectionDeps, slackTeamId: string, why: string): Promise<void> {
  const disconnected = await inTransaction(deps.db, async (tx) => {
    const workspace = await forgetInstallation(tx, slackTeamId);
    if (!workspace) return null;
    const accounts = await disconnectAccounts(tx, workspace.workspaceId);
    const noticeIds: string[] = [];
    for (const account of accounts) {
      noticeIds.push(await addAccountNotice(tx, { account, type: 'workspace.disconnected', payload: { account, team: { id: slackTeamId }, reason: why } }));
    }
    return { workspaceId: workspace.workspaceId, noticeIds };
  });
  if (!disconnected) return;
  deps.forget({ workspaceId: disconnected.workspaceId, slackTeamId });
  const { noticeIds } = disconnected;
  if (noticeIds.length > 0) deps.logger.info({ team: slackTeamId, accounts: noticeIds.length, why }, 'a workspace disconnected');
  await requestWork(deps.logger, noticeIds.map((id) => () => deps.work.sendAccountNotice(id)));
}
