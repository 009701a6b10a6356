-- Many workspaces: each keeps its own installation, and the platform's accounts map onto them.
ALTER TABLE "Workspace" ADD COLUMN "settingsSeededAt" TIMESTAMP(3),
ADD COLUMN "slackEnterpriseId" TEXT,
ADD COLUMN "teamName" TEXT,
ADD COLUMN "botUserId" TEXT,
ADD COLUMN "botId" TEXT,
ADD COLUMN "botToken" TEXT,
ADD COLUMN "botScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "botRefreshToken" TEXT,
ADD COLUMN "botTokenExpiresAt" TIMESTAMP(3),
ADD COLUMN "installedAt" TIMESTAMP(3),
ADD COLUMN "uninstalledAt" TIMESTAMP(3);
-- Workspaces seeded before this migration keep what they have: the environment no longer overwrites it.
UPDATE "Workspace" SET "settingsSeededAt" = "createdAt";

ALTER TABLE "Platform" ADD COLUMN "account" TEXT;

CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "workspaceId" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnectedAt" TIMESTAMP(3),
    CONSTRAINT "Account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Account_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "Account_workspaceId_idx" ON "Account"("workspaceId");

CREATE TABLE "InstallLink" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "returnUrl" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "installedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InstallLink_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OAuthState_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "InstallLink"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "AccountNotice" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    CONSTRAINT "AccountNotice_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AccountNotice_deliveredAt_createdAt_idx" ON "AccountNotice"("deliveredAt", "createdAt");
