// Confirming a bulk action: the accounts list sends the admin here with the operation and the accounts
// (ticked rows, or every account that matches its filter) in the URL. The page says how many accounts it
// covers, which of the ticked ones will be skipped and why, asks for what the operation needs (a hold, a
// setting) and a written reason, then starts the run (`bulk.start`, destructive: a fresh second factor)
// and hands over to the run's page, which shows its progress.
import { withLink } from "~/i18n/with-link";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { filterEntries } from "~/accounts/filters";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { loadAccountResources, loadOrganisationResource } from "~/actions/resources.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { BULK_OPERATIONS, MAX_BULK_ACCOUNTS } from "~/bulk/operations";
import { previewSelection, readSelection } from "~/bulk/selection.server";
import { FormError, ReasonField, SelectField } from "~/components/forms";
import { publicOrigin } from "~/config.server";
import { tenantScope } from "~/db.server";
import { formatCount } from "~/format";
import { listHolds } from "~/holds/holds.server";
import { formatLocale, localiseFieldErrors, localiseMessage, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { jobRunner } from "~/jobs/runner.server";
import { LOCKABLE_SETTINGS } from "~/locks/settings";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import { readForm } from "~/security/form.server";
import type { AccountStatus } from "~db/schema";

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction = ({ matches }) => {
  return [{ title: metaTranslator(matches)("consoleBulk.confirm.pageTitle") }];
};

/** What the form posts, as typed (kept and sent back with any error). */
const formSchema = z.object({
  reason: z.string().max(2000).default(""),
  holdId: z.string().max(100).default(""),
  setting: z.string().max(100).default(""),
  /** For "all that match": the count this page showed, which is what the admin confirms. */
  expected: z.string().max(20).default(""),
});
type FormValues = z.infer<typeof formSchema>;
const EMPTY: FormValues = { reason: "", holdId: "", setting: "", expected: "" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const url = new URL(request.url);
  const requested = readSelection(url.searchParams);
  const backToList = `/t/${tenant.slug}/${listQuery(url.searchParams)}`;
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (formSchema.safeParse(resumed.fields).data ?? null) : null;
  const headers = resumed ? { "Set-Cookie": resumed.clearCookie } : undefined;
  if (!requested.ok) {
    return data(
      {
        tenant,
        backToList,
        problem: localiseMessage(requested.problem, locale),
        operation: requested.operation,
        preview: null,
        resume,
      },
      { status: 400, headers },
    );
  }
  const { operation, selection } = requested;
  const action = BULK_OPERATIONS[operation].action;
  const loaded = await tenantScope(tenant.id, async (tx) => {
    const preview = await previewSelection(tx, tenant.id, selection);
    const [organisation, tenantPolicies, holds] = await Promise.all([
      loadOrganisationResource(tx, tenant.id),
      loadTenantPolicies(tx, tenant.id),
      operation === "hold" ? listHolds(tx, tenant.id) : Promise.resolve([]),
    ]);
    // Each shown account's own decision, so the admin learns before starting which ones will be skipped
    // (for a hold or a lock that depends on what they choose below, so it is learnt at the end instead).
    const resources =
      operation !== "hold" && operation !== "lock"
        ? await loadAccountResources(
            tx,
            tenant.id,
            preview.sample.map((row) => row.id),
          )
        : [];
    return { preview, organisation, tenantPolicies, holds, resources };
  });
  if (loaded.preview.count > MAX_BULK_ACCOUNTS) {
    const intlLocale = formatLocale(locale);
    const problem = t("consoleBulk.confirm.tooMany", {
      matches: formatCount(loaded.preview.count, intlLocale),
      max: formatCount(MAX_BULK_ACCOUNTS, intlLocale),
    });
    return data({ tenant, backToList, problem, operation, preview: null, resume }, { status: 400, headers });
  }
  const [startDecision] = loaded.organisation
    ? decideForUi(actor, [{ action: "bulk.start", resource: loaded.organisation }], loaded.tenantPolicies)
    : [];
  const decisions = decideForUi(
    actor,
    loaded.resources.map((resource) => ({ action, resource })),
    loaded.tenantPolicies,
  );
  const skipped = new Map(
    loaded.resources.flatMap((resource, index) =>
      decisions[index]!.outcome === "deny" ? [[resource.id, decisionSentence(decisions[index]!, locale)] as const] : [],
    ),
  );
  return data(
    {
      tenant,
      backToList,
      problem: null,
      operation,
      resume,
      start: startDecision
        ? { outcome: startDecision.outcome, sentence: decisionSentence(startDecision, locale) }
        : null,
      preview: {
        kind: selection.kind,
        count: loaded.preview.count,
        /** What the accounts list showed, when the filter matches a different number now. */
        listed:
          selection.kind === "filter" && selection.expected !== null && selection.expected !== loaded.preview.count
            ? selection.expected
            : null,
        missing: loaded.preview.missing,
        filter: loaded.preview.filter ? filterEntries(loaded.preview.filter) : [],
        rows: loaded.preview.sample.map((row) => ({
          ...row,
          status: row.status as AccountStatus,
          skip: skipped.get(row.id) ?? null,
        })),
      },
      holds: loaded.holds
        .filter((hold) => !hold.releasedAt && hold.scope === "accounts")
        .map((hold) => ({ id: hold.id, name: hold.name, reference: hold.reference })),
    },
    { headers },
  );
}

/** The accounts list's own query (search, filters, sort), for the way back. */
function listQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    if (!["operation", "selection", "accountId", "expected", "resume"].includes(name) && value)
      kept.append(name, value);
  }
  const query = kept.toString();
  return query ? `?${query}` : "";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { tenant, principal, actor } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const form = await readForm(request);
  const values = formSchema.parse(formFields(form));
  const answer = (status: number, fieldErrors: Record<string, string[]>, formError: string | null = null) =>
    data({ values, fieldErrors, formError }, { status });

  const requested = readSelection(new URL(request.url).searchParams);
  if (!requested.ok) return answer(400, {}, localiseMessage(requested.problem, locale));
  const { selection } = requested;
  const input = {
    operation: requested.operation,
    reason: values.reason,
    selection:
      selection.kind === "filter" ? { ...selection, expected: values.expected || selection.expected } : selection,
    holdId: values.holdId || undefined,
    setting: values.setting || undefined,
    origin: requested.operation === "resetPassword" ? publicOrigin() : undefined,
  };
  const result = await performAction<{ runId: string; total: number }>(actor, "bulk.start", input);
  if (result.ok) {
    try {
      await jobRunner().enqueueBulkRun(tenant.id, result.output.runId);
    } catch (error) {
      // The run is recorded as queued; the job runner picks up every unfinished run when it next starts.
      console.error(`Queueing bulk run ${result.output.runId} failed:`, error);
    }
    return redirect(`/t/${tenant.slug}/bulk/${result.output.runId}`);
  }
  if (result.kind === "needs_step_up") throw stepUpRedirect(request, actor.facts.accountId, formFields(form));
  if (result.kind === "invalid") {
    const { selection, origin, ...fieldErrors } = localiseFieldErrors(result.fieldErrors, locale);
    const formError = [...(selection ?? []), ...(origin ?? [])][0] ?? null;
    return answer(400, fieldErrors, formError);
  }
  if (result.kind === "failed") {
    const message = localiseMessage(result.message, locale);
    if (result.field && result.field !== "selection") return answer(400, { [result.field]: [message] });
    return answer(409, {}, message);
  }
  return answer(403, {}, decisionSentence(result.decision, locale));
}

