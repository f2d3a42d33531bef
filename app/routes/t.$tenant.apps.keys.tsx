// App keys: the ingestion keys installed apps report their events with. A domain admin of the customer
// creates one (shown once, right after, and never again), rotates one (a replacement with the same name;
// the old key works 24 hours more) or revokes one at once. Creating and rotating need a fresh second
// factor; a step-up brings the admin back to the form as they filled it in. Only the customer's own people
// open this page: a reseller or operator acting here is told it is not there.
import {
  data,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireTenantActor } from "~/actions/actor.server";
import type { NewIngestionKey } from "~/actions/ingestion-keys.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { FieldError, FormOutcome, SubmitOrRefused, type ShownDecision } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { localiseFieldErrors, localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
import { readForm } from "~/security/form.server";
import { displayPrefix, ingestionKeyStatus, listIngestionKeys } from "~/telemetry/ingestion-keys.server";
import { notFound } from "~/tenancy/access.server";

/** What the page's forms post, as typed (kept and sent back with any error). */
const keyFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().default("") }),
  z.object({ intent: z.literal("rotate"), keyId: z.string().default("") }),
  z.object({ intent: z.literal("revoke"), keyId: z.string().default(""), reason: z.string().default("") }),
]);

type KeyForm = z.infer<typeof keyFormSchema>;

/** The key just made, for the one answer that shows it. */
interface ShownKey {
  name: string;
  prefix: string;
  key: string;
  /** After a rotation: when the old key stops working. */
  oldExpiresAt: string | null;
}

