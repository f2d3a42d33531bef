-- The audit trail is append-only in the database itself, not only in code. The app role already lacks
-- UPDATE and DELETE on entries and checkpoints (0002); these triggers refuse them to the owner as well, so
-- changing history takes a deliberate `ALTER TABLE … DISABLE TRIGGER`, and audit:verify still sees it.
CREATE OR REPLACE FUNCTION glasshouse_refuse_audit_change()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '% are append-only', replace(TG_TABLE_NAME, '_', ' ')
    USING DETAIL = format('%s on %s refused.', TG_OP, TG_TABLE_NAME),
          HINT = 'Audit history is never changed; record a new entry instead.';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON "audit_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION glasshouse_refuse_audit_change();
--> statement-breakpoint
-- A chain head only moves forward: appends update it, nothing deletes it or winds it back.
CREATE OR REPLACE FUNCTION glasshouse_guard_audit_chain_head()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit chain heads are never removed'
      USING DETAIL = format('%s on %s refused.', TG_OP, TG_TABLE_NAME);
  END IF;
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
    RAISE EXCEPTION 'an audit chain head only moves forward'
      USING DETAIL = format('seq %s -> %s refused.', OLD.seq, NEW.seq);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_forward_only
  BEFORE UPDATE OR DELETE ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION glasshouse_guard_audit_chain_head();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate
  BEFORE TRUNCATE ON "audit_chain_heads"
  FOR EACH STATEMENT EXECUTE FUNCTION glasshouse_guard_audit_chain_head();
--> statement-breakpoint
REVOKE DELETE ON "audit_chain_heads" FROM glasshouse_app;
