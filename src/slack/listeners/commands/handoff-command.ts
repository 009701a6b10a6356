import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseHandoffCommand } from '../../../domain/handoff-command';
import { agentStatus, changeAvailability } from '../../../services/agent-availability';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { buildAgentStatus, buildAvailabilityChanged } from '../../blocks/agent-availability';
import { buildCommandHelp } from '../../blocks/command-help';
import { answerAtOnce } from './answer-command';

// `/handoff …`: every answer is ephemeral, for the person who typed it, about their own workspace only.
export function handoffCommand(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const asked = parseHandoffCommand(command.text);
    const person = command.user_id;
    switch (asked.kind) {
      case 'help':
        return answerAtOnce(deps.logger, ack, async () => buildCommandHelp(asked.problem));
      case 'online':
      case 'offline': {
        const online = asked.kind === 'online';
        return answerAtOnce(deps.logger, ack, async () => {
          await changeAvailability(deps.db, tenancy, person, online);
          return buildAvailabilityChanged(online);
        });
      }
      case 'status':
        return answerAtOnce(deps.logger, ack, async () => buildAgentStatus(await agentStatus(deps.db, tenancy, person)));
    }
  };
}
