import type { Harness } from '../helpers/harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, typeCommand } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { startOfDayIn } from '../../src/domain/business-hours';

// Fourteen hours ahead of UTC: for ten hours of every UTC day the local date is already the next one, and
// for the other fourteen the local day began on the UTC day before.
const ZONE = 'Pacific/Kiritimati';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond, env: { TIME_ZONE: ZONE } });

async function stats(text: string): Promise<string> {
  const res = await typeCommand(h, { userId: 'U0LEAD', text, responseUrl: respond.url });
  expect(res).toEqual({ status: 200, body: null });
  const [answer] = await respond.waitFor();
  respond.reset();
  return String(answer!.text);
}

describe('/handoff stats in the team\'s time zone', () => {
  it('counts today from local midnight, not from the UTC one, and says which zone', async () => {
    const now = new Date();
    const localMidnight = startOfDayIn(now, ZONE).getTime();
    const utcMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    expect(localMidnight).not.toBe(utcMidnight);
    // Between the two midnights: inside one of the days and outside the other, whatever the hour now.
    const between = new Date((localMidnight + utcMidnight) / 2);
    const c = await openConversation(h, { reason: 'frustration' });
    await h.app.db.alert.updateMany({ where: { conversationId: c.id }, data: { receivedAt: between } });

    const inLocalDay = between.getTime() >= localMidnight;
    expect(await stats('stats today')).toBe(`Handoff stats for today (${ZONE}): ${inLocalDay ? 1 : 0} alert${inLocalDay ? '' : 's'}, 1 open now`);
    expect(await stats('stats week')).toBe('Handoff stats for the last 7 days: 1 alert, 1 open now');
  });
});
