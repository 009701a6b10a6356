import type { BlockAction, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';

// Keys for the inbox receipts of interactions, which have no event id: the same press or submission, sent
// again (a Socket Mode redelivery), gets the same key and does nothing the second time.

export function pressReceipt(body: BlockAction, action: BlockButtonAction['actions'][number]): string {
  return ['press', body.user.id, action.action_id, action.action_ts, body.container?.message_ts ?? body.view?.id ?? ''].join(':');
}

export function submissionReceipt(body: ViewSubmitAction): string {
  return ['submission', body.view.id, body.view.hash ?? ''].join(':');
}