/** Only the customer's own people manage its keys; anyone else (a reseller acting here too) finds nothing. */
async function requireCustomerMember(request: Request, slug: string | undefined, context: AppLoadContext) {
  const found = await requireTenantActor(request, slug, context);
  if (found.access.kind !== "member" || found.tenant.kind !== "customer") throw notFound();
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const now = new Date();
  const { keys, organisation, tenantPolicies } = await tenantScope(tenant.id, async (tx) => ({
    keys: await listIngestionKeys(tx, tenant.id),
    organisation: await loadOrganisationResource(tx, tenant.id),
    tenantPolicies: await loadTenantPolicies(tx, tenant.id),
  }));
  const shown = (decision: Decision): ShownDecision => ({
    outcome: decision.outcome,
    sentence: decisionSentence(decision, locale),
  });
  // Every key is the organisation's, so one decision per action holds for each row.
  const [create, rotate, revoke] = organisation
    ? decideForUi(
        actor,
        [
          { action: "ingestionKey.create", resource: organisation },
          { action: "ingestionKey.rotate", resource: organisation },
          { action: "ingestionKey.revoke", resource: organisation },
        ],
        tenantPolicies,
      ).map(shown)
    : [];
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (keyFormSchema.safeParse(resumed.fields).data ?? null) : null;
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      keys: keys.map((key) => ({
        id: key.id,
        name: key.name,
        prefix: displayPrefix(key.prefix),
        status: ingestionKeyStatus(key, now),
        createdAt: key.createdAt.toISOString(),
        createdByName: key.createdByName,
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        revokedAt: key.revokedAt?.toISOString() ?? null,
        revokedByName: key.revokedByName,
        replacedBy: key.replacedByPrefix ? displayPrefix(key.replacedByPrefix) : null,
      })),
      decisions: { create: create ?? null, rotate: rotate ?? null, revoke: revoke ?? null },
      resume: resume?.intent === "revoke" ? null : resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal, actor } = await requireCustomerMember(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const formData = await readForm(request);
  const parsed = keyFormSchema.safeParse(formFields(formData));
  if (!parsed.success) {
    return data(
      {
        form: null as KeyForm | null,
        fieldErrors: {} as Record<string, string[]>,
        formError: localiseMessage("That request was not understood.", locale) as string | null,
        done: null as string | null,
        newKey: null as ShownKey | null,
      },
      { status: 400 },
    );
  }
  const form = parsed.data;
  // The schemas and the action layer write English; each message reaches the admin in their language.
  const answer = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    data(
      { form, fieldErrors: localiseFieldErrors(fieldErrors, locale), formError, done: null, newKey: null },
      { status },
    );

  const input =
    form.intent === "create"
      ? { name: form.name }
      : form.intent === "rotate"
        ? { keyId: form.keyId }
        : { keyId: form.keyId, reason: form.reason };
  const result = await performAction<NewIngestionKey & { oldExpiresAt?: Date }>(
    actor,
    `ingestionKey.${form.intent}`,
    input,
  );
  if (!result.ok && result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, form);
  if (result.ok) {
    const output = result.output;
    if (form.intent === "revoke") {
      const done = t("telemetry.keys.revoked", { name: output.name, prefix: displayPrefix(output.prefix) });
      return data({ form: null, fieldErrors: {} as Record<string, string[]>, formError: null, done, newKey: null });
    }
    const newKey: ShownKey = {
      name: output.name,
      prefix: displayPrefix(output.prefix),
      key: output.key,
      oldExpiresAt: output.oldExpiresAt?.toISOString() ?? null,
    };
    // The key is in this answer only: no cache keeps it.
    return data(
      { form: null, fieldErrors: {} as Record<string, string[]>, formError: null, done: null, newKey },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (result.kind === "invalid") return answer(400, result.fieldErrors);
  if (result.kind === "failed") {
    return result.field
      ? answer(400, { [result.field]: [result.message] })
      : answer(409, {}, localiseMessage(result.message, locale));
  }
  return answer(
    result.decision.policyIds.includes("resource-not-found") ? 404 : 403,
    {},
    decisionSentence(result.decision, locale),
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type KeyRow = LoaderData["keys"][number];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** The box that shows a new key, once: the page never has it again. */
function NewKeyBox({ newKey, timeZone }: { newKey: ShownKey; timeZone: string }) {
  const { t, intlLocale } = useT();
  return (
    <section className="card secret-once" aria-labelledby="new-key-heading" role="status">
      <h2 id="new-key-heading">{t("telemetry.keys.newKey.heading")}</h2>
      <p>
        {newKey.oldExpiresAt
          ? t("telemetry.keys.newKey.rotated", {
              name: newKey.name,
              when: formatDateTime(newKey.oldExpiresAt, timeZone, intlLocale),
            })
          : t("telemetry.keys.newKey.created", { name: newKey.name })}
      </p>
      <div className="field">
        <label htmlFor="new-key-value">{t("telemetry.keys.newKey.label")}</label>
        <input
          id="new-key-value"
          className="secret-value"
          readOnly
          value={newKey.key}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="new-key-warning new-key-hint"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <p id="new-key-warning" className="secret-warning">
        <strong>{t("telemetry.keys.newKey.warning")}</strong>
      </p>
      <p id="new-key-hint" className="field-hint">
        {t("telemetry.keys.newKey.copyHint")}
      </p>
    </section>
  );
}

function StatusCell({ row, when }: { row: KeyRow; when: (iso: string) => string }) {
  const { t } = useT();
  switch (row.status) {
    case "active":
      return <span className="status">{t("telemetry.keys.status.active")}</span>;
    case "ending":
      return (
        <>
          <span className="status status-ending">
            {t("telemetry.keys.status.ending", { when: when(row.expiresAt!) })}
          </span>
          {row.replacedBy ? (
            <>
              <br />
              <span className="muted">
                {t("telemetry.keys.status.endingReplaced", { replacement: row.replacedBy })}
              </span>
            </>
          ) : null}
        </>
      );
    case "ended":
      return (
        <span className="status status-ended">{t("telemetry.keys.status.ended", { when: when(row.expiresAt!) })}</span>
      );
    case "revoked":
      return (
        <>
          <span className="status status-revoked">{t("telemetry.keys.status.revoked")}</span>
          <br />
          <span className="muted">
            {t("telemetry.keys.status.revokedBy", {
              when: when(row.revokedAt!),
              name: row.revokedByName ?? t("telemetry.keys.anAdministrator"),
            })}
          </span>
        </>
      );
  }
}

/** Rotate and revoke for one key, as the engine allows them; a refused one stays, disabled, with its sentence. */
function RowActions({
  row,
  decisions,
  result,
  resume,
}: {
  row: KeyRow;
  decisions: LoaderData["decisions"];
  result: ActionData | undefined;
  resume: LoaderData["resume"];
}) {
  const { t } = useT();
  const mine = result?.form && "keyId" in result.form && result.form.keyId === row.id ? result : null;
  const revoking = mine?.form?.intent === "revoke" ? mine : null;
  const rotating = mine?.form?.intent === "rotate" ? mine : null;
  const resumedHere = resume?.intent === "rotate" && resume.keyId === row.id;
  const live = row.status === "active" || row.status === "ending";
  if (!live) return <span className="muted">—</span>;
  const id = `key-${row.id}`;
  return (
    <div className="key-actions">
      {row.status === "active" && decisions.rotate ? (
        <Form method="post" className="stacked-form" aria-label={`${t("telemetry.keys.rotate")} ${row.prefix}`}>
          <input type="hidden" name="intent" value="rotate" />
          <input type="hidden" name="keyId" value={row.id} />
          <FormOutcome error={rotating?.formError ?? rotating?.fieldErrors.keyId?.[0]} />
          {resumedHere ? <p className="notice">{t("telemetry.keys.rotateResumed", { prefix: row.prefix })}</p> : null}
          <p className="field-hint">{t("telemetry.keys.rotateHint")}</p>
          <SubmitOrRefused
            id={`${id}-rotate`}
            label={t("telemetry.keys.rotate")}
            decision={decisions.rotate}
            className="button-small"
          />
        </Form>
      ) : null}
      {decisions.revoke ? (
        <Form method="post" className="stacked-form" aria-label={`${t("telemetry.keys.revoke")} ${row.prefix}`}>
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="keyId" value={row.id} />
          <FormOutcome error={revoking?.formError ?? revoking?.fieldErrors.keyId?.[0]} />
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("telemetry.keys.revokeReason")}</label>
            <input
              id={`${id}-reason`}
              name="reason"
              maxLength={1000}
              defaultValue={revoking?.form?.intent === "revoke" ? revoking.form.reason : ""}
              aria-invalid={revoking?.fieldErrors.reason?.length ? true : undefined}
              aria-describedby={revoking?.fieldErrors.reason?.length ? `${id}-reason-error` : `${id}-revoke-hint`}
            />
            <p id={`${id}-revoke-hint`} className="field-hint">
              {t("telemetry.keys.revokeHint")}
            </p>
            <FieldError id={`${id}-reason-error`} errors={revoking?.fieldErrors.reason} />
          </div>
          <SubmitOrRefused
            id={`${id}-revoke`}
            label={t("telemetry.keys.revoke")}
            decision={decisions.revoke}
            className="button-danger"
          />
        </Form>
      ) : null}
    </div>
  );
}

export default function AppKeysPage() {
  const { tenant, timeZone, keys, decisions, resume } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, intlLocale } = useT();
  const when = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const creating = result?.form?.intent === "create" ? result : null;
  const resumedCreate = resume?.intent === "create" ? resume : null;
  const typedName = creating?.form?.intent === "create" ? creating.form.name : resumedCreate ? resumedCreate.name : "";
  const nameErrors = creating?.fieldErrors.name;
  // A refusal about no key on the page (a request not understood, a key of no row) is said at the top.
  const form = result?.form;
  const unplaced =
    result?.formError && (!form || (form.intent !== "create" && !keys.some((row) => row.id === form.keyId)))
      ? result.formError
      : null;
  return (
    <>
      <h1>{t("telemetry.keys.title")}</h1>
      <p className="lede">{t("telemetry.keys.lede", { organisation: tenant.name })}</p>

      {result?.newKey ? <NewKeyBox newKey={result.newKey} timeZone={timeZone} /> : null}
      {result?.done ? <FormOutcome success={result.done} /> : null}
      {unplaced ? <FormOutcome error={unplaced} /> : null}

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t("telemetry.keys.listHeading")}</h2>
        {keys.length ? (
          <table className="data-table">
            <caption className="visually-hidden">{t("telemetry.keys.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("telemetry.keys.columns.name")}</th>
                <th scope="col">{t("telemetry.keys.columns.prefix")}</th>
                <th scope="col">{t("telemetry.keys.columns.created")}</th>
                <th scope="col">{t("telemetry.keys.columns.lastUsed")}</th>
                <th scope="col">{t("telemetry.keys.columns.status")}</th>
                <th scope="col">{t("telemetry.keys.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((row) => (
                <tr key={row.id}>
                  <td>{row.name}</td>
                  <td>
                    <code>{row.prefix}</code>
                  </td>
                  <td>
                    {t("telemetry.keys.createdBy", {
                      when: when(row.createdAt),
                      name: row.createdByName ?? t("telemetry.keys.anAdministrator"),
                    })}
                  </td>
                  <td>{row.lastUsedAt ? when(row.lastUsedAt) : t("telemetry.keys.never")}</td>
                  <td>
                    <StatusCell row={row} when={when} />
                  </td>
                  <td>
                    <RowActions row={row} decisions={decisions} result={result} resume={resume} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{t("telemetry.keys.none")}</p>
        )}
      </section>

      {decisions.create ? (
        <Form
          method="post"
          className="card stacked-form"
          aria-labelledby="create-heading"
          key={result?.newKey?.prefix ?? "create"}
        >
          <h2 id="create-heading">{t("telemetry.keys.createHeading")}</h2>
          <FormOutcome error={creating?.formError} />
          {resumedCreate ? <p className="notice">{t("telemetry.keys.createResumed")}</p> : null}
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="key-name">{t("telemetry.keys.name")}</label>
            <input
              id="key-name"
              name="name"
              defaultValue={typedName}
              maxLength={100}
              required
              aria-invalid={nameErrors?.length ? true : undefined}
              aria-describedby={nameErrors?.length ? "key-name-error key-name-hint" : "key-name-hint"}
            />
            <p id="key-name-hint" className="field-hint">
              {t("telemetry.keys.nameHint")}
            </p>
            <FieldError id="key-name-error" errors={nameErrors} />
          </div>
          <SubmitOrRefused id="create-key" label={t("telemetry.keys.create")} decision={decisions.create} />
        </Form>
      ) : null}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("telemetry.keys.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
