import type { RespondArguments } from '@slack/bolt';
import { createLogger } from '../../../src/logger';
import { answerAtOnce, answerLater } from '../../../src/slack/listeners/commands/answer-command';

const logger = createLogger('silent');
const help = { text: 'What /handoff does', blocks: [] };
const broken = async (): Promise<never> => {
  throw new Error('the database went away');
};

// What Slack received: the acknowledgement's body, then whatever came by the response_url.
function slack() {
  const acks: unknown[] = [];
  const responses: RespondArguments[] = [];
  return {
    acks,
    responses,
    ack: async (body?: unknown) => void acks.push(body),
    respond: async (message: string | RespondArguments) => {
      responses.push(message as RespondArguments);
      return new Response('ok');
    },
  };
}

describe('answering /handoff', () => {
  it('at once: the acknowledgement carries the answer, for the person alone', async () => {
    const s = slack();
    await answerAtOnce(logger, s.ack, async () => help);
    expect(s.acks).toEqual([{ response_type: 'ephemeral', ...help }]);
  });

  it('at once: a failure is answered with a request to try again', async () => {
    const s = slack();
    await answerAtOnce(logger, s.ack, broken);
    expect(s.acks).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'Handoff could not finish that just now. Try again in a moment.' })]);
  });

  it('later: Slack is acknowledged with nothing before the work starts, and the answer follows', async () => {
    const s = slack();
    await answerLater(logger, s.ack, s.respond, async () => {
      expect(s.acks).toEqual([undefined]);
      return help;
    });
    expect(s.responses).toEqual([{ response_type: 'ephemeral', ...help }]);
  });

  it('later: a failure is sent by the response_url as a request to try again', async () => {
    const s = slack();
    await answerLater(logger, s.ack, s.respond, broken);
    expect(s.responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'Handoff could not finish that just now. Try again in a moment.' })]);
  });
});
