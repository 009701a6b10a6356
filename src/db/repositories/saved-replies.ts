import type { SavedReply } from '../../generated/prisma/client';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';

export type SavedReplyRow = SavedReply;

export function listSavedReplies(db: Database, workspaceId: string): Promise<SavedReplyRow[]> {
  return db.savedReply.findMany({ where: { workspaceId }, orderBy: { title: 'asc' } });
}

export function findSavedReply(db: Database, workspaceId: string, id: string): Promise<SavedReplyRow | null> {
  return db.savedReply.findFirst({ where: { id, workspaceId } });
}

export type SaveOutcome = 'saved' | 'title_taken' | 'gone';

// A new reply (no id) or a change to one; titles are unique per workspace, so the picker tells them apart.
export async function saveSavedReply(
  db: Database,
  workspaceId: string,
  r: { id?: string; title: string; text: string; userId: string },
): Promise<SaveOutcome> {
  try {
    if (!r.id) {
      await db.savedReply.create({ data: { workspaceId, title: r.title, text: r.text, updatedBy: r.userId } });
      return 'saved';
    }
    const { count } = await db.savedReply.updateMany({ where: { id: r.id, workspaceId }, data: { title: r.title, text: r.text, updatedBy: r.userId } });
    return count === 1 ? 'saved' : 'gone';
  } catch (err) {
    if (isUniqueViolation(err)) return 'title_taken';
    throw err;
  }
}

export async function deleteSavedReply(db: Database, workspaceId: string, id: string): Promise<void> {
  await db.savedReply.deleteMany({ where: { id, workspaceId } });
}
