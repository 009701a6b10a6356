import { randomBytes } from 'node:crypto';
import { exitWithProblems, runCommand, settingsOrExit } from './cli';
import { parseConfig } from './config';
import { callHandoffApi } from './playground/handoff-api';

// `npm run send-test-alert`: raises one sample alert at the running Handoff (PUBLIC_URL), signed with
// HANDOFF_SIGNING_SECRET exactly as the bot platform signs it, so a new set-up is proven end to end (signature,
// storage, queue, Slack) before any platform is connected. Each run is a new conversation, so a new alert.

function sampleAlert(conversationId: string, now: Date) {
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString();
  return {
    conversationId,
    reason: 'human_request',
    priority: 'normal',
    summary: 'A test alert from npm run send-test-alert: the customer asked for a person. Reply in the thread or press Take over.',
    customer: { id: 'test-customer', name: 'Test Customer', email: 'test.customer@example.com' },
    channel: { type: 'web', name: 'send-test-alert' },
    transcript: [
      { role: 'customer', text: 'Hi, my order has not arrived.', at: at(60) },
      { role: 'ai', text: 'Sorry to hear that! Could you share the order number?', at: at(45) },
      { role: 'customer', text: 'It is 1042. Can I talk to a person, please?', at: at(30) },
    ],
  };
}

runCommand('sending the test alert', async () => {
  const config = settingsOrExit(parseConfig);
  const conversationId = `test_${randomBytes(6).toString('hex')}`;
  const answer = await callHandoffApi(config.publicUrl, config.platform.signingSecret, '/api/v1/handoffs', sampleAlert(conversationId, new Date())).catch(
    (err: Error & { cause?: Error }) =>
      exitWithProblems([
        `Handoff is not answering at ${config.publicUrl} (${err.cause?.message ?? err.message}): start it with npm start, or set PUBLIC_URL to where it runs`,
      ]),
  );
  if (answer.status !== 202) exitWithProblems([`Handoff refused the test alert: ${answer.status} ${JSON.stringify(answer.body)}`]);
  process.stdout.write(`handoff: test alert sent (conversation ${conversationId}); it appears in the alerts channel in a moment\n`);
});
