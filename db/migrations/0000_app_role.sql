-- The role every request runs as (SET LOCAL ROLE inside a transaction). Roles are cluster-wide, so this
-- is idempotent: several databases on one server (tests, staging) share it. It cannot log in; the
-- connecting user is made a member so it may switch to it even when it is not a superuser.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'glasshouse_app') THEN
    CREATE ROLE glasshouse_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper
  ) THEN
    EXECUTE format('GRANT glasshouse_app TO %I', current_user);
  END IF;
END
$$;
