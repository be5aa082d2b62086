-- PostgreSQL does not index foreign keys by itself; the cascades from keys, users, groups and
-- Models need these.
CREATE INDEX ix_limits_key ON limits (key_id);
CREATE INDEX ix_limits_user ON limits (user_id);
CREATE INDEX ix_limits_group ON limits (group_id);
CREATE INDEX ix_limits_model ON limits (model_id);
