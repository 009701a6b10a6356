-- The time zone "today" is counted in for the stats and the App Home, when business hours name none.
ALTER TABLE "Workspace" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';
