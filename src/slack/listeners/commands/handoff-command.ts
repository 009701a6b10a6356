import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseHandoffCommand } from '../../../domain/handoff-command';
import { agentStatus, changeAvailability } from '../../../services/agent-availability';
import { findConversations, mayListConversations, myOpenConversations, waitingQueue } from '../../../services/conversation-lists';
import { statsOf } from '../../../services/handoff-stats';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { requestWork } from '../../../services/request-work';
import type { Tenancy } from '../../../workspaces/tenancy';
import { buildAgentStatus, buildAvailabilityChanged } from '../../blocks/agent-availability';
import { buildCommandHelp } from '../../blocks/command-help';
import { buildConversationList } from '../../blocks/conversation-list';
import { buildAuthorityDenied } from '../../blocks/triage-messages';
import { buildHandoffStats } from '../../blocks/handoff-stats';
import { answerAtOnce, answerLater, answerOnlyIfRefused } from './answer-command';
import { openSavedReplies } from '../actions/manage-saved-replies';

const LISTS: ReadonlySet<string> = new Set(['mine', 'queue', 'search', 'stats']);

// `/handoff …`: every answer is ephemeral, for the person who typed it, about their own workspace only.
export function handoffCommand(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const asked = parseHandoffCommand(command.text);
    const person = command.user_id;
    // Customers' names, contacts and words are for the support team once the workspace names it.
    if (LISTS.has(asked.kind)) {
      const authority = await mayListConversations(deps, tenancy, person);
      if (!authority.allowed) return answerAtOnce(deps.logger, ack, async () => buildAuthorityDenied(authority.reason));
    }
    switch (asked.kind) {
      case 'help':
        return answerAtOnce(deps.logger, ack, async () => buildCommandHelp(asked.problem));
      // Who is an agent is read from Slack's user groups, which are remembered for a minute.
      case 'online':
      case 'offline': {
        const online = asked.kind === 'online';
        return answerAtOnce(deps.logger, ack, async () => {
          const authority = await changeAvailability(deps, tenancy, person, online);
          if (!authority.allowed) return buildAuthorityDenied(authority.reason);
          // Their App Home shows the same toggle.
          await requestWork(deps.logger, [() => deps.work.refreshHome(tenancy.workspaceId, person)]);
          return buildAvailabilityChanged(online);
        });
      }
      // The library opens in a modal, whose trigger lasts three seconds: opened before anything slow.
      case 'replies':
        return answerOnlyIfRefused(deps.logger, ack, respond, () => openSavedReplies(deps, tenancy, { userId: person, triggerId: command.trigger_id }));
      case 'status':
        return answerAtOnce(deps.logger, ack, async () => buildAgentStatus(await agentStatus(deps.db, tenancy, person)));
      // A link per row is a call to Slack each, too many to wait for before acknowledging.
      case 'mine':
        return answerLater(deps.logger, ack, respond, async () =>
          buildConversationList({ title: 'Your open conversations', empty: 'You have no open conversations.' }, await myOpenConversations(deps, tenancy, person), new Date()),
        );
      case 'queue':
        return answerLater(deps.logger, ack, respond, async () =>
          buildConversationList({ title: 'Waiting for an agent', empty: 'Nobody is waiting for an agent.' }, await waitingQueue(deps, tenancy), new Date()),
        );
      case 'search': {
        const heading = { title: 'Conversations matching', empty: 'No conversation matches', query: asked.text };
        return answerLater(deps.logger, ack, respond, async () => buildConversationList(heading, await findConversations(deps, tenancy, asked.text), new Date()));
      }
      // A week of alerts can be more rows to add up than fit in Slack's three seconds on a busy database.
      case 'stats':
        return answerLater(deps.logger, ack, respond, async () => buildHandoffStats(await statsOf(deps.db, tenancy, asked.period, new Date())));
    }
  };
}
