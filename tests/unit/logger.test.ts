import { createLogger } from '../../src/logger';
import { withLogContext } from '../../src/log-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('never writes an authorization header, a token or a secret, wherever a log call puts it', () => {
    const { logger, lines } = capture();
    logger.warn(
      {
        req: { headers: { authorization: 'Bearer xoxb-1-header', 'x-slack-signature': 'v0=abc', 'webhook-signature': 'v1,abc', cookie: 'state=1' } },
        token: 'xoxb-2-top',
        installation: { botToken: 'xoxb-3-bot', refreshToken: 'xoxe-4-refresh', client_secret: 'cs-5', clientSecret: 'cs-6' },
        err: { config: { headers: { Authorization: 'Bearer xoxb-7-axios' } } },
        team: 'T0HANDOFF',
      },
      'a Slack install did not complete',
    );
    const written = JSON.stringify(lines);
    for (const secret of ['xoxb-1', 'v0=abc', 'v1,abc', 'state=1', 'xoxb-2', 'xoxb-3', 'xoxe-4', 'cs-5', 'cs-6', 'xoxb-7']) expect(written).not.toContain(secret);
    expect(lines[0]).toMatchObject({ team: 'T0HANDOFF', token: '[redacted]', installation: { botToken: '[redacted]' } });
  });

  it('adds the request id and workspace to every line logged while a request is handled, and only then', () => {
    const { logger, lines } = capture();
    withLogContext({ requestId: 'req-1', workspaceId: 'w-1' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines.map(({ msg, requestId, workspaceId }) => ({ msg, requestId, workspaceId }))).toEqual([
      { msg: 'inside', requestId: 'req-1', workspaceId: 'w-1' },
      { msg: 'outside', requestId: undefined, workspaceId: undefined },
    ]);
  });
});
