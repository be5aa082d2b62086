-- The registry: Providers with their sealed credentials, Provider Models, Models with their
-- Backends, and settings. Constraint names are part of the store's code: it maps a violation of
-- each one to a typed error. Migrations puts in the dialect's types for bytes and for exact
-- decimals of any scale; a migration of the same name in postgresql-only/ adds what only that
-- dialect needs.

CREATE TABLE providers (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  config VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  version BIGINT NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_providers PRIMARY KEY (id),
  CONSTRAINT uq_providers_name UNIQUE (name)
);

CREATE TABLE provider_credentials (
  provider_id VARCHAR NOT NULL,
  field VARCHAR NOT NULL,
  wrapped_key ${binary} NOT NULL,
  ciphertext ${binary} NOT NULL,
  prefix VARCHAR NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_provider_credentials PRIMARY KEY (provider_id, field),
  CONSTRAINT fk_provider_credentials_provider FOREIGN KEY (provider_id)
    REFERENCES providers (id) ON DELETE CASCADE
);

CREATE TABLE provider_models (
  id VARCHAR NOT NULL,
  provider_id VARCHAR NOT NULL,
  model_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  context_window INTEGER NOT NULL,
  max_output_tokens INTEGER,
  input_per_mtok ${decimal} NOT NULL,
  output_per_mtok ${decimal} NOT NULL,
  cached_input_per_mtok ${decimal},
  cache_write_per_mtok ${decimal},
  source VARCHAR NOT NULL,
  version BIGINT NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_provider_models PRIMARY KEY (id),
  CONSTRAINT uq_provider_models_model_id UNIQUE (provider_id, model_id),
  CONSTRAINT fk_provider_models_provider FOREIGN KEY (provider_id)
    REFERENCES providers (id) ON DELETE CASCADE
);

CREATE TABLE models (
  id VARCHAR NOT NULL,
  slug VARCHAR NOT NULL,
  display_name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  routing VARCHAR NOT NULL,
  version BIGINT NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_models PRIMARY KEY (id),
  CONSTRAINT uq_models_slug UNIQUE (slug)
);

CREATE TABLE backends (
  id VARCHAR NOT NULL,
  model_id VARCHAR NOT NULL,
  provider_model_id VARCHAR NOT NULL,
  priority INTEGER NOT NULL,
  temperature DOUBLE PRECISION,
  max_tokens INTEGER,
  top_p DOUBLE PRECISION,
  top_k INTEGER,
  stop VARCHAR NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_backends PRIMARY KEY (id),
  CONSTRAINT fk_backends_model FOREIGN KEY (model_id)
    REFERENCES models (id) ON DELETE CASCADE,
  CONSTRAINT fk_backends_provider_model FOREIGN KEY (provider_model_id)
    REFERENCES provider_models (id) ON DELETE CASCADE
);


CREATE TABLE settings (
  name VARCHAR NOT NULL,
  setting_value ${binary} NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT pk_settings PRIMARY KEY (name)
);
