// Slack sends these back in every interaction, including clicks on messages posted long ago: renaming one
// leaves the buttons of every existing alert without a listener.
export const ACTIONS = {
  takeOver: 'conversation_take_over',
  assign: 'conversation_assign',
  tag: 'conversation_tag',
  close: 'conversation_close',
  restore: 'conversation_restore',
  reopen: 'conversation_reopen',
  // The alert's overflow menu: close, or restore to the AI, with a note for the AI.
  handBack: 'conversation_hand_back',
  customer: 'conversation_customer',
  retryDelivery: 'relay_retry_delivery',
  // From the ephemeral refusal shown when a colleague already holds the conversation.
  takeOverConfirmed: 'conversation_take_over_confirmed',
  savedReply: 'conversation_saved_reply',
  sendSuggestion: 'suggestion_send',
  editSuggestion: 'suggestion_edit',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const BLOCKS = {
  actions: 'conversation_actions',
} as const;

// The slash command as manifest.yml declares it; Slack sends it under this name.
export const COMMANDS = {
  handoff: '/handoff',
} as const;

// Slack sends a modal's submission to the listener registered for its callback_id.
export const VIEWS = {
  assign: 'conversation_assign_view',
  tag: 'conversation_tag_view',
  closeWithNote: 'conversation_close_view',
  restoreWithNote: 'conversation_restore_view',
  settings: 'workspace_settings_view',
  // Picking a saved reply, or editing the AI's suggestion, then sending it to the customer.
  sendReply: 'conversation_send_reply_view',
  savedReplies: 'saved_replies_view',
  savedReplyEditor: 'saved_reply_editor_view',
  customer: 'conversation_customer_view',
} as const;

// The saved-replies modals' own buttons and select; their value is the reply's id.
export const SAVED_REPLY_ACTIONS = {
  pick: 'saved_reply_pick',
  add: 'saved_reply_add',
  edit: 'saved_reply_edit',
  delete: 'saved_reply_delete',
  // The library's menu of every reply, for those past what it lists.
  find: 'saved_reply_find',
  // App Home's way in to the same library.
  manage: 'saved_replies_manage',
} as const;

// Inputs of our modals: a submission's state.values is keyed by block id, then by action id.
export const FIELDS = {
  assignUser: { blockId: 'assign_user_block', actionId: 'assign_user' },
  assignNote: { blockId: 'assign_note_block', actionId: 'assign_note' },
  assignPriority: { blockId: 'assign_priority_block', actionId: 'assign_priority' },
  tagSelect: { blockId: 'tag_select_block', actionId: 'tag_select' },
  tagNew: { blockId: 'tag_new_block', actionId: 'tag_new' },
  handBackNote: { blockId: 'hand_back_note_block', actionId: 'hand_back_note' },
  replyText: { blockId: 'reply_text_block', actionId: 'reply_text' },
  replyPick: { blockId: 'reply_pick_block', actionId: 'saved_reply_pick' },
  savedReplyTitle: { blockId: 'saved_reply_title_block', actionId: 'saved_reply_title' },
  savedReplyText: { blockId: 'saved_reply_text_block', actionId: 'saved_reply_text' },
  customerNote: { blockId: 'customer_note_block', actionId: 'customer_note' },
  customerTagSelect: { blockId: 'customer_tag_select_block', actionId: 'customer_tag_select' },
  customerTagNew: { blockId: 'customer_tag_new_block', actionId: 'customer_tag_new' },
  customerName: { blockId: 'customer_name_block', actionId: 'customer_name' },
  customerEmail: { blockId: 'customer_email_block', actionId: 'customer_email' },
  customerPhone: { blockId: 'customer_phone_block', actionId: 'customer_phone' },
  customerAddress: { blockId: 'customer_address_block', actionId: 'customer_address' },
} as const;

// What a Slack user id looks like. A mention is the one place a raw `<` reaches mrkdwn, and Slack rejects a
// view whose initial_user is malformed, so ids from storage are checked against it before either.
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

// What a Slack user group id looks like; a routed alert's mention is built only from one.
export const SLACK_USER_GROUP_ID = /^S[A-Z0-9]+$/;

// The App Home's buttons and selects. A tab, a page or a filter only changes what the Home shows; Take over and
// the availability toggle change something, then show the Home again.
export const HOME_ACTIONS = {
  // One per tab (action ids must differ within a block): home_queue_mine, home_queue_unassigned…
  queuePrefix: 'home_queue_',
  previousPage: 'home_page_previous',
  nextPage: 'home_page_next',
  filterTag: 'home_filter_tag',
  filterCustomerTag: 'home_filter_customer_tag',
  filterChannel: 'home_filter_channel',
  filterPriority: 'home_filter_priority',
  takeOver: 'home_take_over',
  takeOverConfirmed: 'home_take_over_confirmed',
  openThread: 'home_open_thread',
  availability: 'home_availability',
  // Shown only to those who may change the workspace's settings; opens the settings modal.
  settings: 'home_settings',
} as const;

// Inputs of the settings modal, one block per setting (a priority's target each), so an error names its field.
export const SETTINGS_FIELDS = {
  targetUrgent: { blockId: 'settings_target_urgent', actionId: 'target_urgent' },
  targetHigh: { blockId: 'settings_target_high', actionId: 'target_high' },
  targetNormal: { blockId: 'settings_target_normal', actionId: 'target_normal' },
  targetLow: { blockId: 'settings_target_low', actionId: 'target_low' },
  idleClose: { blockId: 'settings_idle_close', actionId: 'idle_close' },
  businessHours: { blockId: 'settings_business_hours', actionId: 'business_hours' },
  timeZone: { blockId: 'settings_time_zone', actionId: 'time_zone' },
  autoAssign: { blockId: 'settings_auto_assign', actionId: 'auto_assign' },
  agentChatLimit: { blockId: 'settings_agent_chat_limit', actionId: 'agent_chat_limit' },
  agentsUserGroup: { blockId: 'settings_agents_group', actionId: 'agents_group' },
  supervisorsUserGroup: { blockId: 'settings_supervisors_group', actionId: 'supervisors_group' },
  routingRules: { blockId: 'settings_routing_rules', actionId: 'routing_rules' },
} as const;
