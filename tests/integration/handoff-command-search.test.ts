import type { Harness } from '../helpers/harness';
import { listedBy } from '../helpers/command-lists';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, typeCommand } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const search = (text: string) => listedBy(h, respond, { userId: 'U0ALICE', text: `search ${text}` });
const names = async (text: string) => (await search(text)).rows.map((r) => r.name);

const said = (text: string) => [{ role: 'customer', text, at: '2026-12-01T10:00:00Z' }];

describe('/handoff search', () => {
  it("finds a conversation by any part of the customer's name, email or phone, in any case", async () => {
    const c = await openConversation(h, { customer: { name: 'Dana Quintero-Reyes', email: 'dana.q@northwind.example', phone: '+44 7700 900123' } });
    expect(await names('quintero')).toEqual([c.customerName]);
    expect(await names('NORTHWIND')).toEqual([c.customerName]);
    expect(await names('900123')).toEqual([c.customerName]);
  });

  it('finds a conversation by a tag as written, and by anything said in it', async () => {
    const c = await openConversation(h, { customer: { name: 'Tag Person', email: 'tp@example.org', phone: '1' }, transcript: said('My parcel never arrived at the depot') });
    await h.app.db.conversation.update({ where: { id: c.id }, data: { tags: ['lost-parcel'] } });
    expect(await names('lost-parcel')).toEqual([c.customerName]);
    expect(await names('never arrived')).toEqual([c.customerName]);
  });

  it('ranks matches on the customer above tags and tags above what was said, the newest first among equals', async () => {
    const saidOld = await openConversation(h, { customer: { name: 'Older Talker', email: 'o@example.org', phone: '2' }, transcript: said('ask about zephyrcorp invoices') });
    const saidNew = await openConversation(h, { customer: { name: 'Newer Talker', email: 'n@example.org', phone: '3' }, transcript: said('zephyrcorp again') });
    const tagged = await openConversation(h, { customer: { name: 'Tagged One', email: 't@example.org', phone: '4' } });
    await h.app.db.conversation.update({ where: { id: tagged.id }, data: { tags: ['zephyrcorp'] } });
    const named = await openConversation(h, { customer: { name: 'Zephyrcorp Buyer', email: 'b@example.org', phone: '5' } });
    expect(await names('zephyrcorp')).toEqual([named.customerName, tagged.customerName, saidNew.customerName, saidOld.customerName]);
  });

  it('takes % and _ literally', async () => {
    await openConversation(h, { customer: { name: 'Flat Fee Person', email: 'pf@example.org', phone: '6' }, transcript: said('charged 100 euros') });
    const c = await openConversation(h, { customer: { name: 'Full Refund Person', email: 'p@example.org', phone: '7' }, transcript: said('a 100% refund please') });
    expect(await names('100%')).toEqual([c.customerName]);
    expect((await search('r_f')).message.text).toBe('No conversation matches');
  });

  it('echoes what was searched for as plain text, which pings and formats nothing', async () => {
    const { message } = await search('<!here> *loud*');
    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'plain_text', text: 'No conversation matches "(!here) *loud*"', emoji: false } }]);
  });

  it('asks for something to search for, of three characters at least', async () => {
    expect((await typeCommand(h, { userId: 'U0ALICE', text: 'search', responseUrl: respond.url })).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('did not understand') });
    const short = await typeCommand(h, { userId: 'U0ALICE', text: 'search ab', responseUrl: respond.url });
    expect(JSON.stringify(short.body)).toContain('Search for at least 3 characters, not \\"ab\\".');
  });
});
