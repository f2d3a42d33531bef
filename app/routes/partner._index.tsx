// The reseller's home. Everyone of the reseller sees the clients they may act in now (the live delegations
// they were chosen for), each a link into that client's console. Its admins also see every client that
// linked the reseller and, per client, each delegation (status, roles, expiry, the staff who may use it,
// when it was last used), ask a client for a delegation and choose the staff of each active one. Read in
// the reseller's own scope through the narrow definer functions; what each button may do is the engine's.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { memberActor, requireTenantActor, type Actor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { requirePrincipal, type Principal } from "~/auth/principal.server";
import { AppHeader } from "~/components/app-header";
import { FieldError, FormOutcome, SubmitOrRefused } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { toLocale, translator } from "~/i18n/i18n";
import { answerDelegationForm, notUnderstood } from "~/partners/form-answer.server";
import { metaTranslator, useT } from "~/i18n/use-t";
import {
  delegationState,
  isLive,
  lapsesOn,
  MAX_DELEGATION_DAYS,
  resellerOverview,
  type ResellerClient,
  type ResellerDelegation,
} from "~/partners/delegations.server";
import { decisionSentence } from "~/policy/sentences";
import { DELEGABLE_ROLES, type DelegationResource, type OrganisationResource } from "~/policy/types";
import { readForm } from "~/security/form.server";
import { notFound } from "~/tenancy/access.server";

/** What the two forms post, as typed (kept and sent back with any error). */
const partnerFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("request"),
    clientId: z.string().default(""),
    roles: z.array(z.string()).default([]),
    durationDays: z.string().default(""),
    message: z.string().default(""),
  }),
  z.object({
    intent: z.literal("assignStaff"),
    clientId: z.string().default(""),
    delegationId: z.string().default(""),
    staffAccountIds: z.array(z.string()).default([]),
  }),
]);

type PartnerForm = z.infer<typeof partnerFormSchema>;

/** Common lengths, offered with the days field: a week, a month, a quarter, half a year, a year, two. */
const DURATION_PRESETS = [7, 30, 90, 180, 365, MAX_DELEGATION_DAYS];
const DEFAULT_DURATION = "90";

/** Only a reseller's people have this page; anyone else is told it is not there. */
async function requireReseller(request: Request): Promise<Principal> {
  const principal = await requirePrincipal(request);
  if (principal.tenantKind !== "reseller") throw notFound();
  return principal;
}

/**
 * An admin acts as a member of their own organisation, reached the way its console is (so a reseller that
 * requires a second factor of its admins asks it here too); anyone else reads as a plain member.
 */
async function resellerActor(request: Request, principal: Principal, context: AppLoadContext): Promise<Actor> {
  if (principal.roles.length === 0) return memberActor(principal, request, context);
  return (await requireTenantActor(request, principal.tenantSlug, context)).actor;
}

/** The client as the engine sees a delegation request to it (this reseller is among its links). */
function clientResource(client: ResellerClient, resellerId: string): OrganisationResource {
  return { type: "Organisation", id: client.id, name: client.name, kind: client.kind, linkedResellerIds: [resellerId] };
}

