import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { saveSavedReply } from '../../../db/repositories/saved-replies';
import { mayListConversations } from '../../../services/conversation-lists';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { savedRepliesOf } from '../../../services/saved-replies';
import type { Tenancy } from '../../../workspaces/tenancy';
import { FIELDS } from '../../ids';
import { buildSavedRepliesModal, parseEditorMetadata, parseSavedReplyEditor } from '../../blocks/saved-replies-modal';
import type { StateValues } from '../../blocks/triage-modals';

// Save in the editor: an unknown placeholder or a title in use is said under its field; a saved reply shows
// the library again, with it.
export function savedReplySubmission(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseSavedReplyEditor(view.state.values as StateValues);
    if (!parsed.ok) return ack(parsed.response);
    const authority = await mayListConversations(deps, tenancy, body.user.id);
    if (!authority.allowed) return ack({ response_action: 'errors', errors: { [FIELDS.savedReplyText.blockId]: authority.reason } });
    const { replyId } = parseEditorMetadata(view.private_metadata);
    const saved = await saveSavedReply(deps.db, tenancy.workspaceId, { ...parsed.value, userId: body.user.id, ...(replyId ? { id: replyId } : {}) });
    if (saved === 'title_taken') {
      return ack({ response_action: 'errors', errors: { [FIELDS.savedReplyTitle.blockId]: 'Another saved reply has this title. Choose another.' } });
    }
    await ack({ response_action: 'update', view: buildSavedRepliesModal(await savedRepliesOf(deps, tenancy)) });
  };
}
