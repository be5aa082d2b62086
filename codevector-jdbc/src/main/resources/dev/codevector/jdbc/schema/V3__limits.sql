-- Budgets and rate limits: each limit caps the requests and tokens per minute, or the spend per
-- budget period, of one API key, one user, one group or everyone (scope_kind 'key', 'user', 'group'
-- or 'all', with the id column of its kind set and the others NULL), for one Model or every Model
-- (model_id NULL). A limit is deleted with the key, user, group or Model it names, as grants are,
-- and a user's keys take their limits with them. Each counter is of one limit, meter ('rate' or
-- 'budget') and window, and is deleted with its limit. Spend is an exact decimal, as usage costs
-- are.

CREATE TABLE limits (
  id VARCHAR NOT NULL,
  scope_kind VARCHAR NOT NULL,
  key_id VARCHAR,
  user_id VARCHAR,
  group_id VARCHAR,
  model_id VARCHAR,
  requests_per_minute BIGINT,
  tokens_per_minute BIGINT,
  budget_amount ${decimal},
  budget_period VARCHAR,
  version BIGINT NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_limits PRIMARY KEY (id),
  CONSTRAINT ck_limits_scope CHECK (
    (scope_kind = 'key' AND key_id IS NOT NULL AND user_id IS NULL AND group_id IS NULL)
    OR (scope_kind = 'user' AND key_id IS NULL AND user_id IS NOT NULL AND group_id IS NULL)
    OR (scope_kind = 'group' AND key_id IS NULL AND user_id IS NULL AND group_id IS NOT NULL)
    OR (scope_kind = 'all' AND key_id IS NULL AND user_id IS NULL AND group_id IS NULL)),
  CONSTRAINT ck_limits_budget CHECK ((budget_amount IS NULL) = (budget_period IS NULL)),
  CONSTRAINT fk_limits_key FOREIGN KEY (key_id)
    REFERENCES api_keys (id) ON DELETE CASCADE,
  CONSTRAINT fk_limits_user FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_limits_group FOREIGN KEY (group_id)
    REFERENCES user_groups (id) ON DELETE CASCADE,
  CONSTRAINT fk_limits_model FOREIGN KEY (model_id)
    REFERENCES models (id) ON DELETE CASCADE
);

-- A window holds [window_start, window_end). Reservations lock their counter rows, one at a time
-- in the order of this primary key.
CREATE TABLE limit_counters (
  limit_id VARCHAR NOT NULL,
  meter VARCHAR NOT NULL,
  window_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  window_end TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  used_requests BIGINT NOT NULL,
  used_tokens BIGINT NOT NULL,
  used_spend ${decimal} NOT NULL,
  reserved_requests BIGINT NOT NULL,
  reserved_tokens BIGINT NOT NULL,
  reserved_spend ${decimal} NOT NULL,
  CONSTRAINT pk_limit_counters PRIMARY KEY (limit_id, meter, window_start),
  CONSTRAINT fk_limit_counters_limit FOREIGN KEY (limit_id)
    REFERENCES limits (id) ON DELETE CASCADE
);

CREATE INDEX ix_limit_counters_window_end ON limit_counters (window_end);
