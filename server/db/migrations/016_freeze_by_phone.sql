-- The emergency freeze holds the phone, also when its desk is renamed, its MAC changed or the desk deleted: each
-- emergency call names the phone it came from.
ALTER TABLE emergency_calls ADD COLUMN mac text;
UPDATE emergency_calls e SET mac = d.mac FROM desks d WHERE d.id = e.desk_id;
CREATE INDEX emergency_calls_mac ON emergency_calls (mac, frozen_until DESC);
