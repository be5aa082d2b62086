-- Access control and usage: users, groups of users with their members, grants of Models to a user
-- or a group, API keys (their SHA-256 hashes, never the keys), and one row of usage per request.
-- Constraint names are part of the store's code: it maps a violation of each one to a typed error.
-- Usage rows refer to nothing, so that they outlive the users, keys and Providers they name. Prices
-- and costs are exact decimals, as in V1.

CREATE TABLE users (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT pk_users PRIMARY KEY (id),
  CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE user_groups (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT pk_user_groups PRIMARY KEY (id),
  CONSTRAINT uq_user_groups_name UNIQUE (name)
);

CREATE TABLE group_members (
  group_id VARCHAR NOT NULL,
  user_id VARCHAR NOT NULL,
  CONSTRAINT pk_group_members PRIMARY KEY (group_id, user_id),
  CONSTRAINT fk_group_members_group FOREIGN KEY (group_id)
    REFERENCES user_groups (id) ON DELETE CASCADE,
  CONSTRAINT fk_group_members_user FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE grants (
  id VARCHAR NOT NULL,
  model_id VARCHAR NOT NULL,
  user_id VARCHAR,
  group_id VARCHAR,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_grants PRIMARY KEY (id),
  CONSTRAINT ck_grants_principal CHECK ((user_id IS NULL) <> (group_id IS NULL)),
  CONSTRAINT uq_grants_user UNIQUE (model_id, user_id),
  CONSTRAINT uq_grants_group UNIQUE (model_id, group_id),
  CONSTRAINT fk_grants_model FOREIGN KEY (model_id)
    REFERENCES models (id) ON DELETE CASCADE,
  CONSTRAINT fk_grants_user FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_grants_group FOREIGN KEY (group_id)
    REFERENCES user_groups (id) ON DELETE CASCADE
);

CREATE TABLE api_keys (
  id VARCHAR NOT NULL,
  user_id VARCHAR NOT NULL,
  name VARCHAR,
  prefix VARCHAR NOT NULL,
  key_hash ${binary} NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(6) WITH TIME ZONE,
  revoked_at TIMESTAMP(6) WITH TIME ZONE,
  last_used_at TIMESTAMP(6) WITH TIME ZONE,
  version BIGINT NOT NULL,
  CONSTRAINT pk_api_keys PRIMARY KEY (id),
  CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE
);

-- usage_day is the UTC date of recorded_at, written with the row, for totals by day.
-- attempts holds a JSON array of the attempts' backend, provider, model, outcome and status.
CREATE TABLE usage_records (
  request_id VARCHAR NOT NULL,
  recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  usage_day VARCHAR NOT NULL,
  user_id VARCHAR,
  api_key_id VARCHAR,
  model VARCHAR NOT NULL,
  provider_id VARCHAR,
  provider_model VARCHAR,
  attempts VARCHAR NOT NULL,
  status INTEGER NOT NULL,
  input_tokens BIGINT NOT NULL,
  cached_input_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  input_per_mtok ${decimal} NOT NULL,
  output_per_mtok ${decimal} NOT NULL,
  cached_input_per_mtok ${decimal},
  cache_write_per_mtok ${decimal},
  cost ${decimal} NOT NULL,
  latency_nanos BIGINT NOT NULL,
  time_to_first_token_nanos BIGINT,
  CONSTRAINT pk_usage_records PRIMARY KEY (request_id)
);

CREATE INDEX ix_usage_records_recorded_at ON usage_records (recorded_at);
