import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_TYPES, PRIORITIES, REASONS, ROLES, STATUSES } from '../../src/domain/conversation';
import { fileLinkKey, fileLinkUrl } from '../../src/domain/file-link';
import { HandoffError, type ErrorCode } from '../../src/errors';
import { accountId } from '../../src/http/schemas/common';
import { ratingRequest } from '../../src/http/schemas/rating';
import { PLAYGROUND_EVENTS_PATH, PLAYGROUND_MESSAGES_PATH, PLAYGROUND_PATH, PLAYGROUND_WEBHOOK_PATH } from '../../src/playground/paths';
import { INSTALL_PATH, REDIRECT_PATH } from '../../src/slack/oauth/install-routes';
import { OPENAPI_DOC, OPENAPI_TEXT, contractErrors, contractValidator } from '../helpers/platform-contract';

// docs/openapi.yaml is what bot-platform developers build against. These tests keep it an OpenAPI 3.1
// document whose enums, required fields, error codes and webhook names are the ones the code uses.

const ROOT = join(__dirname, '..', '..');
const DOC_TEXT = OPENAPI_TEXT;
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const doc: Json = OPENAPI_DOC;

// Follows a local JSON pointer ("#/components/schemas/HandoffRequest").
function pointer(ref: string): Json {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: Json, key) => (node === undefined ? undefined : node[key]), doc);
}
const deref = (node: Json): Json => (node && typeof node.$ref === 'string' ? deref(pointer(node.$ref)) : node);

function allRefs(node: Json, at = '#'): Array<{ at: string; ref: string }> {
  if (!node || typeof node !== 'object') return [];
  const own = typeof node.$ref === 'string' ? [{ at, ref: node.$ref as string }] : [];
  return own.concat(...Object.entries(node).map(([k, v]) => allRefs(v, `${at}/${k}`)));
}

const jsonBody = (operation: Json): Json => deref(operation.requestBody).content['application/json'];
const bodySchema = (operation: Json): Json => deref(jsonBody(operation).schema);

const handoffs = doc.paths?.['/api/v1/handoffs']?.post;
const messages = doc.paths?.['/api/v1/conversations/{conversationId}/messages']?.post;
const rating = doc.paths?.['/api/v1/conversations/{conversationId}/rating']?.post;
const health = doc.paths?.['/healthz']?.get;
const readiness = doc.paths?.['/readyz']?.get;
const files = doc.paths?.['/api/v1/files/{fileId}']?.get;
const installLink = doc.paths?.['/api/v1/accounts/{accountId}/install-link']?.post;
const WORKSPACE_EVENTS = ['workspace.connected', 'workspace.disconnected'];

const refOf = (node: Json): string => node.$ref as string;
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const pathOf = (operation: Json): string => Object.keys(doc.paths).find((p) => doc.paths[p].post === operation) as string;


