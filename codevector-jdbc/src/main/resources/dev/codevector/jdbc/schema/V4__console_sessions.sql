-- The admin console's sessions, shared by every server process on the database. A session is kept
-- under the SHA-256 hash of its id, never the id itself. A session is touched when used, at most
-- once a minute, moving its last use and its expiry; sessions past their expiry are deleted by
-- expires_at.

CREATE TABLE console_sessions (
  id_hash ${binary} NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_console_sessions PRIMARY KEY (id_hash)
);

CREATE INDEX ix_console_sessions_expires_at ON console_sessions (expires_at);
