-- Each write to a table of the registry, access control or limits notifies the channel
-- codevector_changes with "<schema> <concern>", the concern being registry, access or limits.
-- NOTIFY is transactional: a notification is delivered when its transaction commits, after the
-- write is visible to every new snapshot, never for a transaction rolled back, and once however
-- many rows or statements of the transaction sent it. Cascades notify too, since the rows they
-- delete fire the triggers of their own tables. A key's last use is not a change: an update of
-- api_keys that changes only last_used_at and version notifies nobody. Usage records, limit
-- counters and settings do not notify.
CREATE FUNCTION codevector_notify_change() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
  PERFORM pg_notify(''codevector_changes'', TG_TABLE_SCHEMA || '' '' || TG_ARGV[0]);
  RETURN NULL;
END';

-- One statement-level trigger per table, named tr_<table>_changed. Updates of api_keys have a row
-- trigger instead, which compares the rows without last_used_at and version.
DO '
DECLARE
  t RECORD;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      (''providers'', ''registry''), (''provider_credentials'', ''registry''),
      (''provider_models'', ''registry''), (''models'', ''registry''), (''backends'', ''registry''),
      (''users'', ''access''), (''user_groups'', ''access''), (''group_members'', ''access''),
      (''grants'', ''access''), (''api_keys'', ''access''), (''limits'', ''limits''))
      AS tables (name, concern) LOOP
    EXECUTE format(''CREATE TRIGGER %I AFTER INSERT OR DELETE OR TRUNCATE%s ON %I''
        '' FOR EACH STATEMENT EXECUTE FUNCTION codevector_notify_change(%L)'',
      ''tr_'' || t.name || ''_changed'',
      CASE WHEN t.name = ''api_keys'' THEN '''' ELSE '' OR UPDATE'' END,
      t.name, t.concern);
  END LOOP;
END';

CREATE TRIGGER tr_api_keys_updated AFTER UPDATE ON api_keys FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_at' - 'version')
    IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at' - 'version'))
  EXECUTE FUNCTION codevector_notify_change('access');
