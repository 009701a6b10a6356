// Reacting to an alert message is a shortcut for a button, as Slack-native support desks offer.

export interface EmojiShortcuts {
  takeOverEmoji: string;
  closeEmoji: string;
}

export type ShortcutCommand = 'take_over' | 'close';

// Slack names a reaction with a skin tone "thumbsup::skin-tone-2"; the tone does not change what it means.
export function shortcutFor(reaction: string, shortcuts: EmojiShortcuts): ShortcutCommand | null {
  const name = reaction.split('::')[0];
  if (name === shortcuts.takeOverEmoji) return 'take_over';
  if (name === shortcuts.closeEmoji) return 'close';
  return null;
}
