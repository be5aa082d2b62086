-- The client program that sent each request (its short name, such as claude-code, and its version)
-- and the client's session id. Rows written before have neither: they read as client "other".
ALTER TABLE usage_records ADD COLUMN client VARCHAR;
ALTER TABLE usage_records ADD COLUMN client_version VARCHAR;
ALTER TABLE usage_records ADD COLUMN session_id VARCHAR;

-- Totals by session, and the records of one session, read the rows of a session together.
CREATE INDEX ix_usage_records_session ON usage_records (session_id, recorded_at);
