-- The job posting an escalation or a direct message holds its row for a while, so one the sweeper asked for
-- meanwhile does not post it too.
ALTER TABLE "Reminder" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

ALTER TABLE "DirectMessage" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
