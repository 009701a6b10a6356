import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SOCKET_MODE_MANIFEST, createAppHint } from '../../../src/create-app-hint';
import { createAppLink } from '../../../src/slack/create-app-link';

// What Slack's page reads back out of the link.
function manifestIn(link: string): unknown {
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe('https://api.slack.com/apps');
  expect(url.searchParams.get('new_app')).toBe('1');
  return JSON.parse(url.searchParams.get('manifest_json')!);
}

describe('createAppLink', () => {
  it("opens Slack's Create New App page with the manifest as JSON", () => {
    const manifest = { display_information: { name: 'Handoff & co' }, settings: { socket_mode_enabled: true } };
    expect(manifestIn(createAppLink(manifest))).toEqual(manifest);
  });

  it('escapes what would end the query parameter or the link', () => {
    const link = createAppLink({ description: 'a & b = c? #1 50% +more' });
    expect(link).not.toMatch(/[ #+]|&(?!manifest_json=)/);
    expect(manifestIn(link)).toEqual({ description: 'a & b = c? #1 50% +more' });
  });
});

describe('createAppHint', () => {
  it('links to the Socket Mode manifest and names the README section to follow', () => {
    const [link, then] = createAppHint();
    expect(manifestIn(link!.slice(link!.indexOf('https://')))).toEqual(parse(readFileSync(SOCKET_MODE_MANIFEST, 'utf8')));
    expect(then).toBe('then follow README.md → "First alert in minutes (Socket Mode, no public URL)"');
    expect(readFileSync(join(__dirname, '../../../README.md'), 'utf8')).toContain('\n## First alert in minutes (Socket Mode, no public URL)\n');
  });
});
