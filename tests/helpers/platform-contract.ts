import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';

// docs/openapi.yaml is the contract bot-platform developers build against; every event Handoff delivers in
// the tests is checked against the schema of its webhook there.
export const OPENAPI_TEXT = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.yaml'), 'utf8');
// The document is walked dynamically; its shape is what the tests check.
export const OPENAPI_DOC = parse(OPENAPI_TEXT) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

// JSON Schema validation of the document's own schemas (OpenAPI 3.1 schemas are JSON Schema 2020-12).
const BASE = 'https://handoff.example.com/openapi.yaml';
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
ajv.addFormat('uri', (v: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v));
ajv.addFormat('date-time', (v: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)));
ajv.addFormat('email', (v: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v));
ajv.addSchema({ ...OPENAPI_DOC, $id: BASE });

const validators = new Map<string, ValidateFunction>();

// A validator for a local reference into the document, e.g. "#/components/schemas/HandoffRequest".
export function contractValidator(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: `${BASE}${ref}` })));
  return validate;
}

export function contractErrors(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

// What is wrong with a delivered event, as the documented webhook of its type sees it; [] when nothing.
export function webhookContractProblems(body: unknown): string[] {
  const type = (body as { type?: unknown } | undefined)?.type;
  const webhook = typeof type === 'string' ? OPENAPI_DOC.webhooks?.[type] : undefined;
  if (!webhook) return [`no documented webhook for type ${JSON.stringify(type)}`];
  const validate = contractValidator(webhook.post.requestBody.content['application/json'].schema.$ref);
  return contractErrors(validate, body).map((e) => `${type}: ${e}`);
}
