// My account → Who can access: my organisation's admins and their roles, my line manager, each reseller
// with a live delegation and each live operator access that reaches me, with what each may do to my
// account as the policy engine decides it today (app/me/access.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/auth/principal.server";
import { tenantScope } from "~/db.server";
import { formatDateTime, formatDay } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
import { accessOverview } from "~/me/access.server";
import { actionLabel } from "~/policy/labels";
import type { AdminRole } from "~db/schema";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const overview = await tenantScope(principal.tenantId, (tx) => accessOverview(tx, principal));
  if (!overview) throw new Response("Not found", { status: 404 });
  return {
    organisation: principal.tenantName,
    timeZone: principal.timeZone,
    admins: overview.admins.filter((admin) => admin.id !== principal.accountId),
    roles: overview.roles,
    manager: overview.manager,
    delegations: overview.delegations.map((delegation) => ({
      ...delegation,
      since: delegation.since?.toISOString() ?? null,
      until: delegation.until?.toISOString() ?? null,
    })),
    operatorAccess: overview.operatorAccess.map((access) => ({
      ...access,
      since: access.since?.toISOString() ?? null,
      until: access.until?.toISOString() ?? null,
    })),
  };
}

type Capability = { allowed: string[]; withStepUp: string[] };

/** Action labels as a list in a sentence: "reset password" in English; German nouns keep their capitals. */
function useActionList() {
  const { locale, intlLocale } = useT();
  return (ids: string[]) =>
    new Intl.ListFormat(intlLocale, { type: "conjunction" }).format(
      ids.map((id) => (locale === "en" ? actionLabel(id, locale).toLowerCase() : actionLabel(id, locale))),
    );
}

function CapabilitySentence({ who, can }: { who: string; can: Capability }) {
  const { t } = useT();
  const list = useActionList();
  if (can.allowed.length === 0 && can.withStepUp.length === 0) return <p>{t("access.canNothing", { who })}</p>;
  return (
    <>
      {can.allowed.length ? <p>{t("access.can", { who, actions: list(can.allowed) })}</p> : null}
      {can.withStepUp.length ? <p>{t("access.canWithStepUp", { who, actions: list(can.withStepUp) })}</p> : null}
    </>
  );
}

export default function WhoCanAccessPage() {
  const { organisation, timeZone, admins, roles, manager, delegations, operatorAccess } =
    useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const list = useActionList();
  const day = (iso: string) => formatDay(new Date(iso), timeZone, intlLocale);
  const moment = (iso: string) => formatDateTime(iso, timeZone, intlLocale);
  const roleName = (role: AdminRole) => t(`roles.${role}`);
  const heldRoles = Object.keys(roles) as AdminRole[];
  return (
    <>
      <h1>{t("access.title")}</h1>
      <p className="lede">{t("access.lede", { organisation })}</p>

      <section className="card" aria-labelledby="admins-heading">
        <h2 id="admins-heading">{t("access.adminsHeading", { organisation })}</h2>
        {admins.length === 0 ? (
          <p>{t("access.noAdmins")}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t("access.adminsHeading", { organisation })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("access.name")}</th>
                <th scope="col">{t("access.email")}</th>
                <th scope="col">{t("access.roles")}</th>
              </tr>
            </thead>
            <tbody>
              {admins.map((admin) => (
                <tr key={admin.id}>
                  <td>{admin.name}</td>
                  <td>{admin.email ?? "—"}</td>
                  <td>{admin.roles.map(roleName).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t("access.rolesHeading")}</h3>
        {heldRoles.map((role) => (
          <div key={role} className="capability">
            <h4>{roleName(role)}</h4>
            <CapabilitySentence who={t("access.whoRole", { role: roleName(role) })} can={roles[role]!} />
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="manager-heading">
        <h2 id="manager-heading">{t("access.managerHeading")}</h2>
        {manager ? (
          <>
            <p>
              {manager.email
                ? t("profile.managerWithEmail", { name: manager.name, email: manager.email })
                : t("profile.managerNoEmail", { name: manager.name })}
            </p>
            <CapabilitySentence who={manager.name} can={manager.can} />
          </>
        ) : (
          <p>{t("access.noManager")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="resellers-heading">
        <h2 id="resellers-heading">{t("access.resellersHeading")}</h2>
        {delegations.length === 0 ? (
          <p>{t("access.noResellers")}</p>
        ) : (
          delegations.map((delegation) => (
            <div key={delegation.id} className="capability">
              <h3>
                {delegation.until
                  ? t("access.delegationUntil", {
                      reseller: delegation.reseller,
                      number: delegation.number,
                      until: day(delegation.until),
                    })
                  : t("access.delegation", { reseller: delegation.reseller, number: delegation.number })}
              </h3>
              <dl className="details">
                <div>
                  <dt>{t("access.roles")}</dt>
                  <dd>{delegation.roles.map(roleName).join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("access.since")}</dt>
                  <dd>{delegation.since ? day(delegation.since) : "—"}</dd>
                </div>
                <div>
                  <dt>{t("access.until")}</dt>
                  <dd>{delegation.until ? day(delegation.until) : t("access.noEnd")}</dd>
                </div>
              </dl>
              <CapabilitySentence
                who={t("access.whoReseller", { reseller: delegation.reseller })}
                can={delegation.can}
              />
            </div>
          ))
        )}
      </section>

      <section className="card" aria-labelledby="operator-heading">
        <h2 id="operator-heading">{t("access.operatorHeading")}</h2>
        {operatorAccess.length === 0 ? (
          <p>{t("access.noOperatorAccess")}</p>
        ) : (
          operatorAccess.map((access) => (
            <div key={access.id} className="capability">
              <h3>
                {access.until
                  ? t("access.operatorAccessUntil", {
                      operator: access.operator,
                      number: access.number,
                      until: moment(access.until),
                    })
                  : t("access.operatorAccess", { operator: access.operator, number: access.number })}
              </h3>
              <dl className="details">
                <div>
                  <dt>{t("access.scope")}</dt>
                  <dd>{access.namesMe ? t("access.scopeMe") : t("access.scopeOrganisation", { organisation })}</dd>
                </div>
                <div>
                  <dt>{t("access.ticket")}</dt>
                  <dd>{access.ticket}</dd>
                </div>
                <div>
                  <dt>{t("access.justification")}</dt>
                  <dd>{t("access.quoted", { text: access.justification })}</dd>
                </div>
                <div>
                  <dt>{t("access.grants")}</dt>
                  <dd>
                    {access.actions.length === 0
                      ? t("access.readOnly")
                      : t("access.readAndActions", { actions: list(access.actions) })}
                  </dd>
                </div>
                <div>
                  <dt>{t("access.requestedBy")}</dt>
                  <dd>{access.requestedBy}</dd>
                </div>
                <div>
                  <dt>{t("access.since")}</dt>
                  <dd>{access.since ? moment(access.since) : "—"}</dd>
                </div>
                <div>
                  <dt>{t("access.until")}</dt>
                  <dd>{access.until ? moment(access.until) : "—"}</dd>
                </div>
              </dl>
              <CapabilitySentence who={t("access.whoOperator", { operator: access.operator })} can={access.can} />
            </div>
          ))
        )}
      </section>
      <p className="field-hint">{t("access.footnote")}</p>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.access") }];
