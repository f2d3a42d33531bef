import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { auditFilterSchema, listAuditEntries } from "~/audit/log.server";
import { getChainStatus } from "~/audit/status.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { actionLabel, OUTCOME_LABELS } from "~/policy/labels";
import { ACTION_IDS } from "~/policy/types";

const PAGE_SIZE = 50;
const pageSchema = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const decision = await performAction(actor, "audit.view", {});
  if (!decision.ok) throw forbidden("decision" in decision ? decision.decision.sentence : "Not allowed.");

  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const parsedFilters = auditFilterSchema.safeParse(raw);
  const filters = parsedFilters.success ? parsedFilters.data : {};
  const filterErrors = parsedFilters.success ? {} : z.flattenError(parsedFilters.error).fieldErrors;
  const { before } = pageSchema.parse(raw);
  const verify = url.searchParams.get("verify") === "1";

  const [page, chain] = await Promise.all([
    tenantScope(tenant.id, (tx) =>
      listAuditEntries(tx, tenant.id, filters, { beforeSeq: before, limit: PAGE_SIZE, timeZone: principal.timeZone }),
    ),
    getChainStatus(tenant.id, { verify }),
  ]);
  return {
    tenant,
    timeZone: principal.timeZone,
    filters: Object.fromEntries(
      Object.entries(raw).filter(([key]) => key !== "before" && key !== "verify" && key !== "stepped"),
    ),
    /** Back from confirming a second factor to export: the export links work now. */
    steppedUp: url.searchParams.get("stepped") === "export",
    filterErrors,
    rows: page.rows.map((row) => ({
      ...row,
      occurredAt: row.occurredAt.toISOString(),
      pseudonymisedAt: row.pseudonymisedAt?.toISOString() ?? null,
    })),
    nextBeforeSeq: page.nextBeforeSeq,
    isFirstPage: before === undefined,
    chain,
  };
}

