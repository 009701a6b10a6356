import { createMetrics } from '../../../src/metrics/metrics';
import { createSlackClient } from '../../../src/slack/client';
import { AgentProfiles } from '../../../src/relay/agent-profile';
import { SlackStandIn } from '../../helpers/slack-stand-in';

const slack = new SlackStandIn();
beforeAll(() => slack.start());
afterAll(() => slack.stop());
afterEach(() => slack.reset());

const client = () => {
  const one = createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, calls: createMetrics().slackCalls });
  return async () => one;
};
const WORKSPACE = 'W1';

describe('agent profiles', () => {
  it('asks Slack once for an agent whose badge is shown on many replies', async () => {
    slack.setUser('U0AGENT1', { profile: { display_name: 'Sam Agent', image_192: 'https://avatars.example.com/sam.png' } });
    const profiles = new AgentProfiles(client());
    // Two asked at the same moment share one request; a later one is remembered.
    const seen = [...(await Promise.all([profiles.of(WORKSPACE, 'U0AGENT1'), profiles.of(WORKSPACE, 'U0AGENT1')])), await profiles.of(WORKSPACE, 'U0AGENT1')];
    expect(seen.map((p) => p.name)).toEqual(['Sam Agent', 'Sam Agent', 'Sam Agent']);
    expect(seen[0]!.avatarUrl).toBe('https://avatars.example.com/sam.png');
    expect(slack.calls('users.info')).toHaveLength(1);
  });

  it('shows a changed name once what it remembered is no longer fresh', async () => {
    slack.setUser('U0AGENT1', { profile: { display_name: 'Sam' } });
    const profiles = new AgentProfiles(client(), 0);
    expect((await profiles.of(WORKSPACE, 'U0AGENT1')).name).toBe('Sam');
    slack.setUser('U0AGENT1', { profile: { display_name: 'Samantha' } });
    expect((await profiles.of(WORKSPACE, 'U0AGENT1')).name).toBe('Samantha');
  });

  it('does not remember a failed lookup', async () => {
    slack.failNext('users.info', { error: 'user_not_found' });
    const profiles = new AgentProfiles(client());
    await expect(profiles.of(WORKSPACE, 'U0AGENT1')).rejects.toThrow();
    expect((await profiles.of(WORKSPACE, 'U0AGENT1')).id).toBe('U0AGENT1');
    expect(slack.calls('users.info')).toHaveLength(2);
  });
});
