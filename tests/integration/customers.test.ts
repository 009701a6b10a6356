import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { pressForModal, submitView, waitUntil, type OpenConversation } from '../helpers/slack-user';
import { waitForSettled } from '../helpers/settle';
import { homeText, openHome, pressAndWait } from '../helpers/slack-home';
import { listedBy } from '../helpers/command-lists';
import type { SlackCall } from '../helpers/slack-stand-in';
import { alertBody } from '../helpers/alerts';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const newCustomerId = () => `cus_${randomUUID().slice(0, 8)}`;

const rootPost = (c: { customerName: string }) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && !call.args.thread_ts && String(call.args.text).includes(c.customerName);

// An alert whose customer is exactly as given (openConversation fills in every detail).
async function alertFrom(customer: Record<string, string>): Promise<OpenConversation> {
  const body = alertBody({ customer, transcript: [] });
  await h.platformRequest('/api/v1/handoffs', body);
  const [root] = await h.slack.waitFor(rootPost({ customerName: customer.name! }));
  const rootTs = (root!.response as { ts: string }).ts;
  const where = { externalId: body.conversationId as string, slackThreadTs: rootTs };
  await waitUntil(async () => (await h.app.db.conversation.count({ where })) === 1);
  const row = await h.app.db.conversation.findFirstOrThrow({ where });
  return { id: row.id, externalId: row.externalId, rootTs, customerName: customer.name! };
}

async function recordOf(c: OpenConversation) {
  const row = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { customerRecord: true } });
  return row.customerRecord;
}

describe('customer records', () => {
  it('links two conversations of one customer to one record, and the second root tells of the first', async () => {
    const customerId = newCustomerId();
    const first = await alertFrom({ id: customerId, name: 'Mia Wong', phone: '+4412345' });
    const second = await alertFrom({ id: customerId, name: 'Mia Wong-Li', email: 'mia@example.com' });

    const [one, two] = [await recordOf(first), await recordOf(second)];
    expect(one!.id).toBe(two!.id);
    expect(two).toMatchObject({ externalId: customerId, name: 'Mia Wong-Li', email: 'mia@example.com', phone: '+4412345' });
    expect(two!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(two!.firstSeenAt.getTime());

    const [root] = await h.slack.waitFor(rootPost({ customerName: 'Mia Wong-Li' }));
    expect(JSON.stringify(root!.args.blocks)).toContain('1 earlier conversation, last on');
    const [firstRoot] = await h.slack.waitFor(rootPost({ customerName: 'Mia Wong' }));
    expect(JSON.stringify(firstRoot!.args.blocks)).toContain('First conversation');
  });

  it('updates the record from a later alert of the same conversation, and links one that first came without an id', async () => {
    const body = alertBody({ customer: { name: 'No Id Yet' } });
    await h.platformRequest('/api/v1/handoffs', body);
    await h.slack.waitFor(rootPost({ customerName: 'No Id Yet' }));
    const unlinked = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string } });
    expect(unlinked.customerId).toBeNull();

    const customerId = newCustomerId();
    await h.platformRequest('/api/v1/handoffs', { ...body, customer: { id: customerId, name: 'Now Known', avatarUrl: 'https://cdn.example.com/k.png' } });
    const linked = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string }, include: { customerRecord: true } });
    expect(linked.customerRecord).toMatchObject({ externalId: customerId, name: 'Now Known', avatarUrl: 'https://cdn.example.com/k.png' });
    await h.slack.waitFor((call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Now Known'));
  });

  it('links to the record another replica is creating for the same new customer at that moment', async () => {
    const customerId = newCustomerId();
    const other = new Client({ connectionString: (h.config.database as { url: string }).url });
    await other.connect();
    try {
      await other.query('BEGIN');
      const { rows } = await other.query<{ id: string }>(
        `INSERT INTO "Customer" (id, "workspaceId", "platformId", "externalId", name) VALUES (gen_random_uuid(), $1, $2, $3, 'First Replica') RETURNING id`,
        [h.app.tenancy!.workspaceId, h.app.tenancy!.platformId, customerId],
      );
      const body = alertBody({ customer: { id: customerId, name: 'Second Replica' }, transcript: [] });
      const second = h.platformRequest('/api/v1/handoffs', body);
      // The second alert's statement reaches the customer's key and waits there for the first to end.
      await waitUntil(async () => {
        const waiting = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return waiting.rows[0].n > 0;
      });
      await other.query('COMMIT');
      expect((await second).status).toBe(202);
      const opened = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string }, include: { customerRecord: true } });
      expect(opened.customerRecord).toMatchObject({ id: rows[0]!.id, name: 'Second Replica' });
    } finally {
      await other.end();
    }
    expect(await h.app.db.customer.count({ where: { externalId: customerId } })).toBe(1);
    await waitForSettled(h);
  });

  it('makes no record for an alert without the customer id, and shows no Customer button', async () => {
    const body = alertBody({ customer: { name: 'Anonymous Ann' } });
    await h.platformRequest('/api/v1/handoffs', body);
    const [root] = await h.slack.waitFor(rootPost({ customerName: 'Anonymous Ann' }));
    expect(JSON.stringify(root!.args.blocks)).not.toContain('conversation_customer');
  });
});

