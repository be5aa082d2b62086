-- The audit trail: one row per change an administrator made, or tried to make, through the admin
-- API or the console. Rows are only ever inserted; retention deletes those older than its cut-off,
-- by recorded_at, which the index serves, as it serves reading the newest first. Rows refer to
-- nothing, so that they outlive the resources they name. before_fields and after_fields hold the
-- resource as a JSON object, as the admin API shows it: never a secret, only prefixes.

CREATE TABLE audit_entries (
  id VARCHAR NOT NULL,
  recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  actor VARCHAR NOT NULL,
  client_address VARCHAR NOT NULL,
  resource VARCHAR NOT NULL,
  resource_id VARCHAR,
  action VARCHAR NOT NULL,
  before_fields VARCHAR,
  after_fields VARCHAR,
  CONSTRAINT pk_audit_entries PRIMARY KEY (id)
);

CREATE INDEX ix_audit_entries_recorded_at ON audit_entries (recorded_at);
