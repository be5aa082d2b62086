-- PostgreSQL does not index foreign keys by itself; cascades and lookups by user need these.
CREATE INDEX ix_group_members_user ON group_members (user_id);
CREATE INDEX ix_grants_user ON grants (user_id);
CREATE INDEX ix_grants_group ON grants (group_id);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);
