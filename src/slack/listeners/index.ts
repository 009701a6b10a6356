import type { AllMiddlewareArgs, App } from '@slack/bolt';
import { WORKSPACE_CONTEXT_KEY, type Tenancy, type BotIdentity, type SlackWorkspace } from '../../workspaces/tenancy';
import type { RelayDeps } from '../../services/relay-agent-reply';
import { ACTIONS, COMMANDS, HOME_ACTIONS, SAVED_REPLY_ACTIONS, VIEWS } from '../ids';
import { openSavedRepliesFromHome, libraryAction } from './actions/manage-saved-replies';
import { savedReplySubmission } from './views/saved-reply-submission';
import { openSavedReplyPicker, openSuggestionEditor, pickSavedReply } from './actions/send-reply-modal';
import { sendSuggestion } from './actions/send-suggestion';
import { sendReplySubmission } from './views/send-reply-submission';
import type { SlackEventHandlers, SlackEventRouter } from '../inbox/slack-inbox';
import type { ConnectionDeps } from '../../services/workspace-connections';
import type { Workspaces } from '../../workspaces/workspaces';
import { workspaceLifecycle } from './events/workspace-lifecycle';
import { homeAvailability } from './actions/home-availability';
import { homeNavigation } from './actions/home-navigation';
import { homeSettings } from './actions/home-settings';
import { homeTakeOver } from './actions/home-take-over';
import { openAssignModal, openHandBackModal, openTagModal } from './actions/open-triage-modal';
import { openCustomerProfileModal } from './actions/open-customer-profile';
import { customerSubmission } from './views/customer-submission';
import { handoffCommand } from './commands/handoff-command';
import { retryDeliveryAction } from './actions/retry-delivery';
import { triageButton } from './actions/triage-button';
import { homeOpened } from './events/home-opened';
import { reactionShortcut } from './events/reaction-shortcut';
import { threadMessage } from './events/thread-message';
import { settingsSubmission } from './views/settings-submission';
import { assignSubmission, closeWithNoteSubmission, restoreWithNoteSubmission, tagSubmission } from './views/triage-submission';

// What every listener needs whatever the workspace; the Slack client and directory come with the workspace.
export type SharedDeps = Omit<RelayDeps, 'slack' | 'directory'>;


export function scopedDeps(deps: SharedDeps, workspace: SlackWorkspace): RelayDeps {
  return { ...deps, slack: workspace.slack, directory: workspace.directory };
}

type Listener<A> = (args: A) => Promise<void>;

function inWorkspace<A extends AllMiddlewareArgs>(deps: SharedDeps, make: (deps: RelayDeps, tenancy: Tenancy) => Listener<A>): Listener<A> {
  return async (args) => {
    const workspace = args.context[WORKSPACE_CONTEXT_KEY] as SlackWorkspace;
    await make(scopedDeps(deps, workspace), workspace.tenancy)(args);
  };
}

