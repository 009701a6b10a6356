-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "movedFromChannelId" TEXT,
ADD COLUMN     "movedFromThreadTs" TEXT;