// The profile form's inputs as Slack sends them; details not given are submitted as the modal showed them.
function profileValues(view: Record<string, unknown>, given: { note?: string; selected?: string[]; typed?: string; details?: Record<string, string | null> }) {
  const shown = (blockId: string) =>
    ((view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === blockId)?.element?.initial_value ?? null);
  const detail = (name: string) => (given.details && name in given.details ? given.details[name]! : shown(`customer_${name}_block`));
  return {
    customer_note_block: { customer_note: { type: 'plain_text_input', value: given.note ?? null } },
    ...(given.selected && { customer_tag_select_block: { customer_tag_select: { type: 'multi_static_select', selected_options: given.selected.map((value) => ({ value })) } } }),
    customer_tag_new_block: { customer_tag_new: { type: 'plain_text_input', value: given.typed ?? null } },
    ...Object.fromEntries(['name', 'email', 'phone', 'address'].map((name) => [`customer_${name}_block`, { [`customer_${name}`]: { type: 'plain_text_input', value: detail(name) } }])),
  };
}

const openProfile = (c: OpenConversation, userId = 'U0AGENT') =>
  pressForModal(h, { actionId: 'conversation_customer', value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });

describe('the customer profile', () => {
  it('opens from the Customer button with contact details, history with links to earlier threads, notes and tags', async () => {
    const customerId = newCustomerId();
    const first = await alertFrom({ id: customerId, name: 'Pia Berg', email: 'pia@example.com', phone: '+4670000' });
    const second = await alertFrom({ id: customerId, name: 'Pia Berg-Ek' });
    const view = await openProfile(second);
    expect(view.callback_id).toBe('conversation_customer_view');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('pia@example.com');
    expect(text).toContain('+4670000');
    expect(text).toContain('2 conversations in total');
    expect(text).toContain(`/archives/C0ALERTS/p${first.rootTs.replace('.', '')}`);
    expect(text).toContain('No notes yet.');
    const links = await h.app.db.threadPermalink.count({ where: { slackThreadTs: first.rootTs } });
    expect(links).toBe(1);
  });

  it('stores a note, a tag and an edited email, tells the platform only the changed detail, and refreshes the open roots', async () => {
    const customerId = newCustomerId();
    const first = await alertFrom({ id: customerId, name: 'Omar Haddad', email: 'omar@old.example.com', phone: '+100200' });
    const second = await alertFrom({ id: customerId, name: 'Omar Haddad-Ali' });
    const view = await openProfile(second, 'U0AGENT');

    const answer = await submitView(h, view, 'U0AGENT', profileValues(view, { note: 'Prefers text messages over calls', typed: 'VIP', details: { email: 'omar@new.example.com' } }));
    expect(answer).toEqual({});

    const record = await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId }, include: { notes: true } });
    expect(record).toMatchObject({ email: 'omar@new.example.com', phone: '+100200', tags: ['VIP'] });
    expect(record.notes).toEqual([expect.objectContaining({ authorId: 'U0AGENT', text: 'Prefers text messages over calls' })]);

    const [event] = await h.platform.waitFor((d) => (d.body as { type: string }).type === 'customer.updated' && (d.body as { conversationId: string }).conversationId === second.externalId);
    expect(event!.verified).toBe(true);
    expect((event!.body as { data: unknown }).data).toEqual({ actor: { id: 'U0AGENT', name: expect.any(String) }, customer: { id: customerId, email: 'omar@new.example.com' } });
    expect(h.platform.problems()).toEqual([]);

    for (const c of [first, second]) {
      const [update] = await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === c.rootTs && JSON.stringify(call.args.blocks).includes('Prefers text messages over calls'));
      expect(JSON.stringify(update!.args.blocks)).toContain('VIP');
      expect(JSON.stringify(update!.args.blocks)).toContain('omar@new.example.com');
    }

    // The note and the tag need no platform event, and a second save without changes sends nothing more.
    const again = await openProfile(second, 'U0AGENT');
    expect(JSON.stringify(again.blocks)).toContain('Prefers text messages over calls');
    expect(await submitView(h, again, 'U0AGENT', profileValues(again, { selected: ['VIP'] }))).toEqual({});
    await waitForSettled(h);
    expect(h.platform.deliveries().filter((d) => (d.body as { type: string }).type === 'customer.updated')).toHaveLength(1);
  });

  it('takes a cleared detail off the root message, not back from what the alert said', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Cleared Email', email: 'wrong@example.com' });
    const view = await openProfile(c);
    expect(await submitView(h, view, 'U0AGENT', profileValues(view, { note: 'Email was a typo', details: { email: null } }))).toEqual({});
    expect((await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId } })).email).toBeNull();
    const [update] = await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === c.rootTs && JSON.stringify(call.args.blocks).includes('Email was a typo'));
    expect(JSON.stringify(update!.args.blocks)).not.toContain('wrong@example.com');
  });

  it('removes a customer tag left unselected', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Tove Lind' });
    const view = await openProfile(c);
    await submitView(h, view, 'U0AGENT', profileValues(view, { typed: 'VIP, frequent buyer' }));
    const again = await openProfile(c);
    await submitView(h, again, 'U0AGENT', profileValues(again, { selected: ['frequent buyer'] }));
    expect((await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId } })).tags).toEqual(['frequent buyer']);
  });

  it('refuses an email that is not one, naming the field, and stores nothing of the submission', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Bad Email', email: 'ok@example.com' });
    const view = await openProfile(c);
    const answer = await submitView(h, view, 'U0AGENT', profileValues(view, { note: 'should not be kept', details: { email: 'not-an-email', name: 'Renamed' } }));
    expect(answer).toEqual({ response_action: 'errors', errors: { customer_email_block: 'Enter an email address like name@example.com.' } });
    const record = await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId }, include: { notes: true } });
    expect(record).toMatchObject({ name: 'Bad Email', email: 'ok@example.com' });
    expect(record.notes).toEqual([]);
  });

  it('saves a submission Slack delivers twice only once', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Twice Sent' });
    const view = await openProfile(c);
    const values = profileValues(view, { note: 'Said once', details: { phone: '+999' } });
    await Promise.all([submitView(h, view, 'U0AGENT', values), submitView(h, view, 'U0AGENT', values)]);
    await waitForSettled(h);
    const record = await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId }, include: { notes: true } });
    expect(record.notes).toHaveLength(1);
    const events = h.platform.deliveries().filter((d) => (d.body as { type: string; conversationId: string }).type === 'customer.updated' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(events).toHaveLength(1);
  });
});