// Wiring only: which action, modal or command goes to which handler. Each commits its effect before it acknowledges.
export function registerListeners(app: App, deps: SharedDeps): void {
  app.action(ACTIONS.retryDelivery, inWorkspace(deps, retryDeliveryAction));
  app.action(ACTIONS.takeOver, inWorkspace(deps, (d, t) => triageButton(d, t, 'take_over')));
  app.action(ACTIONS.takeOverConfirmed, inWorkspace(deps, (d, t) => triageButton(d, t, 'take_over', true)));
  app.action(ACTIONS.close, inWorkspace(deps, (d, t) => triageButton(d, t, 'close')));
  app.action(ACTIONS.restore, inWorkspace(deps, (d, t) => triageButton(d, t, 'restore')));
  app.action(ACTIONS.reopen, inWorkspace(deps, (d, t) => triageButton(d, t, 'reopen')));
  app.action(ACTIONS.assign, inWorkspace(deps, openAssignModal));
  app.action(ACTIONS.tag, inWorkspace(deps, openTagModal));
  app.view(VIEWS.assign, inWorkspace(deps, assignSubmission));
  app.view(VIEWS.tag, inWorkspace(deps, tagSubmission));
  app.action(ACTIONS.handBack, inWorkspace(deps, openHandBackModal));
  app.view(VIEWS.closeWithNote, inWorkspace(deps, closeWithNoteSubmission));
  app.view(VIEWS.restoreWithNote, inWorkspace(deps, restoreWithNoteSubmission));
  app.action(ACTIONS.customer, inWorkspace(deps, openCustomerProfileModal));
  app.view(VIEWS.customer, inWorkspace(deps, customerSubmission));
  app.command(COMMANDS.handoff, inWorkspace(deps, handoffCommand));
  app.action(ACTIONS.savedReply, inWorkspace(deps, openSavedReplyPicker));
  app.action(SAVED_REPLY_ACTIONS.pick, inWorkspace(deps, pickSavedReply));
  app.action(ACTIONS.sendSuggestion, inWorkspace(deps, sendSuggestion));
  app.action(ACTIONS.editSuggestion, inWorkspace(deps, openSuggestionEditor));
  app.view(VIEWS.sendReply, inWorkspace(deps, sendReplySubmission));
  app.action(SAVED_REPLY_ACTIONS.manage, inWorkspace(deps, openSavedRepliesFromHome));
  for (const actionId of [SAVED_REPLY_ACTIONS.add, SAVED_REPLY_ACTIONS.edit, SAVED_REPLY_ACTIONS.delete, SAVED_REPLY_ACTIONS.find]) app.action(actionId, inWorkspace(deps, libraryAction));
  app.view(VIEWS.savedReplyEditor, inWorkspace(deps, savedReplySubmission));
  const navigation = [new RegExp(`^${HOME_ACTIONS.queuePrefix}`), HOME_ACTIONS.previousPage, HOME_ACTIONS.nextPage, HOME_ACTIONS.filterTag, HOME_ACTIONS.filterCustomerTag, HOME_ACTIONS.filterChannel, HOME_ACTIONS.filterPriority];
  for (const actionId of navigation) app.action(actionId, inWorkspace(deps, homeNavigation));
  app.action(HOME_ACTIONS.takeOver, inWorkspace(deps, (d, t) => homeTakeOver(d, t)));
  app.action(HOME_ACTIONS.takeOverConfirmed, inWorkspace(deps, (d, t) => homeTakeOver(d, t, true)));
  app.action(HOME_ACTIONS.availability, inWorkspace(deps, homeAvailability));
  app.action(HOME_ACTIONS.settings, inWorkspace(deps, homeSettings));
  app.view(VIEWS.settings, inWorkspace(deps, settingsSubmission));
  // A link button opens the thread in the person's Slack; Slack still sends the click, which wants an answer.
  app.action(HOME_ACTIONS.openThread, async ({ ack }) => ack());
}

function slackEventHandlers(deps: RelayDeps, tenancy: Tenancy, bot: BotIdentity): SlackEventHandlers {
  return {
    message: threadMessage(deps, tenancy, bot),
    reaction_added: reactionShortcut(deps, tenancy, bot),
    app_home_opened: homeOpened(deps, tenancy),
  };
}

// Wiring only: which Slack event goes to which handler, for the workspace the event came from. Events are
// stored before Slack is answered and handled from the inbox by a job. A workspace Handoff is not installed
// in gets only the uninstall events; anything else from it is refused, and said so in the log.
export function slackEventRouter(deps: SharedDeps, workspaces: Workspaces, connections: ConnectionDeps): SlackEventRouter {
  return async (teamId) => {
    if (!teamId) return {};
    const lifecycle = workspaceLifecycle(connections, teamId);
    const workspace = await workspaces.ofTeam(teamId);
    if (!workspace) return lifecycle;
    return { ...slackEventHandlers(scopedDeps(deps, workspace), workspace.tenancy, workspace.bot), ...lifecycle };
  };
}
