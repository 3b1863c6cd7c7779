-- Behaviour an upgrade kept off (server/settings/upgrade.ts): new features that delete data or write to the PBX
-- start on only in new installations; the console tells administrators of an upgraded one what they may turn on.
ALTER TABLE settings ADD COLUMN upgrade_notes jsonb NOT NULL DEFAULT '[]'::jsonb;
