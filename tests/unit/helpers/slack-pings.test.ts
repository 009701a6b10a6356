import { findPings } from '../../helpers/slack-pings';

describe('findPings', () => {
  it.each([
    '<!channel>',
    '<!here|here>',
    '<!everyone>',
    '<!subteam^S1>',
    '<@U123>',
    '<#C123>',
    '<https://x|y>',
    '<http://evil.example>',
    '<mailto:a@b.example>',
    '<anything|labelled>',
  ])('reports %s', (sequence) => {
    expect(findPings(JSON.stringify({ text: `hi ${sequence} there` }))).toEqual([sequence]);
  });

  it('finds the innermost sequence of nested brackets', () => {
    expect(findPings('<<!here>>')).toEqual(['<!here>']);
  });

  it('allows the mentions of the ids it is given, and only those', () => {
    expect(findPings('<@U0AGENT1> and <@U0AGENT2>', ['U0AGENT1'])).toEqual(['<@U0AGENT2>']);
    expect(findPings('<!subteam^S0SALES> and <!subteam^S0OTHER>', ['S0SALES'])).toEqual(['<!subteam^S0OTHER>']);
  });

  it('reports the mentions of rich-text leaves, except those of the ids it is given', () => {
    const leaves = [
      { type: 'user', user_id: 'U0AGENT1' },
      { type: 'user', user_id: 'U123' },
      { type: 'usergroup', usergroup_id: 'S1' },
      { type: 'broadcast', range: 'channel' },
      { type: 'channel', channel_id: 'C1' },
    ];
    expect(findPings(JSON.stringify(leaves), ['U0AGENT1'])).toEqual([
      '"type":"user","user_id":"U123"',
      '"type":"usergroup","usergroup_id":"S1"',
      '"type":"broadcast","range":"channel"',
      '"type":"channel","channel_id":"C1"',
    ]);
  });

  it('allows the dates Handoff builds, but not a date someone else wrote', () => {
    const ours = '<!date^1767268800^{time}|12:00 UTC> <!date^1767268800^{date_short_pretty} at {time}|2026-01-01 12:00 UTC>';
    expect(findPings(ours)).toEqual([]);
    expect(findPings('<!date^1^{time}|<!channel>>')).toEqual(['<!channel>']);
    expect(findPings('<!date^1^{time}|click me>')).toEqual(['<!date^1^{time}|click me>']);
  });

  it('ignores escaped text, brackets around plain words and lone brackets', () => {
    expect(findPings('&lt;!channel&gt; <b> a < b > c (!here)')).toEqual([]);
  });
});
