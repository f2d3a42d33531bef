-- glasshouse_account_facts runs on every action. PL/pgSQL keeps a statement's plan for the connection only
-- once a generic plan looks no dearer than the custom ones; for this query (the account, with its roles,
-- holds and privacy locks, under row-level security) it never does, so every call planned it again: about
-- 270 µs of a 310 µs call. The generic plan reads the same indexes (the account by its key, each fact by
-- tenant and account), so the function now always uses it.
ALTER FUNCTION glasshouse_account_facts(uuid, uuid[]) SET plan_cache_mode = force_generic_plan;
