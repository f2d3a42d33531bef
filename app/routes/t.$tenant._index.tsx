import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { decodeCursor, listAccounts } from "~/accounts/directory.server";
import { tenantScope } from "~/db.server";
import { roleLabel, statusLabel } from "~/format";
import { requireTenantAccess } from "~/tenancy/access.server";

const accountsQuerySchema = z.object({
  // Control characters (PostgreSQL refuses NUL in text) are dropped; an over-long search is cut, not refused.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  q: z
    .string()
    .transform((text) =>
      text
        .replace(/[\u0000-\u001f\u007f]/g, "")
        .trim()
        .slice(0, 200),
    )
    .optional(),
  after: z.string().optional(),
  before: z.string().optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { tenant } = await requireTenantAccess(request, params.tenant);
  const url = new URL(request.url);
  const query = accountsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const after = query.after ? decodeCursor(query.after) : null;
  const before = query.before ? decodeCursor(query.before) : null;
  const badCursor = Boolean((query.after && !after) || (query.before && !before));
  const page = await tenantScope(tenant.id, (tx) =>
    listAccounts(tx, tenant.id, {
      search: query.q,
      after: badCursor ? undefined : (after ?? undefined),
      before: badCursor ? undefined : (before ?? undefined),
    }),
  );
  return {
    tenant,
    search: query.q ?? "",
    page,
    notice: badCursor ? "That page link is not valid any more, so you are back on the first page." : null,
  };
}

export default function AccountsPage() {
  const { tenant, search, page, notice } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === `/t/${tenant.slug}/`;
  const pageLink = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams();
    if (search) params.set("q", search);
    params.set(key, cursor);
    return `?${params}`;
  };
  return (
    <>
      <h1>{tenant.name}</h1>
      <section aria-labelledby="accounts-heading">
        <div className="section-head">
          <h2 id="accounts-heading">Accounts</h2>
          <Form method="get" role="search" className="search-form">
            <label htmlFor="account-search" className="visually-hidden">
              Search accounts by name or email
            </label>
            <input
              id="account-search"
              type="search"
              name="q"
              defaultValue={search}
              placeholder="Search by name or email"
              maxLength={200}
            />
            <button type="submit">{searching ? "Searching…" : "Search"}</button>
          </Form>
        </div>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {page.rows.length === 0 ? (
          <p className="empty">
            {search ? `No accounts match “${search}”.` : "This organisation has no accounts yet."}
          </p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">
              Accounts{search ? ` matching “${search}”` : ""}, sorted by name
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((account) => (
                <tr key={account.id}>
                  <td>{account.displayName}</td>
                  <td>{account.email ?? <span className="muted">Erased</span>}</td>
                  <td>
                    <span className={`status status-${account.status}`}>{statusLabel(account.status)}</span>
                  </td>
                  <td>
                    {account.roles.length ? account.roles.map(roleLabel).join(", ") : <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label="Pages" className="pager">
          {page.previous ? (
            <Link to={pageLink("before", page.previous)} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link to={pageLink("after", page.next)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Accounts · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
