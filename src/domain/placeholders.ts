// The placeholders a saved reply may hold, and how they are filled from the conversation and the agent
// sending it. Anything else in braces that looks like one ({customer.email}, {agent.nmae}) is refused by
// name, so a typo is caught when the reply is saved rather than reaching a customer as "{agent.nmae}".

export const PLACEHOLDERS = ['customer.name', 'customer.firstName', 'agent.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

// A word, then dotted words: "{customer.name}", "{ agent.name }". Braces around anything else ("{}", "{ok?}")
// are ordinary text.
const PLACEHOLDER = /\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*\}/g;

// What fills a placeholder whose value is missing: a customer the platform sent no name for is greeted as
// "there" ("Hi {customer.firstName}" reads "Hi there"); an agent without a Slack name signs as the team does.
export const FALLBACKS: Record<Placeholder, string> = {
  'customer.name': 'there',
  'customer.firstName': 'there',
  'agent.name': 'Support agent',
};

export interface PlaceholderValues {
  customerName: string | null;
  agentName: string | null;
}

function isKnown(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

// Every unknown placeholder in the text, in braces as written, each once.
export function unknownPlaceholders(text: string): string[] {
  const unknown = [...text.matchAll(PLACEHOLDER)].filter((m) => !isKnown(m[1]!)).map((m) => `{${m[1]}}`);
  return [...new Set(unknown)];
}

export function describeUnknown(unknown: string[]): string {
  const names = unknown.join(', ');
  const known = PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
  return `${unknown.length === 1 ? 'Unknown placeholder' : 'Unknown placeholders'} ${names}. Use ${known}.`;
}

function valueOf(name: Placeholder, v: PlaceholderValues): string {
  const customer = v.customerName?.trim() || null;
  switch (name) {
    case 'customer.name':
      return customer ?? FALLBACKS[name];
    case 'customer.firstName':
      return customer?.split(/\s+/)[0] ?? FALLBACKS[name];
    case 'agent.name':
      return v.agentName?.trim() || FALLBACKS[name];
  }
}

export type Filled = { ok: true; text: string } | { ok: false; unknown: string[] };

// Fills every known placeholder; refuses the text as a whole while it holds an unknown one.
export function fillPlaceholders(text: string, values: PlaceholderValues): Filled {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, text: text.replace(PLACEHOLDER, (_whole, name: string) => valueOf(name as Placeholder, values)) };
}