export default function AuditLogPage() {
  const { tenant, timeZone, filters, filterErrors, rows, nextBeforeSeq, isFirstPage, chain, steppedUp } =
    useLoaderData<typeof loader>();
  const query = new URLSearchParams(filters as Record<string, string>);
  const exportLink = (format: "csv" | "jsonl") =>
    `/t/${tenant.slug}/audit/export?${new URLSearchParams({ ...filters, format })}`;
  const nextLink = nextBeforeSeq ? `?${new URLSearchParams({ ...filters, before: String(nextBeforeSeq) })}` : null;
  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">
        Every action in {tenant.name}, who took it, why, and what the policy engine decided. Entries are hash-chained:
        nobody can change or remove one without it showing.
      </p>

      <section aria-labelledby="chain-heading" className="card chain-status">
        <h2 id="chain-heading">Chain</h2>
        <p>
          {chain.headSeq === 1 ? "1 entry" : `${chain.headSeq.toLocaleString("en-GB")} entries`}
          {chain.headSeq ? `, head #${chain.headSeq}. ` : ". "}
          {chain.lastCheckpoint
            ? `Last signed checkpoint at #${chain.lastCheckpoint.seq}, ${formatDateTime(chain.lastCheckpoint.signedAt, timeZone)}.`
            : "No signed checkpoint yet."}
        </p>
        {chain.verification ? (
          <p role="status" className={chain.verification.ok ? "verify-ok" : "verify-fail"}>
            {chain.verification.ok
              ? `Verified just now: all ${chain.verification.entries.toLocaleString("en-GB")} entries and every checkpoint match.`
              : `Verification failed at entry #${chain.verification.seq}: ${chain.verification.message}`}
          </p>
        ) : (
          <p>
            <Link to={`?${new URLSearchParams({ ...filters, verify: "1" })}`}>Verify the chain now</Link>
          </p>
        )}
      </section>

      <Form method="get" className="filters" aria-label="Filter the audit log">
        <label>
          Actor
          <input type="text" name="actor" defaultValue={query.get("actor") ?? ""} placeholder="Name" />
        </label>
        <label>
          Action
          <select name="action" defaultValue={query.get("action") ?? ""}>
            <option value="">Any action</option>
            {ACTION_IDS.map((id) => (
              <option key={id} value={id}>
                {actionLabel(id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Affected account
          <input type="text" name="subject" defaultValue={query.get("subject") ?? ""} placeholder="Name or email" />
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={query.get("outcome") ?? ""}>
            <option value="">Any outcome</option>
            {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input
            type="date"
            name="from"
            defaultValue={query.get("from") ?? ""}
            aria-invalid={filterErrors.from ? true : undefined}
            aria-describedby={filterErrors.from ? "from-error" : undefined}
          />
          {filterErrors.from ? (
            <span id="from-error" className="field-errors">
              {filterErrors.from[0]}
            </span>
          ) : null}
        </label>
        <label>
          To
          <input
            type="date"
            name="to"
            defaultValue={query.get("to") ?? ""}
            aria-invalid={filterErrors.to ? true : undefined}
            aria-describedby={filterErrors.to ? "to-error" : undefined}
          />
          {filterErrors.to ? (
            <span id="to-error" className="field-errors">
              {filterErrors.to[0]}
            </span>
          ) : null}
        </label>
        <div className="filter-buttons">
          <button type="submit">Filter</button>
          <Link to=".">Clear</Link>
        </div>
      </Form>
      <p className="exports">
        Export what matches: <a href={exportLink("csv")}>CSV</a> · <a href={exportLink("jsonl")}>JSON Lines</a>
        <span className="muted"> (asks for a second factor confirmed in the last 10 minutes)</span>
      </p>
      {steppedUp ? (
        <p className="notice" role="status">
          Second factor confirmed. Choose the export again.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="empty">No entries match.</p>
      ) : (
        <ol className="audit-list" aria-label="Audit entries, newest first">
          {rows.map((row) => (
            <li key={row.seq} className="audit-entry">
              <details>
                <summary>
                  <span className="seq">#{row.seq}</span>
                  <time dateTime={row.occurredAt}>{formatDateTime(row.occurredAt, timeZone)}</time>
                  <strong>{actionLabel(row.action)}</strong>
                  <span className={`outcome outcome-${row.outcome}`}>{OUTCOME_LABELS[row.outcome]}</span>
                  <span>
                    by {row.actorName ?? "the system"}
                    {row.actorRole ? ` (${row.actorRole.replaceAll("_", " ")})` : ""}
                  </span>
                  {row.subjectName ? <span>on {row.subjectName}</span> : null}
                  {row.reason ? <span className="reason">“{row.reason}”</span> : null}
                  {row.pseudonymisedAt ? <span className="badge">Pseudonymised</span> : null}
                </summary>
                <dl className="details">
                  <div>
                    <dt>Decision</dt>
                    <dd>{row.sentence ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>Policies</dt>
                    <dd>{row.policyIds.length ? row.policyIds.join(", ") : "—"}</dd>
                  </div>
                  {row.target ? (
                    <div>
                      <dt>Target</dt>
                      <dd>
                        <code>{JSON.stringify(row.target)}</code>
                      </dd>
                    </div>
                  ) : null}
                  {row.changes ? (
                    <div>
                      <dt>Changes</dt>
                      <dd>
                        <code>{JSON.stringify(row.changes)}</code>
                      </dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>From</dt>
                    <dd>
                      {row.ipAddress ?? "—"} · {row.userAgent ?? "—"}
                    </dd>
                  </div>
                  <div>
                    <dt>Request</dt>
                    <dd>
                      <code>{row.requestId ?? "—"}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>Hash</dt>
                    <dd>
                      <code className="hash">{row.hash}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>Previous</dt>
                    <dd>
                      <code className="hash">{row.prevHash}</code>
                    </dd>
                  </div>
                  {row.pseudonymisedAt ? (
                    <div>
                      <dt>Pseudonymised</dt>
                      <dd>
                        {formatDateTime(row.pseudonymisedAt, timeZone)}, when an account it names was purged: names,
                        addresses and profile values of that person were replaced. The contents now match the sealed
                        hash <code className="hash">{row.sealedHash}</code>, which the purge&rsquo;s entry vouches for.
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </details>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="pager">
        {isFirstPage ? <span /> : <Link to={`?${query}`}>← Newest</Link>}
        {nextLink ? (
          <Link to={nextLink} rel="next">
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Audit log · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
