import type { KnownBlock } from '@slack/types';
import { SHORTEST_SEARCH, type HelpProblem } from '../../domain/handoff-command';
import { clipPlain, escapeMrkdwn, mrkdwnSection } from './escape';
import type { SlackMessage } from './triage-messages';

const MAX_TYPED = 200;

const USES = [
  ['/handoff online', 'take new conversations'],
  ['/handoff offline', 'stop taking new conversations'],
  ['/handoff status', 'whether you are online, and how many conversations you have open'],
  ['/handoff mine', 'the open conversations assigned to you'],
  ['/handoff queue', 'conversations waiting for an agent, oldest first'],
  ['/handoff search <text>', "find conversations by the customer's name, email or phone, a tag, or what was said"],
  ['/handoff replies', "the team's saved replies: add, edit or delete them"],
  ['/handoff stats [today|week]', 'alerts by reason, response times, and what each agent handled'],
  ['/handoff help', 'this list'],
] as const;

// What the person typed is shown as plain text: it can neither ping anyone nor format anything.
function problemText(problem: HelpProblem): string {
  if ('unknown' in problem) return `Handoff does not know "/handoff ${clipPlain(problem.unknown, MAX_TYPED)}". Here is what it does:`;
  if ('tooShort' in problem) return `Search for at least ${SHORTEST_SEARCH} characters, not "${clipPlain(problem.tooShort, MAX_TYPED)}".`;
  if ('badPeriod' in problem) return `Stats are for "today" or "week", not "${clipPlain(problem.badPeriod, MAX_TYPED)}".`;
  return 'Say what to look for: /handoff search <text>.';
}

export function buildCommandHelp(problem?: HelpProblem): SlackMessage {
  const list = USES.map(([usage, what]) => `\`${escapeMrkdwn(usage)}\` ${what}`).join('\n');
  const intro: KnownBlock[] = problem ? [{ type: 'section', text: { type: 'plain_text', text: problemText(problem), emoji: false } }] : [];
  return {
    // The notification is mrkdwn, so it says what went wrong without repeating what was typed.
    text: problem ? 'Handoff did not understand that. Here is what /handoff does.' : 'What /handoff does',
    blocks: [...intro, mrkdwnSection(`*/handoff* finds and manages customer handoffs.\n${list}`)],
  };
}