describe('docs/openapi.yaml', () => {
  it('is an OpenAPI 3.1 document with its paths, the playground and the customer webhooks', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info?.title).toBe('string');
    expect(typeof doc.info?.version).toBe('string');
    const playground = Object.keys(doc.paths).filter((p) => p.startsWith('/playground'));
    expect(Object.keys(doc.paths).filter((p) => !playground.includes(p)).sort()).toEqual(
      ['/api/v1/accounts/{accountId}/install-link', '/api/v1/conversations/{conversationId}/messages', '/api/v1/conversations/{conversationId}/rating', '/api/v1/conversations/{conversationId}/suggestions', '/api/v1/files/{fileId}', '/api/v1/handoffs', '/healthz', '/metrics', '/readyz', INSTALL_PATH, REDIRECT_PATH].sort(),
    );
    expect(playground.sort()).toEqual([PLAYGROUND_PATH, PLAYGROUND_EVENTS_PATH, PLAYGROUND_MESSAGES_PATH, PLAYGROUND_WEBHOOK_PATH].sort());
    for (const path of playground) expect(Object.values(doc.paths[path]).map((o: Json) => o.tags)).toEqual([['playground']]);
    expect(Object.keys(doc.paths[PLAYGROUND_WEBHOOK_PATH].post.responses)).toEqual(['200', '400', '401', '415']);
    expect(Object.keys(doc.paths['/api/v1/handoffs'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/conversations/{conversationId}/messages'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/files/{fileId}'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/healthz'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/accounts/{accountId}/install-link'])).toEqual(['post']);
    expect(installLink.tags).toEqual(['accounts']);
    expect(typeof doc.webhooks).toBe('object');
  });

  it('documents the install pages as HTML a browser opens, with the statuses the routes answer', () => {
    for (const path of [INSTALL_PATH, REDIRECT_PATH]) {
      expect(Object.keys(doc.paths[path])).toEqual(['get']);
      expect(doc.paths[path].get.tags).toEqual(['slack-install']);
      expect(doc.paths[path].get.description).toMatch(/A page a browser opens, not part of the platform's API/);
    }
    const install = doc.paths[INSTALL_PATH].get;
    expect(Object.keys(install.responses)).toEqual(['302', '410']);
    expect(Object.keys(install.responses['302'].headers)).toEqual(['Location', 'Set-Cookie']);
    expect(Object.keys(install.responses['410'].content)).toEqual(['text/html']);
    expect(install.parameters.map((p: Json) => [p.in, p.name])).toEqual([['query', 'link']]);
    const redirect = doc.paths[REDIRECT_PATH].get;
    expect(Object.keys(redirect.responses)).toEqual(['200', '400']);
    for (const status of ['200', '400']) expect(Object.keys(redirect.responses[status].content)).toEqual(['text/html']);
    expect(redirect.parameters.map((p: Json) => p.name)).toEqual(['code', 'state', 'error']);
  });

  it('has no dangling $ref and unique operation ids', () => {
    const dangling = allRefs(doc).filter(({ ref }) => pointer(ref) === undefined);
    expect(dangling).toEqual([]);
    const operations = [...Object.values(doc.paths), ...Object.values(doc.webhooks)].flatMap((item: Json) => Object.values(item)) as Json[];
    const ids = operations.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('requires conversationId and reason for a handoff, and only those', () => {
    const schema = bodySchema(handoffs);
    expect(deref(handoffs.requestBody).required).toBe(true);
    expect(schema.type).toBe('object');
    expect([...schema.required].sort()).toEqual(['conversationId', 'reason']);
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['account', 'channel', 'conversationId', 'customer', 'link', 'metadata', 'priority', 'reason', 'replyWindowEndsAt', 'scores', 'suggestedReply', 'summary', 'tags', 'transcript'].sort(),
    );
    expect(schema.properties.conversationId).toMatchObject({ type: 'string', minLength: 1, maxLength: 255 });
    expect(schema.properties.priority.default).toBe('normal');
    expect(schema.properties.summary.maxLength).toBe(10000);
    expect(schema.properties.transcript.maxItems).toBe(500);
    expect(deref(schema.properties.channel).required).toEqual(['type']);
    const line = deref(schema.properties.transcript.items);
    expect([...line.required].sort()).toEqual(['role', 'text']);
    expect(line.properties.text.maxLength).toBe(10000);
    expect(deref(schema.properties.customer).required).toBeUndefined();
    expect(Object.keys(deref(schema.properties.customer).properties).sort()).toEqual(['avatarUrl', 'email', 'id', 'name', 'phone']);
  });

  it('requires the message id for a customer message, and a url for each attachment', () => {
    const schema = bodySchema(messages);
    expect(deref(messages.requestBody).required).toBe(true);
    expect(schema.required).toEqual(['id']);
    expect(Object.keys(schema.properties).sort()).toEqual(['account', 'at', 'attachments', 'id', 'text']);
    const attachment = deref(schema.properties.attachments.items);
    expect(attachment.required).toEqual(['url']);
    expect(attachment.properties.size.type).toBe('integer');
    const pathParam = messages.parameters.map(deref).find((p: Json) => p.in === 'path');
    expect(pathParam).toMatchObject({ name: 'conversationId', required: true });
  });

  it("uses the domain's enums for reason, priority, channel type, transcript role and status", () => {
    const handoff = bodySchema(handoffs);
    expect(deref(handoff.properties.reason).enum).toEqual([...REASONS]);
    expect(deref(handoff.properties.priority).enum).toEqual([...PRIORITIES]);
    expect(deref(deref(handoff.properties.channel).properties.type).enum).toEqual([...CHANNEL_TYPES]);
    expect(deref(deref(handoff.properties.transcript.items).properties.role).enum).toEqual([...ROLES]);
    const accepted = deref(deref(handoffs.responses['202']).content['application/json'].schema);
    expect(deref(accepted.properties.status).enum).toEqual([...STATUSES]);
    expect(deref(doc.components.schemas.ConversationChange.properties.status).enum).toEqual([...STATUSES]);
    expect(deref(doc.components.schemas.ConversationChange.properties.priority).enum).toEqual([...PRIORITIES]);
  });

  it('signs every inbound POST and every webhook with the three Standard Webhooks headers', () => {
    const signed = [handoffs, messages, installLink, ...Object.values(doc.webhooks).map((w: Json) => w.post)];
    for (const operation of signed) {
      const headers = (operation.parameters as Json[]).map(deref).filter((p) => p.in === 'header');
      expect({ op: operation.operationId, headers: headers.map((h) => [h.name, h.required]) }).toEqual({
        op: operation.operationId,
        headers: [
          ['webhook-id', true],
          ['webhook-timestamp', true],
          ['webhook-signature', true],
        ],
      });
    }
    expect(health.parameters).toBeUndefined();
  });

  it("documents a signature that matches Standard Webhooks' known answer", () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const [id, timestamp, body] = ['msg_p5jXN8AQM9LWM0D4loKWxJek', '1614265330', '{"test": 2432232314}'];
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(doc.info.description).toContain(signature);

    const pattern = new RegExp(doc.components.parameters.WebhookSignature.schema.pattern);
    expect(pattern.test(signature)).toBe(true);
    expect(pattern.test(`v1,bm90IHRoaXMgb25l ${signature}`)).toBe(true); // two signatures during a secret rotation
    expect(pattern.test('g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')).toBe(false);
    expect(new RegExp(doc.components.parameters.WebhookTimestamp.schema.pattern).test(timestamp)).toBe(true);
    expect(doc.info.description).toMatch(/5 minutes/);
  });

  it('answers each error with the status and code the code base maps it to', () => {
    const expected: Array<[Json, string, ErrorCode]> = [
      [handoffs, '400', 'invalid_request'],
      [handoffs, '401', 'invalid_signature'],
      [handoffs, '409', 'account_not_connected'],
      [handoffs, '413', 'payload_too_large'],
      [handoffs, '415', 'unsupported_media_type'],
      [messages, '400', 'invalid_request'],
      [messages, '401', 'invalid_signature'],
      [messages, '404', 'conversation_not_found'],
      [messages, '409', 'account_not_connected'],
      [messages, '413', 'payload_too_large'],
      [messages, '415', 'unsupported_media_type'],
      [installLink, '400', 'invalid_request'],
      [installLink, '401', 'invalid_signature'],
      [installLink, '413', 'payload_too_large'],
      [installLink, '415', 'unsupported_media_type'],
    ];
    for (const [operation, status, code] of expected) {
      const ref = operation.responses[status].$ref as string | undefined;
      const responseAt = ref ?? `#/paths/${escape(pathOf(operation))}/post/responses/${status}`;
      const media = deref(operation.responses[status]).content['application/json'];
      const validate = contractValidator(`${responseAt}/content/application~1json/schema`);
      expect({ status, httpStatus: new HandoffError(code, 'x').httpStatus }).toEqual({ status, httpStatus: Number(status) });
      expect(contractErrors(validate, media.example)).toEqual([]);
      expect(media.example.error).toBe(code);
      expect(validate({ error: 'something_else', message: 'x', issues: [] })).toBe(false);
    }
    expect(Object.keys(handoffs.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '409', '413', '415']));
    expect(Object.keys(messages.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '404', '409', '413', '415']));
    expect(Object.keys(installLink.responses)).toEqual(['201', '400', '401', '413', '415', '500']);
    expect(refOf(handoffs.responses['409'])).toBe(refOf(messages.responses['409']));
  });

  it("documents account with the code's rule, on both inbound bodies and the conversation webhooks", () => {
    const pattern = new RegExp(deref(doc.components.schemas.AccountId).pattern);
    for (const value of ['acme-42', 'a', 'org.team:eu_1', 'x'.repeat(128), '', 'x'.repeat(129), 'acme 42', 'acme/42', 'ä']) {
      expect({ value, doc: pattern.test(value) }).toEqual({ value, doc: accountId.safeParse(value).success });
    }
    for (const operation of [handoffs, messages]) {
      const schema = bodySchema(operation);
      expect(deref(schema.properties.account).pattern).toBe(deref(doc.components.schemas.AccountId).pattern);
      expect(schema.required).not.toContain('account');
    }
    expect(doc.components.schemas.Account.description).toMatch(/400 invalid_request.*409 account_not_connected/s);
    const envelope = doc.components.schemas.WebhookEnvelope;
    expect(deref(envelope.properties.account).pattern).toBe(deref(doc.components.schemas.AccountId).pattern);
    expect(envelope.required).not.toContain('account');
  });

  it('documents the install link: signed, an optional body with returnUrl, and 201 {url, expiresAt}', () => {
    const params = (installLink.parameters as Json[]).map(deref);
    expect(params.find((p) => p.in === 'path')).toMatchObject({ name: 'accountId', required: true });
    expect(deref(params.find((p) => p.in === 'path').schema).pattern).toBe(deref(doc.components.schemas.AccountId).pattern);
    expect(deref(installLink.requestBody).required).toBe(false);
    const body = bodySchema(installLink);
    expect(body.required).toBeUndefined();
    expect(Object.keys(body.properties)).toEqual(['returnUrl']);
    const created = installLink.responses['201'].content['application/json'];
    const link = deref(created.schema);
    expect([...link.required].sort()).toEqual(['expiresAt', 'url']);
    const validate = contractValidator(refOf(created.schema));
    expect(contractErrors(validate, created.example)).toEqual([]);
    expect(new URL(created.example.url).pathname).toBe(INSTALL_PATH);
    expect(validate({ url: 'https://handoff.example.com/slack/install?link=x' })).toBe(false);
    expect(validate({ url: 'https://handoff.example.com/slack/install?link=x', expiresAt: 'tomorrow' })).toBe(false);
    expect(installLink.description).toMatch(/same `url`/);
    expect(installLink.description).toMatch(/404/);
  });

  it('documents the file link as Handoff signs it, unsigned by webhook headers, with the path and query it uses', () => {
    const params = (files.parameters as Json[]).map(deref);
    expect(params.map((p) => [p.in, p.name, p.required])).toEqual([
      ['path', 'fileId', true],
      ['query', 'workspace', false],
      ['query', 'expires', true],
      ['query', 'sig', true],
    ]);
    const url = new URL(fileLinkUrl({ key: fileLinkKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), publicUrl: 'https://handoff.example.com', ttlSeconds: 60 }, 'w', 'F0123ABCD', new Date()));
    expect(url.pathname).toBe('/api/v1/files/F0123ABCD');
    expect([...url.searchParams.keys()]).toEqual(['workspace', 'expires', 'sig']);
    const pattern = (name: string) => new RegExp(params.find((p) => p.name === name).schema.pattern);
    expect(pattern('expires').test(url.searchParams.get('expires')!)).toBe(true);
    expect(pattern('sig').test(url.searchParams.get('sig')!)).toBe(true);
    expect(pattern('sig').test('v1,not-hex')).toBe(false);
    const example = new URL(jsonBody(doc.webhooks['agent.message'].post).example.data.attachments[0].url);
    expect(example.pathname).toBe('/api/v1/files/F0123ABCD');
    expect(pattern('sig').test(example.searchParams.get('sig')!)).toBe(true);
  });

  it('answers each refusal of a file link with the status and code the code base maps it to', () => {
    const expected: Array<[string, ErrorCode[]]> = [
      ['403', ['invalid_link', 'link_expired']],
      ['404', ['file_not_found']],
      ['409', ['workspace_not_installed']],
      ['502', ['file_unavailable']],
    ];
    for (const [status, codes] of expected) {
      const media = files.responses[status].content['application/json'];
      const validate = contractValidator(`#/paths/${escape('/api/v1/files/{fileId}')}/get/responses/${status}/content/application~1json/schema`);
      const examples = Object.values(media.examples as Record<string, Json>).map((e) => e.value);
      expect(examples.map((e) => e.error).sort()).toEqual([...codes].sort());
      for (const example of examples) expect(contractErrors(validate, example)).toEqual([]);
      for (const code of codes) expect({ code, httpStatus: new HandoffError(code, 'x').httpStatus }).toEqual({ code, httpStatus: Number(status) });
      expect(validate({ error: 'something_else', message: 'x' })).toBe(false);
    }
    expect(Object.keys(files.responses)).toEqual(['200', '403', '404', '409', '500', '502']);
  });

  it('requires an id and a download url for every file an agent shares', () => {
    const attachment = deref(deref(doc.components.schemas.AgentMessageData).properties.attachments.items);
    expect([...attachment.required].sort()).toEqual(['id', 'url']);
    expect(attachment.properties.url.description).toMatch(/GET \/api\/v1\/files\/\{fileId\}/);
  });

  it('answers the health probe with {"status":"ok"}', () => {
    const media = health.responses['200'].content['application/json'];
    expect(media.example).toEqual({ status: 'ok' });
    expect(media.schema.properties.status.const).toBe('ok');
  });

  it('documents /metrics as Prometheus text, refused with 401 without METRICS_TOKEN when it is set', () => {
    const metrics = doc.paths['/metrics'].get;
    expect(Object.keys(metrics.responses)).toEqual(['200', '401']);
    expect(Object.keys(metrics.responses['200'].content)).toEqual(['text/plain; version=0.0.4; charset=utf-8']);
    expect(deref(metrics.responses['401'].content['application/json'].schema.allOf[1]).properties.error.const).toBe('unauthorized');
    expect(metrics.security).toEqual([{}, { MetricsToken: [] }]);
    expect(doc.components.securitySchemes.MetricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers the readiness probe with what is up and down, 200 only when both are up', () => {
    expect(Object.keys(readiness.responses)).toEqual(['200', '503']);
    const schema = deref(readiness.responses['200'].content['application/json'].schema);
    expect(schema.required).toEqual(['database', 'redis']);
    for (const dependency of ['database', 'redis']) expect(schema.properties[dependency].enum).toEqual(['up', 'down']);
    expect(readiness.responses['200'].content['application/json'].example).toEqual({ database: 'up', redis: 'up' });
    expect(readiness.responses['503'].content['application/json'].example).toEqual({ database: 'up', redis: 'down' });
  });

  it('lists the agent message webhooks and exactly the conversation events the domain emits', () => {
    // PlatformEventType is a type, so it is read from the source: the doc cannot drift from the union.
    const source = readFileSync(join(ROOT, 'src', 'domain', 'transitions.ts'), 'utf8');
    const union = source.match(/export type PlatformEventType =([^;]+);/)?.[1] ?? '';
    const domainEvents = [...union.matchAll(/'([a-z_.]+)'/g)].map((m) => m[1]);
    expect(domainEvents).toHaveLength(7);
    // Events about a customer come with the conversation they were made from.
    const customerEvents = [readFileSync(join(ROOT, 'src', 'platform', 'customer-change.ts'), 'utf8').match(/CUSTOMER_UPDATED = '([a-z_.]+)'/)?.[1]];
    expect(customerEvents).toEqual(['customer.updated']);
    expect(Object.keys(doc.webhooks).sort()).toEqual(
      ['agent.message', 'agent.message_deleted', 'agent.message_updated', ...domainEvents, ...customerEvents, ...WORKSPACE_EVENTS].sort(),
    );

    for (const [type, item] of Object.entries(doc.webhooks) as Array<[string, Json]>) {
      const schema = bodySchema(item.post);
      const envelope = deref(schema.allOf[0]);
      // Events about an account (not a conversation) have an envelope of their own, without conversationId.
      expect({ type, required: envelope.required }).toEqual({
        type,
        required: WORKSPACE_EVENTS.includes(type) ? ['type', 'account', 'timestamp', 'data'] : ['type', 'conversationId', 'timestamp', 'data'],
      });
      expect(schema.allOf[1].properties.type.const).toBe(type);
      expect(Object.keys(item.post.responses)).toEqual(['2XX', '4XX', '5XX']);
    }
    const rejected = deref(doc.webhooks['agent.message'].post.responses['4XX']);
    expect(rejected.description).toMatch(/408.*429.*5xx/s);
    expect(rejected.description).toMatch(/exponential backoff/);
    expect(rejected.description).toMatch(/same\s+`webhook-id`/);
    expect(rejected.description).toMatch(/shown to the agent/);
  });
});

