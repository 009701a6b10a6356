import { clip, clipPlain, escapeMrkdwn, httpUrl, splitText } from '../../../src/slack/blocks/escape';

const BROKEN_ENTITY = /&(?!amp;|lt;|gt;)/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// A deterministic mix of what hurts at a cut: emoji (surrogate pairs), characters that become entities, quotes.
function hostileText(seed: number, length: number): string {
  const parts = ['😀', '&', '<', '>', 'a', ' ', '"', '👍🏽', '\n', 'é', '<!channel>'];
  let text = '';
  let n = seed;
  while (text.length < length) {
    n = (n * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += parts[n % parts.length];
  }
  return text;
}

describe('escapeMrkdwn', () => {
  it('neutralises broadcasts, mentions and forged links', () => {
    expect(escapeMrkdwn('<!channel> hi <@U123> <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
  });

  it('escapes an ampersand first, so existing entities are shown as typed', () => {
    expect(escapeMrkdwn('Tom & Jerry &lt;3')).toBe('Tom &amp; Jerry &amp;lt;3');
  });

  it('leaves every other character alone, formatting included', () => {
    const text = '*bold* _it_ ~s~ `code` "q" \'a\' #general :rage: 😀';
    expect(escapeMrkdwn(text)).toBe(text);
  });
});

describe('clip', () => {
  it('returns short text unchanged', () => {
    expect(clip('hello', 5)).toBe('hello');
  });

  it('marks a cut with an ellipsis within the limit', () => {
    expect(clip('hello world', 6)).toBe('hello…');
  });

  it('never splits an emoji, whatever the cut point', () => {
    const text = '😀'.repeat(20);
    for (let max = 1; max < text.length; max += 1) {
      const clipped = clip(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped).not.toMatch(LONE_SURROGATE);
      expect(clipped.endsWith('…')).toBe(true);
    }
  });

  it('never leaves half an entity in escaped text, whatever the cut point', () => {
    const escaped = escapeMrkdwn('a&b<c>d'.repeat(10));
    for (let max = 1; max < escaped.length; max += 1) {
      const clipped = clip(escaped, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped).not.toMatch(BROKEN_ENTITY);
      expect(escaped.startsWith(clipped.slice(0, -1))).toBe(true);
    }
  });

  it('gives nothing when there is no room even for the ellipsis', () => {
    expect(clip('hello', 0)).toBe('');
  });
});

describe('clipPlain', () => {
  it('turns angle brackets, and their entities, into parentheses rather than escaping them', () => {
    expect(clipPlain('<!channel> Eve', 100)).toBe('(!channel) Eve');
    expect(clipPlain('&lt;@U123&gt; <https://evil.example|bank> &LT;!here&GT;', 100)).toBe('(@U123) (https://evil.example|bank) (!here)');
  });

  it('leaves every other character as typed, ampersands included', () => {
    expect(clipPlain('Tom & Jerry &amp; *friends* :rage:', 100)).toBe('Tom & Jerry &amp; *friends* :rage:');
  });

  it('clips without splitting an emoji, after dropping invisible characters', () => {
    expect(clipPlain('😀😀😀', 4)).toBe('😀…');
    expect(clipPlain('<\u0000!channel\u0007>', 100)).toBe('(!channel)');
  });

  it('drops control characters and repairs a half emoji, which JSON would inflate and Slack cannot show', () => {
    expect(clipPlain('a\u0000b\u0007c\r\nd\te\ud83d', 100)).toBe('abc\nd\te\uFFFD');
  });
});

describe('splitText', () => {
  it('cuts long text into pieces that rejoin into the original', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const escaped = escapeMrkdwn(hostileText(seed, 5_000));
      const pieces = splitText(escaped, 300);
      expect(pieces.join('')).toBe(escaped);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(300);
        expect(piece).not.toMatch(BROKEN_ENTITY);
        expect(piece).not.toMatch(LONE_SURROGATE);
      }
    }
  });

  it('breaks between words when it can', () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(10);
    const pieces = splitText(text, 40);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece).toMatch(/^\S.*\s$/);
  });

  it('returns no pieces for empty text', () => {
    expect(splitText('', 100)).toEqual([]);
  });
});

describe('httpUrl', () => {
  it('accepts web links, normalised', () => {
    expect(httpUrl('https://platform.example/c/42?x=1&y=2', 100)).toBe('https://platform.example/c/42?x=1&y=2');
    expect(httpUrl('http://Platform.Example', 100)).toBe('http://platform.example/');
  });

  it('percent-encodes markup that tries to ride along in the path', () => {
    expect(httpUrl('https://evil.example/<!channel>', 100)).toBe('https://evil.example/%3C!channel%3E');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'slack://open', 'mailto:a@b.example', 'ftp://x.example', 'not a url', ''])(
    'refuses %p',
    (raw) => {
      expect(httpUrl(raw, 100)).toBeNull();
    },
  );

  it('refuses hostnames Slack might choke on', () => {
    expect(httpUrl('http://a"b.example/', 100)).toBeNull();
    expect(httpUrl('http://[::1]/', 100)).toBeNull();
  });

  it('refuses links over the length limit', () => {
    const long = `https://platform.example/${'a'.repeat(1_000)}`;
    expect(httpUrl(long, long.length - 1)).toBeNull();
    expect(httpUrl(long, long.length)).toBe(long);
  });
});
