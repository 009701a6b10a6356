-- A workspace admin changes the settings from App Home: the settings carry a version, so a form saved after
-- someone else's change is refused, and every save is kept with who made it.
ALTER TABLE "Workspace" ADD COLUMN     "settingsVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "WorkspaceSettingsChange" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "receipt" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceSettingsChange_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "WorkspaceSettingsChange_receipt_key" ON "WorkspaceSettingsChange"("receipt");

CREATE INDEX "WorkspaceSettingsChange_workspaceId_at_idx" ON "WorkspaceSettingsChange"("workspaceId", "at");

ALTER TABLE "WorkspaceSettingsChange" ADD CONSTRAINT "WorkspaceSettingsChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
