-- PostgreSQL does not index foreign keys by itself; cascades and joins need these.
CREATE INDEX ix_backends_model ON backends (model_id);
CREATE INDEX ix_backends_provider_model ON backends (provider_model_id);
