import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createAppLink } from './slack/create-app-link';

// The same path from src/ and from dist/: the manifest sits at the top of the checkout and of the image.
export const SOCKET_MODE_MANIFEST = path.resolve(__dirname, '..', 'manifest.socket-mode.yml');

// Printed beside the configuration errors while no Slack setting is there yet: a newcomer's shortest way to a
// Slack app that works without a public URL, and where the rest of the set-up is written down.
export function createAppHint(manifestPath = SOCKET_MODE_MANIFEST): string[] {
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as object;
  return [
    `no Slack app yet? Create one over Socket Mode (no public URL needed) from this link: ${createAppLink(manifest)}`,
    'then follow README.md → "First alert in minutes (Socket Mode, no public URL)"',
  ];
}