describe('two people saving one profile at the same moment', () => {
  it('keeps what both added: each save is applied to what the other wrote', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Both Saved' });
    const [alices, bobs] = [await openProfile(c, 'U0ALICE'), await openProfile(c, 'U0BOB')];
    await Promise.all([
      submitView(h, alices, 'U0ALICE', profileValues(alices, { typed: 'VIP', details: { phone: '+111' } })),
      submitView(h, bobs, 'U0BOB', profileValues(bobs, { typed: 'wholesale', details: { address: 'Harbour Road 1' } })),
    ]);
    const record = await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId } });
    expect([...record.tags].sort()).toEqual(['VIP', 'wholesale']);
    expect(record).toMatchObject({ phone: '+111', address: 'Harbour Road 1' });
  });
});

describe('a profile saved while a later alert of the same conversation is stored', () => {
  it('stores both: the alert and the save take the customer and the conversation in the same order', async () => {
    const customerId = newCustomerId();
    const c = await alertFrom({ id: customerId, name: 'Lock Order' });
    const view = await openProfile(c);
    const holder = new Client({ connectionString: (h.config.database as { url: string }).url });
    await holder.connect();
    const waiting = async (n: number) => {
      const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows[0].n >= n;
    };
    try {
      // Held so that the alert, past its first statement, and the save, holding the customer, both stop at the
      // conversation and then go on together.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "Conversation" WHERE id = $1 FOR UPDATE`, [c.id]);
      const realert = h.platformRequest('/api/v1/handoffs', alertBody({ conversationId: c.externalId, customer: { id: customerId, name: 'Lock Order' }, transcript: [] }));
      await waitUntil(() => waiting(1));
      const save = submitView(h, view, 'U0AGENT', profileValues(view, { details: { phone: '+4400' } }));
      await waitUntil(() => waiting(2));
      await holder.query('COMMIT');
      expect((await realert).status).toBe(202);
      expect(await save).toEqual({});
    } finally {
      await holder.end();
    }
    expect(await h.app.db.customer.findFirstOrThrow({ where: { externalId: customerId } })).toMatchObject({ phone: '+4400' });
    expect(await h.app.db.alert.count({ where: { conversationId: c.id } })).toBe(2);
  });
});