describe('the documented schemas accept and reject what the API does', () => {
  const handoff = contractValidator(refOf(jsonBody(handoffs).schema));
  const message = contractValidator(refOf(jsonBody(messages).schema));

  it('accepts every example in the document', () => {
    for (const [name, example] of Object.entries(jsonBody(handoffs).examples) as Array<[string, Json]>) {
      expect({ name, errors: contractErrors(handoff, example.value) }).toEqual({ name, errors: [] });
    }
    for (const [name, example] of Object.entries(jsonBody(messages).examples) as Array<[string, Json]>) {
      expect({ name, errors: contractErrors(message, example.value) }).toEqual({ name, errors: [] });
    }
    for (const [type, item] of Object.entries(doc.webhooks) as Array<[string, Json]>) {
      const media = jsonBody(item.post);
      if (!media.example) continue;
      expect({ type, errors: contractErrors(contractValidator(refOf(media.schema)), media.example) }).toEqual({ type, errors: [] });
    }
    const accepted = contractValidator(refOf(deref(handoffs.responses['202']).content['application/json'].schema));
    expect(contractErrors(accepted, deref(handoffs.responses['202']).content['application/json'].example)).toEqual([]);
    expect(contractErrors(contractValidator(refOf(jsonBody(installLink).schema)), jsonBody(installLink).example)).toEqual([]);
    for (const type of WORKSPACE_EVENTS) expect(jsonBody(doc.webhooks[type].post).example).toBeDefined();
  });

  it('takes an account on a handoff and a customer message, and refuses one the code refuses', () => {
    expect(contractErrors(handoff, { account: 'acme-42', conversationId: 'c1', reason: 'other' })).toEqual([]);
    expect(contractErrors(message, { account: 'acme-42', id: 'm1', text: 'hello' })).toEqual([]);
    expect(handoff({ account: 'acme 42', conversationId: 'c1', reason: 'other' })).toBe(false);
    expect(message({ account: '', id: 'm1', text: 'hello' })).toBe(false);
  });

  it('documents the workspace webhooks as Handoff sends them, about an account and without a conversation', () => {
    const connected = contractValidator(refOf(jsonBody(doc.webhooks['workspace.connected'].post).schema));
    const disconnected = contractValidator(refOf(jsonBody(doc.webhooks['workspace.disconnected'].post).schema));
    // The shapes src/services/workspace-connections.ts stores and send-account-notice.ts wraps in the envelope.
    const envelope = { account: 'acme-42', timestamp: '2026-11-23T10:00:00.000Z' };
    const hello = { ...envelope, type: 'workspace.connected', data: { account: 'acme-42', team: { id: 'T1', name: null }, alertsChannel: 'C1' } };
    expect(contractErrors(connected, hello)).toEqual([]);
    expect(connected({ ...hello, data: { ...hello.data, alertsChannel: undefined } })).toBe(false);
    expect(connected({ ...hello, account: undefined })).toBe(false);
    for (const reason of ['app_uninstalled', 'tokens_revoked', 'deleted']) {
      const bye = { ...envelope, type: 'workspace.disconnected', data: { account: 'acme-42', team: { id: 'T1' }, reason } };
      expect(contractErrors(disconnected, bye)).toEqual([]);
      expect(disconnected({ ...bye, type: 'workspace.connected' })).toBe(false);
      expect(disconnected({ ...bye, data: { ...bye.data, reason: 'bored' } })).toBe(false);
    }
    const source = readFileSync(join(ROOT, 'src', 'services', 'workspace-connections.ts'), 'utf8');
    const reasons = [...readFileSync(join(ROOT, 'src', 'slack', 'listeners', 'events', 'workspace-lifecycle.ts'), 'utf8').matchAll(/disconnectWorkspace\(deps, slackTeamId, '([a-z_]+)'\)/g)].map((m) => m[1]);
    reasons.push(...[...readFileSync(join(ROOT, 'src', 'slack', 'oauth', 'workspace-installation-store.ts'), 'utf8').matchAll(/disconnectWorkspace\(this\.connections, team, '([a-z_]+)'\)/g)].map((m) => m[1]));
    expect(source).toMatch(/type: 'workspace\.disconnected', payload: \{ account, team: \{ id: slackTeamId \}, reason: why \}/);
    const reasonSchema = deref(deref(doc.components.schemas.WorkspaceDisconnectedWebhook).allOf[1].properties.data).properties.reason;
    expect([...reasons].sort()).toEqual([...reasonSchema.enum].sort());
  });

  it('accepts the smallest handoff and rejects one without a reason or with an unknown one', () => {
    expect(contractErrors(handoff, { conversationId: 'c1', reason: 'other' })).toEqual([]);
    expect(contractErrors(handoff, { conversationId: 'c1' })).toEqual(["(root) must have required property 'reason'"]);
    expect(handoff({ conversationId: 'c1', reason: 'angry' })).toBe(false);
    expect(handoff({ conversationId: '', reason: 'other' })).toBe(false);
    expect(handoff({ conversationId: 'c1', reason: 'other', transcript: [{ role: 'bot', text: 'hi' }] })).toBe(false);
    expect(handoff({ conversationId: 'c1', reason: 'other', metadata: { nested: { no: true } } })).toBe(false);
    expect(handoff({ conversationId: 'c1', reason: 'other', link: 'ftp://example.com/x' })).toBe(false);
  });

  it('needs text or an attachment in a customer message', () => {
    expect(contractErrors(message, { id: 'm1', text: 'hello' })).toEqual([]);
    expect(contractErrors(message, { id: 'm1', attachments: [{ url: 'https://files.example.com/a.png' }] })).toEqual([]);
    expect(message({ id: 'm1' })).toBe(false);
    expect(message({ id: 'm1', text: '', attachments: [] })).toBe(false);
    expect(message({ text: 'hello' })).toBe(false);
    expect(message({ id: 'm1', attachments: [{ name: 'no url' }] })).toBe(false);
  });

  it('takes a rating of 1 to 5 with an optional comment, as the code does, and answers its errors as the code maps them', () => {
    const validate = contractValidator(refOf(jsonBody(rating).schema));
    const bodies = [{ score: 1 }, { score: 5, comment: 'Great' }, { score: 3, comment: null }, { score: 0 }, { score: 6 }, { score: 4.5 }, { score: '4' }, { comment: 'x' }, { score: 4, comment: 'x'.repeat(2001) }];
    for (const body of bodies) expect({ body, doc: validate(body) }).toEqual({ body, doc: ratingRequest.safeParse(body).success });
    expect(contractErrors(validate, jsonBody(rating).example)).toEqual([]);
    const accepted = deref(rating.responses['202']).content['application/json'];
    expect(contractErrors(contractValidator(refOf(accepted.schema)), accepted.example)).toEqual([]);
    for (const [status, code] of [['404', 'conversation_not_found'], ['409', 'conversation_not_closed'], ['409', 'account_not_connected']] as const) {
      expect(new HandoffError(code, 'x').httpStatus).toBe(Number(status));
      const validateError = contractValidator(`#/paths/${escape(pathOf(rating))}/post/responses/${status}/content/application~1json/schema`);
      expect(contractErrors(validateError, { error: code, message: 'x' })).toEqual([]);
    }
    expect(Object.keys(rating.responses)).toEqual(['202', '400', '401', '404', '409', '413', '415', '500', '503']);
    expect(doc.webhooks['conversation.restored'].post.description).toMatch(/data\.note/);
    expect(doc.webhooks['conversation.closed'].post.description).toMatch(/data\.note/);
  });

  it('rejects a webhook whose type does not match its schema', () => {
    const closed = contractValidator(refOf(jsonBody(doc.webhooks['conversation.closed'].post).schema));
    const body = {
      type: 'conversation.closed',
      conversationId: 'c1',
      timestamp: '2026-11-23T10:00:00Z',
      data: { actor: { id: 'U1', name: 'Sam' }, status: 'closed', assigneeId: null, tags: [], priority: 'normal', note: null },
    };
    expect(contractErrors(closed, body)).toEqual([]);
    expect(closed({ ...body, type: 'conversation.reopened' })).toBe(false);
    expect(closed({ ...body, data: { ...body.data, status: 'waiting' } })).toBe(false);
  });
});
