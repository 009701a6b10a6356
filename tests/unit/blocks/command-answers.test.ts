import { buildAgentStatus, buildAvailabilityChanged } from '../../../src/slack/blocks/agent-availability';
import { buildCommandHelp } from '../../../src/slack/blocks/command-help';
import { messageProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';

describe('the help of /handoff', () => {
  it('lists every subcommand', () => {
    const help = buildCommandHelp();
    expect(messageProblems(help)).toEqual([]);
    expect(JSON.stringify(help.blocks)).toContain('/handoff search &lt;text&gt;');
  });

  it('repeats what was typed as plain text that pings and formats nothing', () => {
    const help = buildCommandHelp({ unknown: '<!channel> *bold* <https://evil.example|click>' + 'x'.repeat(5_000) });
    expect(messageProblems(help)).toEqual([]);
    expect(help.blocks[0]).toMatchObject({ type: 'section', text: { type: 'plain_text' } });
    expect(findPings(JSON.stringify(help))).toEqual([]);
    expect(help.text).not.toContain('bold');
  });
});

describe('availability answers', () => {
  it('says which way it went', () => {
    expect(buildAvailabilityChanged(true).text).toMatch(/^:large_green_circle: You are online/);
    expect(buildAvailabilityChanged(false).text).toMatch(/^:white_circle: You are offline/);
  });

  it('gives the status with the time it last changed, in the reader\'s time zone', () => {
    const status = buildAgentStatus({ online: true, changedAt: new Date('2026-12-03T09:30:00Z'), openConversations: 1 });
    expect(messageProblems(status)).toEqual([]);
    expect(status.text).toBe(
      ':large_green_circle: You are online since <!date^1796290200^{date_short_pretty} at {time}|2026-12-03 09:30 UTC>. You have 1 open conversation: `/handoff mine` lists them.',
    );
  });

  it('has nothing to say about when for an agent who never said', () => {
    expect(buildAgentStatus({ online: false, changedAt: null, openConversations: 0 }).text).toBe(':white_circle: You are offline. You have no open conversations.');
  });
});
