import type { AllMiddlewareArgs, BlockButtonAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { deleteSavedReply, findSavedReply } from '../../../db/repositories/saved-replies';
import { mayListConversations } from '../../../services/conversation-lists';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { savedRepliesOf } from '../../../services/saved-replies';
import type { Tenancy } from '../../../workspaces/tenancy';
import { SAVED_REPLY_ACTIONS } from '../../ids';
import { buildSavedRepliesModal, buildSavedReplyEditor } from '../../blocks/saved-replies-modal';
import { buildAuthorityDenied, type SlackMessage } from '../../blocks/triage-messages';
import { answerFailure, toDirectMessages } from '../tell-privately';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type LibraryArgs = SlackActionMiddlewareArgs<BlockButtonAction | BlockStaticSelectAction> & AllMiddlewareArgs;

async function libraryView(deps: RelayDeps, tenancy: Tenancy, chosenId?: string) {
  return buildSavedRepliesModal(await savedRepliesOf(deps, tenancy), chosenId);
}

// The library is the support team's, like the conversations it answers: the same people may see and change it.
// Opened by `/handoff replies` and the App Home's button, with the trigger of that command or press.
export async function openSavedReplies(
  deps: RelayDeps,
  tenancy: Tenancy,
  p: { userId: string; triggerId: string },
): Promise<SlackMessage | null> {
  const authority = await mayListConversations(deps, tenancy, p.userId);
  if (!authority.allowed) return buildAuthorityDenied(authority.reason);
  await deps.slack.views.open({ trigger_id: p.triggerId, view: await libraryView(deps, tenancy) });
  return null;
}

export function openSavedRepliesFromHome(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, body }: ButtonArgs): Promise<void> => {
    await ack();
    const tell = toDirectMessages(deps, body.user.id);
    await answerFailure(deps, tell, async () => {
      const refused = await openSavedReplies(deps, tenancy, { userId: body.user.id, triggerId: body.trigger_id });
      if (refused) await tell(refused);
    });
  };
}

// Add reply and Edit turn the library into the editor; Delete removes the reply and shows the library again;
// a reply chosen in its menu of every reply shows the library with that one at the top.
export function libraryAction(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body }: LibraryArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    const tell = toDirectMessages(deps, body.user.id);
    await answerFailure(deps, tell, async () => {
      const authority = await mayListConversations(deps, tenancy, body.user.id);
      if (!authority.allowed) return void (await tell(buildAuthorityDenied(authority.reason)));
      const replyId = (action.type === 'static_select' ? action.selected_option?.value : action.value) ?? '';
      const update = async (next: Awaited<ReturnType<typeof libraryView>>) => deps.slack.views.update({ view_id: view.id, view: next });
      if (action.action_id === SAVED_REPLY_ACTIONS.add) return void (await update(buildSavedReplyEditor()));
      if (action.action_id === SAVED_REPLY_ACTIONS.find) return void (await update(await libraryView(deps, tenancy, replyId)));
      if (action.action_id === SAVED_REPLY_ACTIONS.delete) {
        await deleteSavedReply(deps.db, tenancy.workspaceId, replyId);
        return void (await update(await libraryView(deps, tenancy)));
      }
      const reply = await findSavedReply(deps.db, tenancy.workspaceId, replyId);
      await update(reply ? buildSavedReplyEditor(reply) : await libraryView(deps, tenancy));
    });
  };
}

