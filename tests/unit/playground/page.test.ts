import { createHash } from 'node:crypto';
import { PAGE_CSP, playgroundPage } from '../../../src/playground/page';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inner = (html: string, tag: string) => html.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`))![1]!;

describe('the playground page', () => {
  it('lets its own inline script and style run, and nothing else', () => {
    const html = playgroundPage({ repliesHere: true });
    expect(PAGE_CSP).toContain(`script-src ${sha256(inner(html, 'script'))}`);
    expect(PAGE_CSP).toContain(`style-src ${sha256(inner(html, 'style'))}`);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('says replies go to the bot platform when CUSTOMER_WEBHOOK_URL is set', () => {
    expect(playgroundPage({ repliesHere: false })).toContain('Replies go to your bot platform, not here.');
    expect(playgroundPage({ repliesHere: true })).not.toContain('Replies go to your bot platform');
  });

  it('never builds HTML from text in its script', () => {
    const script = inner(playgroundPage({ repliesHere: true }), 'script');
    expect(script).toContain('textContent');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
