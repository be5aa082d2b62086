-- A Backend's share of the requests among the Backends of its priority when its Model's routing is
-- balanced. Backends added before have the default weight.
ALTER TABLE backends ADD COLUMN weight INTEGER DEFAULT 1 NOT NULL;
