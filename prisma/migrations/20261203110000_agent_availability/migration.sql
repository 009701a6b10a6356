-- Whether each agent takes new conversations now (/handoff online|offline, the App Home toggle).
CREATE TABLE "AgentAvailability" (
    "workspaceId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentAvailability_pkey" PRIMARY KEY ("workspaceId","userId")
);

CREATE INDEX "AgentAvailability_workspaceId_online_idx" ON "AgentAvailability"("workspaceId", "online");

ALTER TABLE "AgentAvailability" ADD CONSTRAINT "AgentAvailability_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
