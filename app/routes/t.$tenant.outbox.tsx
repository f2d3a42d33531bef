import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireTenantActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { formatDateTime } from "~/format";
import { EmailDeliveryNote, EmailStatusBadge } from "~/components/email-delivery";
import { toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { mailDeliveryMode, outboxQuerySchema, readTenantOutbox } from "~/mail/outbox-read.server";
import { decisionSentence } from "~/policy/sentences";

const PAGE_SIZE = 50;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  // The catalogue has no outbox.view: the people who may read the audit log may read what the product
  // emailed, so the outbox is decided (and refused) as audit.view.
  const locale = toLocale(principal.locale);
  const decision = await performAction(actor, "audit.view", {});
  if (!decision.ok) {
    throw forbidden(
      "decision" in decision
        ? decisionSentence(decision.decision, locale)
        : translator(locale)("consoleAudit.common.notAllowed"),
    );
  }

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
  const { t, intlLocale } = useT();
  return (
    <>
      <h1>{t("consoleAudit.outbox.title")}</h1>
      <p className="lede">
        {t("consoleAudit.outbox.lede", { organisation: tenant.name })}{" "}
        {mode === "smtp" ? t("consoleAudit.outbox.smtp") : t("consoleAudit.outbox.stored")}{" "}
        {t("consoleAudit.outbox.resetHidden")}
      </p>

      <Form method="get" className="search-form" role="search" aria-label={t("consoleAudit.outbox.search")}>
        <label htmlFor="outbox-to" className="visually-hidden">
          {t("consoleAudit.outbox.recipient")}
        </label>
        <input
          id="outbox-to"
          type="search"
          name="to"
          defaultValue={to}
          placeholder={t("consoleAudit.outbox.recipientPlaceholder")}
        />
        <button type="submit">{t("consoleAudit.outbox.searchButton")}</button>
        {to ? <Link to=".">{t("consoleAudit.common.clear")}</Link> : null}
      </Form>

      {emails.length === 0 ? (
        <p className="empty">{to ? t("consoleAudit.outbox.noMatch") : t("consoleAudit.outbox.empty")}</p>
      ) : (
        <ol className="audit-list" aria-label={t("consoleAudit.outbox.emails")}>
          {emails.map((email) => (
            <li key={email.id} className="audit-entry">
              <details>
                <summary>
                  <time dateTime={email.createdAt}>{formatDateTime(email.createdAt, timeZone, intlLocale)}</time>
                  <span>{t("consoleAudit.outbox.to", { address: email.toAddress })}</span>
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
      <nav aria-label={t("consoleAudit.common.pages")} className="pager">
        {isFirstPage ? <span /> : <Link to={`?${new URLSearchParams(search)}`}>{t("consoleAudit.common.newest")}</Link>}
        {nextBefore ? (
          <Link to={`?${new URLSearchParams({ ...search, before: nextBefore })}`} rel="next">
            {t("consoleAudit.common.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleAudit.outbox.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