export default function ConfirmBulkAction() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, intlLocale } = useT();
  const values = result?.values ?? loaded.resume ?? EMPTY;
  const errors: Partial<Record<string, string[]>> = result?.fieldErrors ?? {};
  const operation = loaded.operation;

  if (loaded.problem || !loaded.preview || !operation) {
    return (
      <>
        <h1>{t("consoleBulk.confirm.problemTitle")}</h1>
        <p className="notice" role="alert">
          {loaded.problem}
        </p>
        <p>
          <Link to={loaded.backToList}>{t("consoleBulk.confirm.backToAccounts")}</Link>
        </p>
      </>
    );
  }
  const count = (n: number) => formatCount(n, intlLocale);
  const label = t(`consoleBulk.operations.${operation}.label`);
  const { preview } = loaded;
  const skipped = preview.rows.filter((row) => row.skip).length;
  const busy = navigation.state !== "idle";
  return (
    <>
      <p>
        <Link to={loaded.backToList}>{t("consoleBulk.confirm.back")}</Link>
      </p>
      <h1>{t("consoleBulk.confirm.heading", { count: preview.count, label, total: count(preview.count) })}</h1>
      <p className="lede">
        {t("consoleBulk.confirm.lede")} {t(`consoleBulk.operations.${operation}.skipNote`)}
      </p>
      {preview.kind === "filter" ? (
        <p>
          {t(
            preview.count > preview.rows.length ? "consoleBulk.confirm.matchesShown" : "consoleBulk.confirm.matchesAll",
            {
              filter: preview.filter.length
                ? preview.filter.map(([name, value]) => `${name} = ${value}`).join(", ")
                : t("consoleBulk.confirm.noFilter"),
              shown: preview.rows.length,
            },
          )}
        </p>
      ) : null}
      {preview.listed !== null ? (
        <p className="notice" role="status">
          {t("consoleBulk.confirm.listed", { listed: count(preview.listed), matches: count(preview.count) })}
        </p>
      ) : null}
      {preview.missing ? (
        <p className="notice" role="status">
          {t("consoleBulk.confirm.missing", { count: preview.missing, number: count(preview.missing) })}
        </p>
      ) : null}
      {skipped ? (
        <p className="notice" role="status">
          {t("consoleBulk.confirm.skipped", { number: count(skipped) })}
        </p>
      ) : null}
      {loaded.start?.outcome === "deny" ? (
        <p className="notice" role="alert">
          {loaded.start.sentence}
        </p>
      ) : null}
      {loaded.start?.outcome === "needs_step_up" ? (
        <p className="notice">
          {loaded.start.sentence} {t("console.common.stepUpNext")}
        </p>
      ) : null}
      {loaded.resume ? (
        <p className="notice" role="status">
          {t("consoleBulk.confirm.resumed")}
        </p>
      ) : null}

      <Form
        method="post"
        aria-label={t("consoleBulk.confirm.formLabel", { count: preview.count, label, total: preview.count })}
      >
        <FormError message={result?.formError} />
        {preview.kind === "filter" ? <input type="hidden" name="expected" value={preview.count} /> : null}
        {loaded.operation === "hold" ? (
          <SelectField
            label={t("consoleBulk.confirm.hold")}
            name="holdId"
            placeholder={t("consoleBulk.confirm.holdPlaceholder")}
            options={(loaded.holds ?? []).map((hold) => ({
              value: hold.id,
              label: hold.reference ? `${hold.name} (${hold.reference})` : hold.name,
            }))}
            defaultValue={values.holdId}
            errors={errors.holdId}
            hint={
              loaded.holds?.length
                ? null
                : withLink(
                    t("consoleBulk.confirm.noHolds", { link: "{{link}}" }),
                    <Link to={`/t/${loaded.tenant.slug}/holds`}>{t("consoleBulk.confirm.noHoldsLink")}</Link>,
                  )
            }
          />
        ) : null}
        {loaded.operation === "lock" ? (
          <SelectField
            label={t("consoleBulk.confirm.setting")}
            name="setting"
            placeholder={t("consoleBulk.confirm.settingPlaceholder")}
            options={LOCKABLE_SETTINGS.map((value) => ({
              value,
              label: t(`console.setting.${value.replaceAll(".", "_")}`),
            }))}
            defaultValue={values.setting}
            errors={errors.setting}
          />
        ) : null}
        <ReasonField label={t("console.common.reason")} errors={errors.reason} defaultValue={values.reason} />
        <div className="dialog-buttons">
          <button type="submit" className="button-danger" disabled={busy || loaded.start?.outcome === "deny"}>
            {busy
              ? t("consoleBulk.confirm.starting")
              : t("consoleBulk.confirm.submit", { count: preview.count, label, total: count(preview.count) })}
          </button>
          <Link to={loaded.backToList}>{t("console.common.cancel")}</Link>
        </div>
      </Form>

      <table className="data-table">
        <caption>
          {preview.kind === "filter"
            ? t("consoleBulk.confirm.captionMatching")
            : t("consoleBulk.confirm.captionTicked")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("console.common.name")}</th>
            <th scope="col">{t("console.common.email")}</th>
            <th scope="col">{t("console.common.status")}</th>
            <th scope="col">{t("consoleBulk.confirm.beforeStart")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/t/${loaded.tenant.slug}/accounts/${row.id}`}>{row.displayName}</Link>
              </td>
              <td>{row.email ?? <span className="muted">—</span>}</td>
              <td>{t(`console.status.${row.status}`)}</td>
              <td>
                {row.skip ? (
                  <span className="muted">{t("consoleBulk.confirm.willSkip", { reason: row.skip })}</span>
                ) : (
                  t("consoleBulk.confirm.included")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
