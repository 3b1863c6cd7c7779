-- Office hours per site (whole local hours, ISO weekdays): Insights measure utilisation against them.
ALTER TABLE sites ADD COLUMN office_start smallint NOT NULL DEFAULT 8 CHECK (office_start BETWEEN 0 AND 23);
ALTER TABLE sites ADD COLUMN office_end smallint NOT NULL DEFAULT 18 CHECK (office_end BETWEEN 1 AND 24);
ALTER TABLE sites ADD COLUMN office_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5}';
ALTER TABLE sites ADD CONSTRAINT sites_office_hours CHECK (office_end > office_start);

-- The occupied seconds inside the office hours of each desk's site, as they were when the day was rolled up.
ALTER TABLE usage_days ADD COLUMN office_seconds double precision;
-- Rows rolled up before office hours existed: every second counted (the best there is once the sessions are
-- gone); days whose sessions are still kept are rolled up again below.
UPDATE usage_days SET office_seconds = seconds;
ALTER TABLE usage_days ALTER COLUMN office_seconds SET NOT NULL;

-- The office hours a day was rolled up under: a change rolls up again the days whose sessions are still kept.
ALTER TABLE usage_days_done ADD COLUMN office_key text NOT NULL DEFAULT '';
