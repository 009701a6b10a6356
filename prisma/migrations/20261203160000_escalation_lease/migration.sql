-- The job posting an escalation holds it for a while, so one the sweeper asked for meanwhile does not post it too.
ALTER TABLE "Reminder" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
