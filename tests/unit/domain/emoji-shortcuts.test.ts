import { shortcutFor } from '../../../src/domain/emoji-shortcuts';

const DEFAULTS = { takeOverEmoji: 'eyes', closeEmoji: 'white_check_mark' };

describe('shortcutFor', () => {
  it('takes 👀 as Take over and ✅ as Close by default', () => {
    expect(shortcutFor('eyes', DEFAULTS)).toBe('take_over');
    expect(shortcutFor('white_check_mark', DEFAULTS)).toBe('close');
  });

  it('reads an emoji with a skin tone as the emoji itself', () => {
    expect(shortcutFor('white_check_mark::skin-tone-4', DEFAULTS)).toBe('close');
  });

  it('ignores every other emoji, including ones that only start alike', () => {
    for (const reaction of ['thumbsup', 'eyes2', 'eye', 'heavy_check_mark', '']) expect(shortcutFor(reaction, DEFAULTS)).toBeNull();
  });

  it("follows the workspace's own choice, and then ignores the defaults", () => {
    const custom = { takeOverEmoji: 'raising_hand', closeEmoji: 'lock' };
    expect(shortcutFor('raising_hand', custom)).toBe('take_over');
    expect(shortcutFor('lock', custom)).toBe('close');
    expect(shortcutFor('eyes', custom)).toBeNull();
  });
});
