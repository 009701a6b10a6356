import { setAvailability } from '../../src/db/repositories/availability';
import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started));

async function raise(body: Record<string, unknown>, webhookId?: string): Promise<Record<string, unknown>> {
  const res = await h.platformRequest('/api/v1/handoffs', body, webhookId ? { webhookId } : {});
  expect(res.status).toBe(202);
  return (await res.json()) as Record<string, unknown>;
}

const unattendedRows = (externalId: string) => h.app.db.outboundDelivery.count({ where: { type: 'conversation.unattended', conversation: { externalId } } });

describe('whether an agent can take a new alert', () => {
  it('says so while the team has never said who is online, and tells the platform nothing more', async () => {
    const body = alertBody();
    expect(await raise(body)).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: true });
    expect(await unattendedRows(body.conversationId as string)).toBe(0);
  });

  it('answers agentsAvailable false when nobody is online, and the platform gets conversation.unattended', async () => {
    await setAvailability(h.app.db, h.app.tenancy!.workspaceId, 'U0ANA', false);
    const body = alertBody({ reason: 'human_request', priority: 'urgent' });
    const webhookId = `msg_unattended_${Date.now()}`;
    expect(await raise(body, webhookId)).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: false });
    const [event] = await h.platform.waitFor(
      (d) => (d.body as { type: string }).type === 'conversation.unattended' && (d.body as { conversationId: string }).conversationId === body.conversationId,
    );
    expect(event!.verified).toBe(true);
    expect((event!.body as { data: unknown }).data).toEqual({ status: 'waiting', priority: 'urgent', reason: 'human_request' });
    // The platform resending the alert gets the same answer, and the event is not owed twice.
    expect(await raise(body, webhookId)).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: false });
    expect(await unattendedRows(body.conversationId as string)).toBe(1);
  });

  it('answers agentsAvailable true once an agent is online, and owes the platform no unattended event', async () => {
    await setAvailability(h.app.db, h.app.tenancy!.workspaceId, 'U0ANA', true);
    const body = alertBody();
    expect(await raise(body)).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: true });
    // Written in the same statement as the alert, so its absence now is final.
    expect(await unattendedRows(body.conversationId as string)).toBe(0);
  });

  it('tells the platform again when a later alert for a waiting conversation finds nobody online', async () => {
    await setAvailability(h.app.db, h.app.tenancy!.workspaceId, 'U0ANA', false);
    const body = alertBody();
    await raise(body);
    expect(await raise({ ...body, priority: 'urgent' })).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: false });
    expect(await unattendedRows(body.conversationId as string)).toBe(2);
  });
});
