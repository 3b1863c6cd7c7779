-- Utilisation reads the sessions by time; retention deletes the old ones.
CREATE INDEX desk_sessions_since ON desk_sessions (since);
CREATE INDEX desk_sessions_ended ON desk_sessions (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX desk_sessions_user_name ON desk_sessions (lower(user_name));
