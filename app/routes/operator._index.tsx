// /operator: the platform operator's home. Every organisation with its kind and size (nothing personal),
// creating an organisation with its first admin, linking a reseller to a customer, asking for access to a
// customer, and the access requests of the operator's staff with a way into each live one and a way to end
// it early. Every form goes through the action layer; what was typed comes back with any error.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  MAX_ACCESS_MINUTES,
  MIN_ACCESS_MINUTES,
  NEW_ORGANISATION_KINDS,
  OPERATOR_ACCESS_MODES,
  OPERATOR_WRITE_ACTIONS,
} from "~/actions/operator-actions.server";
import { decideForUi, performAction, type ActionResult } from "~/actions/perform.server";
import { loadOrganisationResource } from "~/actions/resources.server";
import { ActionButton } from "~/components/account-actions";
import { Field, FormOutcome, SelectField, SubmitOrRefused, TextAreaField } from "~/components/forms";
import { publicOrigin } from "~/config.server";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { formatLocale, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { answerForm } from "~/me/answer.server";
import { listDirectoryOrganisations, listOperatorAccess } from "~/operator/directory.server";
import { requireOperator } from "~/operator/require-operator.server";
import { decisionSentence } from "~/policy/sentences";
import type { Decision, OperatorAccessResource, OrganisationResource } from "~/policy/types";
import { readForm } from "~/security/form.server";

const text = z.string().default("");

/** What each form posts, as typed (kept and sent back with any error). */
const operatorFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: text,
    slug: text,
    kind: text,
    primaryDomain: text,
    operatorAccessMode: text,
    adminName: text,
    adminEmail: text,
  }),
  z.object({ intent: z.literal("link"), customerId: text, resellerId: text }),
  z.object({
    intent: z.literal("request"),
    customerId: text,
    scope: text,
    subjectEmail: text,
    readOnly: text,
    ticketReference: text,
    justification: text,
    durationMinutes: text,
  }),
  z.object({ intent: z.literal("end"), accessId: text, customerId: text }),
]);

