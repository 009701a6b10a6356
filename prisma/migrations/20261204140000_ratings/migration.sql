-- The customer's rating of a closed conversation, one per conversation; a newer rating replaces it.
CREATE TABLE "Rating" (
    "conversationId" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "agentId" TEXT,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("conversationId"),
    CONSTRAINT "Rating_score_check" CHECK ("score" BETWEEN 1 AND 5)
);

-- /handoff stats: the ratings given in a period.
CREATE INDEX "Rating_ratedAt_idx" ON "Rating"("ratedAt");

ALTER TABLE "Rating" ADD CONSTRAINT "Rating_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
