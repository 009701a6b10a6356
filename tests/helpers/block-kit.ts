import Ajv2020 from 'ajv/dist/2020';
import schema from '../fixtures/vendor/slack-block-kit.schema.json';

// Slack's limits that the published schema cannot express on its own.
const MAX_BLOCKS = { message: 50, modal: 100, home: 100 } as const;
const MAX_MESSAGE_BLOCK_CHARS = 12_000;
const MAX_FALLBACK_TEXT = 4_000;

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validateBlocks = ajv.compile(schema);

export type Surface = keyof typeof MAX_BLOCKS;

// Returns every problem found; an empty list means Slack would accept the blocks.
export function blockKitProblems(blocks: unknown, surface: Surface = 'message'): string[] {
  const problems: string[] = [];
  if (!validateBlocks(blocks)) {
    for (const e of validateBlocks.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  }
  if (Array.isArray(blocks) && blocks.length > MAX_BLOCKS[surface]) {
    problems.push(`${blocks.length} blocks, over the ${surface} limit of ${MAX_BLOCKS[surface]}`);
  }
  if (surface === 'message' && JSON.stringify(blocks).length > MAX_MESSAGE_BLOCK_CHARS) {
    problems.push(`blocks total more than ${MAX_MESSAGE_BLOCK_CHARS} characters`);
  }
  return problems;
}

export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.length === 0) problems.push('missing fallback text');
  else if (message.text.length > MAX_FALLBACK_TEXT) problems.push(`fallback text over ${MAX_FALLBACK_TEXT} characters`);
  if (message.blocks !== undefined) problems.push(...blockKitProblems(message.blocks, 'message'));
  return problems;
}

export function viewProblems(view: { type?: string; blocks?: unknown; title?: { text?: string }; private_metadata?: string }): string[] {
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  const problems = blockKitProblems(view.blocks, surface);
  if (surface === 'modal' && (view.title?.text?.length ?? 0) > 24) problems.push('modal title over 24 characters');
  if ((view.private_metadata?.length ?? 0) > 3000) problems.push('private_metadata over 3000 characters');
  return problems;
}
