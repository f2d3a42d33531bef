DROP INDEX "accounts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "accounts_email_trgm_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower("accounts"."display_name" || chr(10) || coalesce("accounts"."email", ''))) STORED;--> statement-breakpoint
CREATE INDEX "accounts_search_trgm_idx" ON "accounts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "totp_credentials_confirmed_idx" ON "totp_credentials" USING btree ("tenant_id","account_id") WHERE "totp_credentials"."confirmed_at" is not null;--> statement-breakpoint
-- The accounts list searches search_text through the directory view (0008), so the view carries it too.
CREATE OR REPLACE VIEW "account_directory" AS
  SELECT "tenant_id", "id", "display_name", "email", "status", "manager_id", "created_at", "last_sign_in_at",
    "search_text"
  FROM "accounts"
  WHERE "tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "account_directory" FROM glasshouse_app;--> statement-breakpoint
GRANT SELECT ON "account_directory" TO glasshouse_app;
--> statement-breakpoint
-- A two-letter search ("ng", "li": whole surnames) has no trigram, so the trigram index cannot answer it and
-- counting its matches read most of a large organisation. The distinct pairs of letters of search_text, in a
-- GIN index, answer it instead: every pair of the term is a pair of any text that contains it.
CREATE OR REPLACE FUNCTION glasshouse_bigrams(p_text text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(p_text, i, 2)), '{}')
  FROM generate_series(1, length(p_text) - 1) AS i
$$;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_bigrams(text) TO glasshouse_app;--> statement-breakpoint
CREATE INDEX "accounts_search_bigrams_idx" ON "accounts" USING gin (glasshouse_bigrams("search_text"));
