import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmailDeliveryNote, EmailStatusBadge } from "~/components/email-delivery";
import { listNewestEmailEverywhere, mailDeliveryMode, requireDevelopment } from "~/mail/outbox-read.server";

// Development only (404 in production): every tenant's newest email, reset links included, with no sign-in,
// so whoever tries the demo can open the link a "forgot password" sent.
export async function loader() {
  requireDevelopment();
  return { mode: mailDeliveryMode(), emails: await listNewestEmailEverywhere(100) };
}

const URL_PATTERN = /(https?:\/\/\S+)/;

function BodyLine({ line }: { line: string }) {
  return (
    <>
      {line.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function DevelopmentOutboxPage() {
  const { mode, emails } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>Development outbox</h1>
      <p className="lede">
        The newest 100 emails of every organisation, as the product wrote them
        {mode === "outbox" ? " (no mail server is configured, so this is the only place they are)" : ""}. This page
        exists in development only; admins see their organisation&apos;s outbox at /t/…/outbox, with reset links hidden.
      </p>
      {emails.length === 0 ? (
        <p className="empty">No email yet.</p>
      ) : (
        <ol className="audit-list" aria-label="Emails, newest first">
          {emails.map((email) => (
            <li key={`${email.tenantSlug}/${email.id}`} className="audit-entry">
              <details>
                <summary>
                  <time dateTime={email.createdAt}>{email.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
                  <span>{email.tenantName}</span>
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
                          <BodyLine line={line} />
                        </span>
                      ))}
                    </p>
                  ))}
                  <EmailDeliveryNote email={email} timeZone="UTC" />
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "Development outbox · Glasshouse" }];
