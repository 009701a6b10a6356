import { createHmac, timingSafeEqual } from 'node:crypto';

// Download links for files an agent shares in a thread. Slack serves file contents only with the bot token,
// which must never leave Handoff, so the bot platform gets a link to Handoff instead: whoever holds it may
// fetch that one file until the link expires, and nobody can make a link for another file or a later time.
//
//   GET {PUBLIC_URL}/api/v1/files/{slackFileId}?workspace={id}&expires={unix seconds}&sig={hex HMAC-SHA256}
//
// Links made before there were many workspaces carry no workspace: they belong to the one workspace.

export const FILES_PATH = '/api/v1/files';

// A file as stored with the agent's reply (Slack's file id, name, MIME type and size in bytes). A type, not an
// interface, so that it can be stored as JSON as it is.
export type SharedFile = {
  id: string;
  name?: string;
  mimeType?: string;
  size?: number;
};

export interface FileLinkSettings {
  key: Buffer;
  publicUrl: string;
  ttlSeconds: number;
}

export type FileLinkProblem = 'malformed' | 'bad_signature' | 'expired';

const KEY_LABEL = 'handoff file links v1';
const EXPIRES = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

// Derived rather than configured, so no new secret has to be set: it changes with HANDOFF_SIGNING_SECRET, and
// knowing it does not help anyone sign a request to Handoff (nor the other way round).
export function fileLinkKey(signingSecret: string): Buffer {
  const secret = Buffer.from(signingSecret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', secret).update(KEY_LABEL).digest();
}

// The workspace is signed too, so a link stays tied to the workspace whose agent shared the file.
function signature(key: Buffer, workspaceId: string, fileId: string, expires: number): string {
  return createHmac('sha256', key).update(JSON.stringify([workspaceId, fileId, expires])).digest('hex');
}

export function fileLinkUrl(settings: FileLinkSettings, workspaceId: string, fileId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + settings.ttlSeconds;
  const sig = signature(settings.key, workspaceId, fileId, expires);
  return `${settings.publicUrl}${FILES_PATH}/${encodeURIComponent(fileId)}?workspace=${workspaceId}&expires=${expires}&sig=${sig}`;
}

// The attachments of a reply as the platform receives them; each link's lifetime starts when it is sent.
export function withFileLinks(
  files: SharedFile[],
  settings: FileLinkSettings,
  workspaceId: string,
  now: Date,
): (SharedFile & { url: string })[] {
  return files.map((file) => ({ ...file, url: fileLinkUrl(settings, workspaceId, file.id, now) }));
}

// The signature is checked before the time, so only a genuine link is ever called expired.
export function checkFileLink(
  key: Buffer,
  link: { workspaceId: string; fileId: string; expires?: string; sig?: string },
  now: Date,
): { ok: true } | { ok: false; problem: FileLinkProblem } {
  if (!link.expires || !EXPIRES.test(link.expires) || !link.sig || !SIGNATURE.test(link.sig)) return { ok: false, problem: 'malformed' };
  const expires = Number(link.expires);
  const expected = Buffer.from(signature(key, link.workspaceId, link.fileId, expires), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(link.sig, 'hex'))) return { ok: false, problem: 'bad_signature' };
  return expires * 1000 > now.getTime() ? { ok: true } : { ok: false, problem: 'expired' };
}
