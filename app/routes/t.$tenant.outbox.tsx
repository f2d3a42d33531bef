import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { formatDateTime } from "~/format";
import { EmailDeliveryNote, EmailStatusBadge } from "~/components/email-delivery";
import { mailDeliveryMode, outboxQuerySchema, readTenantOutbox } from "~/mail/outbox-read.server";

const PAGE_SIZE = 50;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  // The catalogue has no outbox.view: the people who may read the audit log may read what the product
  // emailed, so the outbox is decided (and refused) as audit.view.
  const decision = await performAction(actor, "audit.view", {});
  if (!decision.ok) throw forbidden("decision" in decision ? decision.decision.sentence : "Not allowed.");

  const url = new URL(request.url);
  const query = outboxQuerySchema.parse(Object.fromEntries(url.searchParams));
  const page = await readTenantOutbox(tenant.id, query, PAGE_SIZE);
  return {
    tenant,
    timeZone: principal.timeZone,
    mode: mailDeliveryMode(),
    to: query.to ?? "",
    emails: page.emails,
    nextBefore: page.nextBefore,
    isFirstPage: query.before === undefined,
  };
}

export default function OutboxPage() {
  const { tenant, timeZone, mode, to, emails, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  const search: Record<string, string> = to ? { to } : {};
  return (
    <>
      <h1>Outbox</h1>
      <p className="lede">
        Every email Glasshouse sent to people in {tenant.name}, newest first.{" "}
        {mode === "smtp"
          ? "Emails go out through the configured mail server."
          : "No mail server is configured: emails are stored here only, and nothing leaves this server."}{" "}
        Reset links are hidden: only the person they were sent to may open one.
      </p>

      <Form method="get" className="search-form" role="search" aria-label="Search the outbox">
        <label htmlFor="outbox-to" className="visually-hidden">
          Recipient
        </label>
        <input id="outbox-to" type="search" name="to" defaultValue={to} placeholder="Recipient's email address" />
        <button type="submit">Search</button>
        {to ? <Link to=".">Clear</Link> : null}
      </Form>

      {emails.length === 0 ? (
        <p className="empty">{to ? "No email to a matching address." : "No email yet."}</p>
      ) : (
        <ol className="audit-list" aria-label="Emails, newest first">
          {emails.map((email) => (
            <li key={email.id} className="audit-entry">
              <details>
                <summary>
                  <time dateTime={email.createdAt}>{formatDateTime(email.createdAt, timeZone)}</time>
                  <span>to {email.toAddress}</span>
                  <strong>{email.subject}</strong>
                  <code>{email.template}</code>
                  <EmailStatusBadge status={email.status} />
                </summary>
                <div className="details">
                  {email.bodyText.split(/\n{2,}/).map((paragraph, index) => (
                    <p key={index}>
                      {paragraph.split("\n").map((line, lineIndex) => (
                        <span key={lineIndex}>
                          {lineIndex > 0 ? <br /> : null}
                          {line}
                        </span>
                      ))}
                    </p>
                  ))}
                  <EmailDeliveryNote email={email} timeZone={timeZone} />
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="pager">
        {isFirstPage ? <span /> : <Link to={`?${new URLSearchParams(search)}`}>← Newest</Link>}
        {nextBefore ? (
          <Link to={`?${new URLSearchParams({ ...search, before: nextBefore })}`} rel="next">
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Outbox · ${data.tenant.name} · Glasshouse` : "Glasshouse" },
];
