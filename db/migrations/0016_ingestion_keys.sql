ALTER TABLE "ingestion_keys" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "ingestion_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ingestion_keys" ADD COLUMN "replaced_by" uuid;--> statement-breakpoint
ALTER TABLE "ingestion_keys" ADD CONSTRAINT "ingestion_keys_tenant_id_replaced_by_ingestion_keys_tenant_id_id_fk" FOREIGN KEY ("tenant_id","replaced_by") REFERENCES "public"."ingestion_keys"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ingestion_keys_prefix_key" ON "ingestion_keys" USING btree ("tenant_id","prefix");--> statement-breakpoint
-- How the ingestion API learns whose key it was given, before any tenant is set: by the SHA-256 of the
-- presented key (app/telemetry/ingestion-keys.server.ts). It answers the key's tenant, its id and whether
-- it may be used now (not revoked, not past the end a rotation set), nothing else; everything after runs
-- under row-level security in that tenant.
CREATE OR REPLACE FUNCTION glasshouse_find_ingestion_key(p_hash text)
RETURNS TABLE (tenant_id uuid, key_id uuid, usable boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT k.tenant_id, k.id, (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()))
    FROM ingestion_keys k
   WHERE k.key_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION glasshouse_find_ingestion_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION glasshouse_find_ingestion_key(text) TO glasshouse_app;
