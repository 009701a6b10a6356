// Slack sends these back in every interaction, including clicks on messages posted long ago: renaming one
// leaves the buttons of every existing alert without a listener.
export const ACTIONS = {
  takeOver: 'conversation_take_over',
  assign: 'conversation_assign',
  tag: 'conversation_tag',
  close: 'conversation_close',
  restore: 'conversation_restore',
  reopen: 'conversation_reopen',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const BLOCKS = {
  actions: 'conversation_actions',
} as const;
