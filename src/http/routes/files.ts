import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Request, Router } from 'express';
import type { Database } from '../../db/client';
import { isFileSharedWithCustomer } from '../../db/repositories/messages';
import type { WorkspaceClients } from '../../workspaces/tenancy';
import type { AccountDirectory } from './handoffs';
import { checkFileLink, FILES_PATH, type FileLinkProblem } from '../../domain/file-link';
import { type ErrorCode, HandoffError } from '../../errors';
import { downloadFile } from '../../slack/download-file';

export interface FileRouteDeps {
  db: Database;
  workspaces: WorkspaceClients & AccountDirectory;
  fileLinkKey: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const REFUSALS: Record<FileLinkProblem, [ErrorCode, string]> = {
  malformed: ['invalid_link', 'The link needs its expires and sig parameters, exactly as Handoff sent them'],
  bad_signature: ['invalid_link', 'The link signature does not match; use the url exactly as Handoff sent it'],
  expired: ['link_expired', 'The link has expired; the file can be fetched only until the time in its expires parameter'],
};

function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

// Serves a file an agent shared with a customer, to whoever holds its signed link, straight from Slack.
export function fileRoutes(deps: FileRouteDeps): Router {
  const router = Router();
  router.get(`${FILES_PATH}/:fileId`, async (req, res) => {
    const fileId = String(req.params.fileId);
    const named = queryParam(req, 'workspace');
    if (named !== undefined && !UUID.test(named)) throw new HandoffError(...REFUSALS.malformed);
    // The workspace is part of what is signed: a link can only ever serve a file of the workspace it names.
    const workspaceId = named ?? (await deps.workspaces.ofAccount(undefined)).workspaceId;
    const link = checkFileLink(deps.fileLinkKey, { workspaceId, fileId, expires: queryParam(req, 'expires'), sig: queryParam(req, 'sig') }, new Date());
    if (!link.ok) throw new HandoffError(...REFUSALS[link.problem]);
    if (!(await isFileSharedWithCustomer(deps.db, workspaceId, fileId))) {
      throw new HandoffError('file_not_found', `File ${fileId} was not shared with a customer, or its reply was deleted`);
    }
    const slack = await deps.workspaces.slackFor(workspaceId);
    const file = await downloadFile(slack, slack.token!, fileId);
    // A download, never a page: an HTML file shared by an agent must not run on Handoff's origin.
    res.attachment(file.name).type(file.mimeType ?? 'application/octet-stream').set('x-content-type-options', 'nosniff');
    if (file.length !== undefined) res.set('content-length', String(file.length));
    await pipeline(Readable.fromWeb(file.body), res);
  });
  return router;
}