describe('customer tags and details elsewhere', () => {
  async function tagCustomer(c: OpenConversation, typed: string, details: Record<string, string | null> = {}) {
    const view = await openProfile(c);
    expect(await submitView(h, view, 'U0AGENT', profileValues(view, { typed, details }))).toEqual({});
  }

  it('filters the App Home by a customer tag', async () => {
    const vip = await alertFrom({ id: newCustomerId(), name: 'Vera Important' });
    await alertFrom({ id: newCustomerId(), name: 'Norm Regular' });
    await tagCustomer(vip, 'platinum');
    const home = await openHome(h, 'U0AGENT');
    expect(homeText(home)).toContain('Norm Regular');
    const filtered = await pressAndWait(h, home, 'U0AGENT', { actionId: 'home_filter_customer_tag', selected: 'platinum' });
    expect(homeText(filtered)).toContain('Vera Important');
    expect(homeText(filtered)).not.toContain('Norm Regular');
  });

  it('finds conversations with /handoff search by a customer tag and by details an agent corrected', async () => {
    const customerId = newCustomerId();
    const earlier = await alertFrom({ id: customerId, name: 'Search Me' });
    const later = await alertFrom({ id: customerId, name: 'Search Me Again' });
    await tagCustomer(later, 'wholesale-buyer', { email: 'buyer@quokka-traders.example' });
    const found = async (text: string) => (await listedBy(h, respond, { userId: 'U0AGENT', text: `search ${text}` })).rows.map((r) => r.name);
    // Both conversations are listed under the customer's name as the record has it now: the later alert's.
    expect(await found('wholesale-buyer')).toEqual([later.customerName, later.customerName]);
    expect(await found('quokka-traders')).toEqual(expect.arrayContaining([later.customerName]));
    expect(await found(earlier.customerName)).toEqual([later.customerName, later.customerName]);
  });
});