function delegationResource(delegation: ResellerDelegation, reseller: Principal): DelegationResource {
  return {
    type: "Delegation",
    id: delegation.id,
    tenantId: delegation.clientId,
    number: delegation.number,
    resellerId: reseller.tenantId,
    resellerName: reseller.tenantName,
    status: delegation.status,
    roles: delegation.roles,
    durationDays: delegation.durationDays,
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = await requireReseller(request);
  const actor = await resellerActor(request, principal, context);
  const locale = toLocale(principal.locale);
  const shown = (decision: ReturnType<typeof decideForUi>[number]) => ({
    outcome: decision.outcome,
    sentence: decisionSentence(decision, locale),
  });
  const now = new Date();
  const overview = await tenantScope(principal.tenantId, (tx) => resellerOverview(tx, principal.tenantId));
  const names = new Map(overview.accounts.map((account) => [account.id, account.name]));
  const delegations = overview.delegations.map((delegation) => ({
    ...delegation,
    state: delegationState(delegation, now),
  }));

  const actingNow = delegations.flatMap((delegation) => {
    const client = overview.clients.find((candidate) => candidate.id === delegation.clientId);
    if (!client || !isLive(delegation.state) || !delegation.staff.includes(principal.accountId)) return [];
    return [
      {
        number: delegation.number,
        client: { slug: client.slug, name: client.name },
        roles: delegation.roles,
        expiresAt: iso(delegation.expiresAt),
      },
    ];
  });

  const isAdmin = principal.roles.length > 0;
  const requestDecisions = isAdmin
    ? decideForUi(
        actor,
        overview.clients.map((client) => ({
          action: "delegation.request" as const,
          resource: clientResource(client, principal.tenantId),
        })),
      ).map(shown)
    : [];
  const staffDecisions = new Map(
    isAdmin
      ? delegations
          .filter((delegation) => isLive(delegation.state))
          .map((delegation) => [
            delegation.id,
            shown(
              decideForUi(actor, [
                { action: "delegation.assignStaff", resource: delegationResource(delegation, principal) },
              ])[0]!,
            ),
          ])
      : [],
  );

  return {
    reseller: { name: principal.tenantName, slug: principal.tenantSlug },
    displayName: principal.displayName,
    timeZone: principal.timeZone,
    isAdmin,
    actingNow,
    clients: isAdmin
      ? overview.clients.map((client, index) => ({
          id: client.id,
          name: client.name,
          linkedAt: client.linkedAt.toISOString(),
          requestDecision: requestDecisions[index]!,
          delegations: delegations
            .filter((delegation) => delegation.clientId === client.id)
            .map((delegation) => ({
              id: delegation.id,
              number: delegation.number,
              state: delegation.state,
              roles: delegation.roles,
              durationDays: delegation.durationDays,
              requestedAt: delegation.requestedAt.toISOString(),
              requestedByName: names.get(delegation.requestedBy) ?? null,
              lapsesOn: lapsesOn(delegation.requestedAt).toISOString(),
              expiresAt: iso(delegation.expiresAt),
              endedAt: iso(delegation.endedAt),
              endedReason: delegation.endedReason,
              lastUsedAt: iso(delegation.lastUsedAt),
              staff: delegation.staff,
              staffNames: delegation.staff
                .map((id) => names.get(id) ?? null)
                .filter((name) => name !== null)
                .sort((a, b) => a.localeCompare(b)),
              staffDecision: staffDecisions.get(delegation.id) ?? null,
            })),
        }))
      : [],
    duration: { max: MAX_DELEGATION_DAYS, presets: DURATION_PRESETS },
    // Who may be chosen as staff: the reseller's active accounts.
    people: isAdmin
      ? overview.accounts
          .filter((account) => account.active)
          .map((account) => ({ id: account.id, name: account.name, email: account.email }))
      : [],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requireReseller(request);
  const { actor } = await requireTenantActor(request, principal.tenantSlug, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const formData = await readForm(request);
  const texts = (name: string) => formData.getAll(name).filter((value): value is string => typeof value === "string");
  const parsed = partnerFormSchema.safeParse({
    ...Object.fromEntries([...formData].filter(([, value]) => typeof value === "string")),
    roles: texts("roles"),
    staffAccountIds: texts("staffAccountIds"),
  });
  if (!parsed.success) return notUnderstood<PartnerForm>(locale);
  const form = parsed.data;

  const result =
    form.intent === "request"
      ? await performAction<{ number: number }>(actor, "delegation.request", {
          clientId: form.clientId,
          roles: form.roles,
          durationDays: form.durationDays,
          message: form.message,
        })
      : await performAction<{ number: number }>(actor, "delegation.assignStaff", {
          clientId: form.clientId,
          delegationId: form.delegationId,
          staffAccountIds: form.staffAccountIds,
        });
  return answerDelegationForm(form, result, locale, ({ number }) =>
    form.intent === "request"
      ? t("partners.reseller.requestDone", { number })
      : t("partners.reseller.staffDone", { number }),
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ShownDecision = LoaderData["clients"][number]["requestDecision"];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

function useWords(timeZone: string) {
  const { t, intlLocale } = useT();
  return {
    t,
    when: (value: string) => formatDateTime(value, timeZone, intlLocale),
    roles: (roles: readonly string[]) => roles.map((role) => t(`roles.${role}`)).join(", "),
  };
}

function ActingNow({ actingNow, timeZone }: Pick<LoaderData, "actingNow" | "timeZone">) {
  const { t, when, roles } = useWords(timeZone);
  return (
    <section className="card" aria-labelledby="acting-heading">
      <h2 id="acting-heading">{t("partners.reseller.actingHeading")}</h2>
      {actingNow.length === 0 ? (
        <p className="empty">{t("partners.reseller.actingNone")}</p>
      ) : (
        <ul>
          {actingNow.map((item) => (
            <li key={`${item.client.slug}-${item.number}`}>
              <Link to={`/t/${item.client.slug}/`}>{item.client.name}</Link>{" "}
              {t("partners.reseller.actingItem", {
                number: item.number,
                roles: roles(item.roles),
                until: item.expiresAt ? when(item.expiresAt) : "—",
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ClientRow = LoaderData["clients"][number];
type DelegationRow = ClientRow["delegations"][number];

function ExpiryCell({ delegation, when }: { delegation: DelegationRow; when: (value: string) => string }) {
  const { t } = useT();
  switch (delegation.state) {
    case "requested":
      return <>{t("partners.status.lapsesOn", { day: when(delegation.lapsesOn) })}</>;
    case "lapsed":
      return <>{t("partners.status.lapsedOn", { day: when(delegation.lapsesOn) })}</>;
    case "active":
    case "expiring":
    case "expired":
      return <>{delegation.expiresAt ? when(delegation.expiresAt) : "—"}</>;
    default:
      return (
        <>
          {delegation.endedAt ? t("partners.status.endedOn", { day: when(delegation.endedAt) }) : "—"}
          {delegation.endedReason ? (
            <>
              <br />
              <span className="muted">{t("partners.status.theirReason", { reason: delegation.endedReason })}</span>
            </>
          ) : null}
        </>
      );
  }
}

function StaffForm({
  client,
  delegation,
  decision,
  people,
  result,
}: {
  client: ClientRow;
  delegation: DelegationRow;
  decision: ShownDecision;
  people: LoaderData["people"];
  result: ActionData | undefined;
}) {
  const { t } = useT();
  const mine = result?.form?.intent === "assignStaff" && result.form.delegationId === delegation.id ? result : null;
  const chosen = mine?.form?.intent === "assignStaff" && !mine.done ? mine.form.staffAccountIds : delegation.staff;
  const errors = mine?.fieldErrors.staffAccountIds;
  const id = `staff-${delegation.number}-${client.id}`;
  return (
    <Form method="post" className="stacked-form" aria-labelledby={`${id}-legend`} key={`${id}-${mine?.done ?? ""}`}>
      <input type="hidden" name="intent" value="assignStaff" />
      <input type="hidden" name="clientId" value={client.id} />
      <input type="hidden" name="delegationId" value={delegation.id} />
      <FormOutcome error={mine?.formError} success={mine?.done} />
      <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
        <legend id={`${id}-legend`}>{t("partners.reseller.staffLegend", { number: delegation.number })}</legend>
        {people.length === 0 ? <p className="empty">{t("partners.reseller.noPeople")}</p> : null}
        {people.map((person) => (
          <label key={person.id}>
            <input
              type="checkbox"
              name="staffAccountIds"
              value={person.id}
              defaultChecked={chosen.includes(person.id)}
            />{" "}
            {person.name}
            {person.email ? <span className="muted"> ({person.email})</span> : null}
          </label>
        ))}
        <FieldError id={`${id}-error`} errors={errors} />
      </fieldset>
      <SubmitOrRefused id={id} label={t("partners.reseller.staffSubmit")} decision={decision} />
    </Form>
  );
}

function ClientSection({
  client,
  people,
  timeZone,
  result,
}: {
  client: ClientRow;
  people: LoaderData["people"];
  timeZone: string;
  result: ActionData | undefined;
}) {
  const { t, when, roles } = useWords(timeZone);
  const headingId = `client-${client.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{client.name}</h3>
      <p className="muted">{t("partners.reseller.linkedSince", { day: when(client.linkedAt) })}</p>
      {client.delegations.length === 0 ? (
        <p className="empty">{t("partners.reseller.noDelegations")}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">
            {t("partners.reseller.delegationsCaption", { client: client.name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("partners.table.number")}</th>
              <th scope="col">{t("partners.table.status")}</th>
              <th scope="col">{t("partners.table.roles")}</th>
              <th scope="col">{t("partners.table.expiry")}</th>
              <th scope="col">{t("partners.table.staff")}</th>
              <th scope="col">{t("partners.table.lastUsed")}</th>
            </tr>
          </thead>
          <tbody>
            {client.delegations.map((delegation) => (
              <tr key={delegation.id}>
                <td>
                  #{delegation.number}
                  <br />
                  <span className="muted">
                    {t("partners.reseller.askedBy", {
                      name: delegation.requestedByName ?? t("partners.reseller.formerColleague"),
                      day: when(delegation.requestedAt),
                    })}
                  </span>
                </td>
                <td>
                  <span className={`status status-${delegation.state}`}>
                    {t(`partners.status.${delegation.state}`)}
                  </span>
                </td>
                <td>
                  {roles(delegation.roles)}
                  <br />
                  <span className="muted">{t("partners.days", { count: delegation.durationDays })}</span>
                </td>
                <td>
                  <ExpiryCell delegation={delegation} when={when} />
                </td>
                <td>{delegation.staffNames.length ? delegation.staffNames.join(", ") : t("partners.table.nobody")}</td>
                <td>{delegation.lastUsedAt ? when(delegation.lastUsedAt) : t("partners.table.never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {client.delegations.map((delegation) =>
        delegation.staffDecision ? (
          <StaffForm
            key={delegation.id}
            client={client}
            delegation={delegation}
            decision={delegation.staffDecision}
            people={people}
            result={result}
          />
        ) : null,
      )}
    </section>
  );
}

function RequestForm({
  clients,
  duration,
  result,
}: {
  clients: ClientRow[];
  duration: LoaderData["duration"];
  result: ActionData | undefined;
}) {
  const { t } = useT();
  const mine = result?.form?.intent === "request" ? result : null;
  const typed = mine?.form?.intent === "request" && !mine.done ? mine.form : null;
  const errors: Partial<Record<string, string[]>> = mine?.fieldErrors ?? {};
  const fieldProps = (name: string) => ({
    id: `request-${name}`,
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": errors[name]?.length ? `request-${name}-error` : undefined,
  });
  // The engine decides per client; the button is refused only when it refuses every one of them.
  const allowed = clients.find((client) => client.requestDecision.outcome !== "deny");
  const decision = allowed?.requestDecision ?? clients[0]!.requestDecision;
  return (
    <Form method="post" className="card stacked-form" aria-labelledby="request-heading" key={mine?.done ?? "request"}>
      <h2 id="request-heading">{t("partners.reseller.requestHeading")}</h2>
      <p className="muted">{t("partners.reseller.requestLede")}</p>
      <FormOutcome error={mine?.formError} success={mine?.done} />
      <input type="hidden" name="intent" value="request" />
      <div className="field">
        <label htmlFor="request-clientId">{t("partners.reseller.client")}</label>
        <select {...fieldProps("clientId")} defaultValue={typed?.clientId ?? ""} required>
          <option value="">{t("partners.reseller.chooseClient")}</option>
          {clients.map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </select>
        <FieldError id="request-clientId-error" errors={errors.clientId} />
      </div>
      <fieldset aria-describedby={errors.roles?.length ? "request-roles-error" : undefined}>
        <legend>{t("partners.form.roles")}</legend>
        {DELEGABLE_ROLES.map((role) => (
          <label key={role}>
            <input type="checkbox" name="roles" value={role} defaultChecked={typed?.roles.includes(role) ?? false} />{" "}
            {t(`roles.${role}`)}
          </label>
        ))}
        <FieldError id="request-roles-error" errors={errors.roles} />
      </fieldset>
      <div className="field">
        <label htmlFor="request-durationDays">{t("partners.form.durationDays")}</label>
        <input
          {...fieldProps("durationDays")}
          type="number"
          inputMode="numeric"
          min={1}
          max={duration.max}
          list="duration-presets"
          defaultValue={typed?.durationDays ?? DEFAULT_DURATION}
          required
        />
        <datalist id="duration-presets">
          {duration.presets.map((days) => (
            <option key={days} value={days} label={t(`partners.form.presets.${days}`)} />
          ))}
        </datalist>
        <p className="field-hint">{t("partners.form.durationHint")}</p>
        <FieldError id="request-durationDays-error" errors={errors.durationDays} />
      </div>
      <div className="field">
        <label htmlFor="request-message">{t("partners.reseller.message")}</label>
        <textarea {...fieldProps("message")} defaultValue={typed?.message ?? ""} maxLength={2000} rows={4} />
        <p className="field-hint">{t("partners.reseller.messageHint")}</p>
        <FieldError id="request-message-error" errors={errors.message} />
      </div>
      <SubmitOrRefused id="request" label={t("partners.reseller.requestSubmit")} decision={decision} />
    </Form>
  );
}

export default function PartnerHomePage() {
  const { reseller, displayName, timeZone, isAdmin, actingNow, clients, people, duration } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <AppHeader
        displayName={displayName}
        organisation={reseller.name}
        nav={[{ to: "/partner", label: t("partners.reseller.nav"), end: true }]}
        consolePath={isAdmin ? `/t/${reseller.slug}/` : null}
      />
      <main className="page">
        <h1>{t("partners.reseller.title")}</h1>
        <p className="lede">{t("partners.reseller.lede", { reseller: reseller.name })}</p>
        {result && !result.form ? <FormOutcome error={result.formError} /> : null}
        <ActingNow actingNow={actingNow} timeZone={timeZone} />
        {isAdmin ? (
          <>
            <h2>{t("partners.reseller.clientsHeading")}</h2>
            {clients.length === 0 ? (
              <p className="empty">{t("partners.reseller.noClients", { reseller: reseller.name })}</p>
            ) : (
              clients.map((client) => (
                <ClientSection key={client.id} client={client} people={people} timeZone={timeZone} result={result} />
              ))
            )}
            {clients.length ? <RequestForm clients={clients} duration={duration} result={result} /> : null}
          </>
        ) : null}
      </main>
    </>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("partners.reseller.pageTitle", { reseller: data.reseller.name }) : "Glasshouse" }];
};
