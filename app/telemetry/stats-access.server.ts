// Who reads app statistics, and of whom: the whole organisation's for those the engine allows apps.viewStats
// (domain and helpdesk admins, auditors); else, for a line manager, their direct reports' — each report
// decided on its own as account.viewApps and recorded, a refused one left out. Anyone else is refused: 404
// when they have no console here, 403 with the engine's sentence when they have one.
import type { AppLoadContext } from "@remix-run/node";
import { eq, and } from "drizzle-orm";
import { accounts } from "~db/schema";
import { memberActor, forbidden, requireTenantActor, type Actor } from "~/actions/actor.server";
import { performAction, performEach } from "~/actions/perform.server";
import type { Tx } from "~db/client";
import { requirePrincipal, type Principal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { toLocale, translator } from "~/i18n/i18n";
import { decisionSentence } from "~/policy/sentences";
import { notFound, type TenantRef } from "~/tenancy/access.server";
import type { StatsFilters, StatsScope } from "./stats.server";

export interface StatsReader {
  tenant: TenantRef;
  principal: Principal;
  actor: Actor;
  /** Whether the console is theirs to open (a role here, a delegation, operator access). */
  hasConsole: boolean;
  scope: StatsScope;
}

/**
 * The console's own people, or a member of the organisation without an admin role (a line manager), who
 * has no console but may have reports.
 */
async function requireStatsViewer(request: Request, slug: string | undefined, context?: AppLoadContext) {
  try {
    const found = await requireTenantActor(request, slug, context);
    return { tenant: found.tenant, principal: found.principal, actor: found.actor, hasConsole: true };
  } catch (thrown) {
    if (!(thrown instanceof Response) || thrown.status !== 404) throw thrown;
    const principal = await requirePrincipal(request);
    if (slug !== principal.tenantSlug || principal.roles.length > 0) throw thrown;
    const tenant: TenantRef = {
      id: principal.tenantId,
      slug: principal.tenantSlug,
      name: principal.tenantName,
      kind: principal.tenantKind,
    };
    return { tenant, principal, actor: memberActor(principal, request, context), hasConsole: false };
  }
}

async function directReports(tx: Tx, tenantId: string, managerId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.managerId, managerId)))
    .orderBy(accounts.id);
  return rows.map((row) => row.id);
}

/**
 * The reader of /t/:tenant/apps (or its export) and the scope they may read, each read decided and audited
 * with the filters (and the table) it was made with; throws the refusal.
 */
export async function requireStatsReader(
  request: Request,
  slug: string | undefined,
  context: AppLoadContext | undefined,
  read: { filters: StatsFilters; table?: string },
): Promise<StatsReader> {
  const viewer = await requireStatsViewer(request, slug, context);
  const { actor, tenant, principal } = viewer;
  const filters = Object.fromEntries(Object.entries(read.filters).filter(([, value]) => value !== null));
  // A member with no admin role is a line manager here at most: no organisation-wide attempt to record.
  const lineManagerOnly = actor.facts.access.kind === "member" && principal.roles.length === 0;
  const whole = lineManagerOnly ? null : await performAction(actor, "apps.viewStats", { filters, table: read.table });
  if (whole?.ok) return { ...viewer, scope: { kind: "organisation" } };

  if (actor.facts.access.kind === "member") {
    // Each report's read is its own decision and its own entry in that report's activity, all made in one
    // transaction (performEach: the reports loaded in one query, the entries appended in one call).
    const allowed = await tenantScope(tenant.id, async (tx) => {
      const reports = await directReports(tx, tenant.id, actor.facts.accountId);
      const outcomes = await performEach(
        tx,
        actor,
        "account.viewApps",
        reports.map((accountId) => ({ accountId })),
      );
      return reports.filter((_, index) => outcomes[index]!.ok);
    });
    if (allowed.length) return { ...viewer, scope: { kind: "accounts", accountIds: allowed } };
  }
  if (!viewer.hasConsole) throw notFound();
  const locale = toLocale(principal.locale);
  throw forbidden(
    whole && "decision" in whole
      ? decisionSentence(whole.decision, locale)
      : translator(locale)("telemetry.stats.notAllowed"),
  );
}
