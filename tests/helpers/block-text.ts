// What a person reads in blocks, whatever their kind, one entry per block: a mrkdwn or plain_text object as
// written (a section's fields and a context's elements joined by a space), a rich-text block's leaves run
// together (its paragraphs and quotes on lines of their own), with emoji and mentions as mrkdwn writes them.
// Inputs and buttons are left out: they are not read as the message.

type Node = { [key: string]: unknown };

export function blockTexts(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? (blocks as Node[]) : []).map(blockText).filter((text) => text !== '');
}

// All of them as one text, a block per line.
export function visibleText(blocks: unknown): string {
  return blockTexts(blocks).join('\n');
}

function blockText(block: Node): string {
  switch (block.type) {
    case 'rich_text':
      return (block.elements as Node[]).map((part) => (part.elements as Node[]).map(leafText).join('')).join('\n');
    case 'section':
      return [block.text, ...((block.fields as Node[] | undefined) ?? [])].filter(Boolean).map((t) => (t as Node).text).join(' ');
    case 'context':
      return (block.elements as Node[]).map((e) => e.text ?? '').join(' ');
    case 'header':
      return (block.text as Node).text as string;
    default:
      return '';
  }
}

function leafText(leaf: Node): string {
  switch (leaf.type) {
    case 'emoji':
      return `:${String(leaf.name)}:`;
    case 'user':
      return `<@${String(leaf.user_id)}>`;
    case 'link':
      return String(leaf.text ?? leaf.url);
    case 'date':
      return String(leaf.fallback ?? '');
    default:
      return String(leaf.text ?? '');
  }
}