type Intent = z.infer<typeof operatorFormSchema>["intent"];
type UiDecision = Pick<Decision, "outcome" | "sentence">;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal, actor } = await requireOperator(request, context);
  const locale = toLocale(principal.locale);
  const { organisations, access, own } = await tenantScope(principal.tenantId, async (tx) => ({
    organisations: await listDirectoryOrganisations(tx, principal.tenantId),
    access: await listOperatorAccess(tx, principal.tenantId),
    own: await loadOrganisationResource(tx, principal.tenantId),
  }));
  const customers = organisations.filter((organisation) => organisation.kind === "customer");
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  // Linking and asking are decided per customer when submitted; here, for any customer, to say who may.
  const someCustomer: OrganisationResource | null = customers[0]
    ? { type: "Organisation", id: customers[0].id, name: customers[0].name, kind: "customer", linkedResellerIds: [] }
    : null;
  const ui = (decision: Decision | undefined): UiDecision | null =>
    decision ? { outcome: decision.outcome, sentence: decisionSentence(decision, locale) } : null;
  const [create, link, ask] = decideForUi(actor, [
    ...(own ? [{ action: "organisation.create" as const, resource: own }] : []),
    ...(someCustomer
      ? [
          { action: "organisation.linkReseller" as const, resource: someCustomer },
          { action: "operatorAccess.request" as const, resource: someCustomer },
        ]
      : []),
  ]);
  const open = access.filter((row) => row.status === "requested" || row.status === "active");
  const endDecisions = decideForUi(
    actor,
    open.map((row) => ({
      action: "operatorAccess.revoke" as const,
      resource: {
        type: "OperatorAccess",
        id: row.id,
        tenantId: row.tenantId,
        status: row.status,
        operatorAccountId: row.operatorAccountId,
        operatorName: row.operatorName,
      } satisfies OperatorAccessResource,
    })),
  );
  const endById = new Map(open.map((row, index) => [row.id, ui(endDecisions[index])]));
  const now = Date.now();
  return {
    timeZone: principal.timeZone,
    organisations,
    customers: customers.map(({ id, name }) => ({ id, name })),
    resellers: organisations
      .filter((organisation) => organisation.kind === "reseller")
      .map(({ id, name }) => ({ id, name })),
    access: access.map((row) => ({
      id: row.id,
      number: row.number,
      customerId: row.tenantId,
      customerName: byId.get(row.tenantId)?.name ?? "",
      customerSlug: byId.get(row.tenantId)?.slug ?? "",
      operatorName: row.operatorName,
      ticketReference: row.ticketReference,
      oneAccount: row.oneAccount,
      readOnly: row.readOnly,
      status: row.status,
      endsAt: row.endsAt?.toISOString() ?? null,
      live: row.status === "active" && row.endsAt !== null && row.endsAt.getTime() > now,
      end: endById.get(row.id) ?? null,
    })),
    decisions: { create: ui(create), link: ui(link), request: ui(ask) },
    writeActions: OPERATOR_WRITE_ACTIONS,
    kinds: NEW_ORGANISATION_KINDS,
    modes: OPERATOR_ACCESS_MODES,
    minutes: { min: MIN_ACCESS_MINUTES, max: MAX_ACCESS_MINUTES },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { principal, actor } = await requireOperator(request, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const form = await readForm(request);
  const fields = Object.fromEntries([...form].filter(([, value]) => typeof value === "string"));
  const parsed = operatorFormSchema.safeParse(fields);
  if (!parsed.success) {
    return answerForm<Intent | "unknown">(
      "unknown",
      { ok: false, kind: "invalid", fieldErrors: { intent: ["That request was not understood."] } },
      { locale, values: {}, done: "" },
    );
  }
  const posted = parsed.data;
  const done = <Output,>(result: ActionResult<Output>, message: (output: Output) => string) =>
    result.ok ? message(result.output) : "";

  if (posted.intent === "create") {
    const { intent, ...values } = posted;
    const result = await performAction<{ name: string }>(actor, "organisation.create", {
      ...values,
      operatorAccessMode: values.operatorAccessMode || undefined,
      origin: publicOrigin(),
    });
    return answerForm(intent, result, {
      locale,
      values,
      done: done(result, (output) => t("operator.create.created", { name: output.name })),
    });
  }
  if (posted.intent === "link") {
    const { intent, ...values } = posted;
    const result = await performAction(actor, "organisation.linkReseller", values);
    return answerForm(intent, result, { locale, values, done: t("operator.link.linked") });
  }
  if (posted.intent === "request") {
    const { intent, ...typed } = posted;
    const actions = form.getAll("actions").filter((value): value is string => typeof value === "string");
    const result = await performAction<{ number: number; endsAt: Date | null }>(actor, "operatorAccess.request", {
      ...typed,
      readOnly: typed.readOnly === "on" ? "on" : "off",
      actions,
    });
    return answerForm(intent, result, {
      locale,
      values: { ...typed, actions: actions.join(",") },
      done: done(result, ({ number, endsAt }) =>
        endsAt
          ? t("operator.request.started", {
              number,
              until: formatDateTime(endsAt.toISOString(), principal.timeZone, formatLocale(locale)),
            })
          : t("operator.request.requested", { number }),
      ),
    });
  }
  const { intent, ...values } = posted;
  const result = await performAction<{ number: number }>(actor, "operatorAccess.revoke", values);
  return answerForm(intent, result, {
    locale,
    values,
    done: done(result, ({ number }) => t("operator.mine.ended", { number })),
  });
}

/** A button the loader could not ask about (nothing to decide on yet) is shown as allowed; the action decides. */
const UNDECIDED: UiDecision = { outcome: "allow", sentence: "" };

function RadioGroup({
  name,
  legend,
  options,
  checked,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string;
  errors?: string[];
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input type="radio" name={name} value={option.value} defaultChecked={checked === option.value} />{" "}
          {option.label}
        </label>
      ))}
      {errors?.length ? (
        <p id={errorId} className="field-errors">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function OperatorHome() {
  const { timeZone, organisations, customers, resellers, access, decisions, writeActions, kinds, modes, minutes } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, intlLocale } = useT();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone, intlLocale) : "—");
  /** The answer to one form: its outcome, its errors, and what was typed (until it was done). */
  const answerTo = (intent: Intent) => {
    const own = answer?.intent === intent ? answer : null;
    return {
      own,
      errors: (own?.fieldErrors ?? {}) as Partial<Record<string, string[]>>,
      values: (own && !own.message ? own.values : {}) as Partial<Record<string, string>>,
      key: own?.message ?? intent,
    };
  };
  const create = answerTo("create");
  const link = answerTo("link");
  const ask = answerTo("request");
  const end = answerTo("end");
  const unknown = answer?.intent === "unknown" ? answer : null;
  const organisationOptions = (list: { id: string; name: string }[]) =>
    list.map((organisation) => ({ value: organisation.id, label: organisation.name }));
  const askedActions = new Set((ask.values.actions ?? "").split(",").filter(Boolean));
  return (
    <>
      <h1>{t("operator.home.title")}</h1>
      <p className="lede">{t("operator.home.lede")}</p>
      {unknown ? <FormOutcome error={unknown.fieldErrors.intent?.[0]} /> : null}

      <section aria-labelledby="organisations-heading">
        <h2 id="organisations-heading">{t("operator.home.organisationsHeading")}</h2>
        <table className="data-table">
          <caption className="visually-hidden">{t("operator.home.organisationsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("operator.home.name")}</th>
              <th scope="col">{t("operator.home.kind")}</th>
              <th scope="col">{t("operator.home.domain")}</th>
              <th scope="col">{t("operator.home.accounts")}</th>
              <th scope="col">{t("operator.home.activeAccounts")}</th>
              <th scope="col">{t("operator.home.mode")}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((organisation) => (
              <tr key={organisation.id}>
                <td>{organisation.name}</td>
                <td>{t(`operator.kind.${organisation.kind}`)}</td>
                <td>{organisation.primaryDomain ?? <span className="muted">—</span>}</td>
                <td>{organisation.accounts.toLocaleString(intlLocale)}</td>
                <td>{organisation.activeAccounts.toLocaleString(intlLocale)}</td>
                <td>
                  {organisation.kind === "customer" ? (
                    t(`operator.mode.${organisation.operatorAccessMode}`)
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t("operator.mine.heading")}</h2>
        <FormOutcome error={end.own?.formError} success={end.own?.message} />
        {access.length === 0 ? (
          <p className="empty">{t("operator.mine.none")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("operator.mine.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("operator.mine.number")}</th>
                <th scope="col">{t("operator.mine.customer")}</th>
                <th scope="col">{t("operator.mine.askedBy")}</th>
                <th scope="col">{t("operator.mine.ticket")}</th>
                <th scope="col">{t("operator.mine.scope")}</th>
                <th scope="col">{t("operator.mine.status")}</th>
                <th scope="col">{t("operator.mine.ends")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("operator.mine.endNow")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {access.map((row) => (
                <tr key={row.id}>
                  <td>{row.number}</td>
                  <td>
                    {row.live ? (
                      <Link to={`/t/${row.customerSlug}/`}>
                        {t("operator.mine.open", { customer: row.customerName })}
                      </Link>
                    ) : (
                      row.customerName
                    )}
                  </td>
                  <td>{row.operatorName}</td>
                  <td>{row.ticketReference}</td>
                  <td>
                    {[
                      row.oneAccount ? t("operator.scope.oneAccount") : t("operator.scope.organisation"),
                      ...(row.readOnly ? [t("operator.scope.readOnly")] : []),
                    ].join(", ")}
                  </td>
                  <td>{t(`operator.status.${row.status}`)}</td>
                  <td>{when(row.endsAt)}</td>
                  <td className="row-actions">
                    {row.end ? (
                      <ActionButton
                        intent="end"
                        fields={{ accessId: row.id, customerId: row.customerId }}
                        label={t("operator.mine.endNow")}
                        decision={row.end}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {customers.length ? (
        <Form method="post" className="card stacked-form" aria-labelledby="request-heading" key={ask.key}>
          <h2 id="request-heading">{t("operator.request.heading")}</h2>
          <p>{t("operator.request.lede")}</p>
          <input type="hidden" name="intent" value="request" />
          <FormOutcome error={ask.own?.formError} success={ask.own?.message} />
          <SelectField
            label={t("operator.request.customer")}
            name="customerId"
            placeholder={t("operator.link.choose")}
            options={organisationOptions(customers)}
            defaultValue={ask.values.customerId}
            errors={ask.errors.customerId}
            required
          />
          <RadioGroup
            name="scope"
            legend={t("operator.request.scopeLegend")}
            options={[
              { value: "organisation", label: t("operator.request.scopeOrganisation") },
              { value: "account", label: t("operator.request.scopeAccount") },
            ]}
            checked={ask.values.scope ?? "organisation"}
            errors={ask.errors.scope}
          />
          <Field
            label={t("operator.request.subjectEmail")}
            name="subjectEmail"
            type="email"
            defaultValue={ask.values.subjectEmail}
            errors={ask.errors.subjectEmail}
          />
          <label>
            <input
              type="checkbox"
              name="readOnly"
              defaultChecked={ask.own && !ask.own.message ? ask.values.readOnly === "on" : true}
            />{" "}
            {t("operator.request.readOnly")}
          </label>
          <fieldset aria-describedby={ask.errors.actions?.length ? "actions-error" : undefined}>
            <legend>{t("operator.request.actionsLegend")}</legend>
            {writeActions.map((id) => (
              <label key={id}>
                <input type="checkbox" name="actions" value={id} defaultChecked={askedActions.has(id)} />{" "}
                {t(`actions.${id}`)}
              </label>
            ))}
            {ask.errors.actions?.length ? (
              <p id="actions-error" className="field-errors">
                {ask.errors.actions[0]}
              </p>
            ) : null}
          </fieldset>
          <Field
            label={t("operator.request.ticket")}
            name="ticketReference"
            defaultValue={ask.values.ticketReference}
            errors={ask.errors.ticketReference}
            maxLength={100}
            required
          />
          <TextAreaField
            id="request-justification"
            label={t("operator.request.justification")}
            name="justification"
            hint={t("operator.request.justificationHint")}
            defaultValue={ask.values.justification}
            errors={ask.errors.justification}
            maxLength={2000}
          />
          <Field
            label={t("operator.request.duration")}
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={minutes.min}
            max={minutes.max}
            step={15}
            defaultValue={ask.values.durationMinutes ?? "60"}
            errors={ask.errors.durationMinutes}
            required
          />
          <SubmitOrRefused
            id="request"
            label={t("operator.request.submit")}
            decision={decisions.request ?? UNDECIDED}
          />
        </Form>
      ) : null}

      <Form method="post" className="card stacked-form" aria-labelledby="create-heading" key={create.key}>
        <h2 id="create-heading">{t("operator.create.heading")}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormOutcome error={create.own?.formError} success={create.own?.message} />
        <Field
          label={t("operator.create.name")}
          name="name"
          defaultValue={create.values.name}
          errors={create.errors.name}
          maxLength={120}
          required
        />
        <Field
          label={t("operator.create.slug")}
          name="slug"
          hint={t("operator.create.slugHint")}
          defaultValue={create.values.slug}
          errors={create.errors.slug}
          maxLength={40}
          pattern="[a-z0-9\-]{2,40}"
          required
        />
        <RadioGroup
          name="kind"
          legend={t("operator.create.kindLegend")}
          options={kinds.map((kind) => ({ value: kind, label: t(`operator.kind.${kind}`) }))}
          checked={create.values.kind ?? "customer"}
          errors={create.errors.kind}
        />
        <Field
          label={t("operator.create.domain")}
          name="primaryDomain"
          defaultValue={create.values.primaryDomain}
          errors={create.errors.primaryDomain}
          maxLength={253}
        />
        <RadioGroup
          name="operatorAccessMode"
          legend={t("operator.create.modeLegend")}
          options={modes.map((mode) => ({ value: mode, label: t(`operator.settings.${mode}`) }))}
          checked={create.values.operatorAccessMode ?? "approve"}
          errors={create.errors.operatorAccessMode}
        />
        <Field
          label={t("operator.create.adminName")}
          name="adminName"
          defaultValue={create.values.adminName}
          errors={create.errors.adminName}
          maxLength={200}
          required
        />
        <Field
          label={t("operator.create.adminEmail")}
          name="adminEmail"
          type="email"
          hint={t("operator.create.adminHint")}
          defaultValue={create.values.adminEmail}
          errors={create.errors.adminEmail}
          maxLength={254}
          required
        />
        <SubmitOrRefused id="create" label={t("operator.create.submit")} decision={decisions.create ?? UNDECIDED} />
      </Form>

      {customers.length && resellers.length ? (
        <Form method="post" className="card stacked-form" aria-labelledby="link-heading" key={link.key}>
          <h2 id="link-heading">{t("operator.link.heading")}</h2>
          <p>{t("operator.link.lede")}</p>
          <input type="hidden" name="intent" value="link" />
          <FormOutcome error={link.own?.formError} success={link.own?.message} />
          <SelectField
            label={t("operator.link.customer")}
            name="customerId"
            placeholder={t("operator.link.choose")}
            options={organisationOptions(customers)}
            defaultValue={link.values.customerId}
            errors={link.errors.customerId}
            required
          />
          <SelectField
            label={t("operator.link.reseller")}
            name="resellerId"
            placeholder={t("operator.link.choose")}
            options={organisationOptions(resellers)}
            defaultValue={link.values.resellerId}
            errors={link.errors.resellerId}
            required
          />
          <SubmitOrRefused id="link" label={t("operator.link.submit")} decision={decisions.link ?? UNDECIDED} />
        </Form>
      ) : null}
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: t("operator.home.pageTitle") }];
};
