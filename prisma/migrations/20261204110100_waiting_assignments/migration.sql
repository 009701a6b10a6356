-- Waiting conversations given to agents who came online or made room, asked for per workspace.
ALTER TABLE "Workspace" ADD COLUMN "waitingAssignmentsAsked" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "waitingAssignmentsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "waitingAssignmentsAskedAt" TIMESTAMP(3);
