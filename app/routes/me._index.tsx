// My account → Profile: what the organisation holds about me, and what I may change myself — my name and
// phone (a field an admin locked is shown locked, with who locked it, when and why), my email address (the
// sign-in name: confirmed from the new address, with my current password), and my language and time zone.
// Each change is an action (app/actions/self-profile.server.ts), recorded in my activity.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { memberActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { SELF_PROFILE_FIELDS, type SelfProfileField } from "~/accounts/profile-fields";
import { getProfile } from "~/accounts/profile.server";
import { requirePrincipal } from "~/auth/principal.server";
import { Field, FormOutcome, SelectField } from "~/components/forms";
import { tenantScope } from "~/db.server";
import { formatDateTime, formatDay, roleLabel } from "~/format";
import { LOCALES, toLocale, translator } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { locksForAccount } from "~/locks/locks.server";
import { answerForm } from "~/me/answer.server";
import { publicOrigin } from "~/config.server";
import { readForm } from "~/security/form.server";
import { TIME_ZONES } from "~/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requirePrincipal(request);
  const { profile, locks } = await tenantScope(principal.tenantId, async (tx) => ({
    profile: await getProfile(tx, principal.tenantId, principal.accountId),
    locks: await locksForAccount(tx, principal.tenantId, principal.accountId),
  }));
  if (!profile) throw new Response("Not found", { status: 404 });
  const lockOf = (field: SelfProfileField) => {
    const lock = locks.find((candidate) => candidate.setting === `profile.${field}`);
    return lock ? { lockedBy: lock.lockedByName, lockedAt: lock.lockedAt.toISOString(), reason: lock.reason } : null;
  };
  return {
    profile: {
      ...profile,
      lastSignInAt: profile.lastSignInAt?.toISOString() ?? null,
      createdAt: profile.createdAt.toISOString(),
    },
    locks: Object.fromEntries(SELF_PROFILE_FIELDS.map((field) => [field, lockOf(field)])) as Record<
      SelfProfileField,
      ReturnType<typeof lockOf>
    >,
    organisation: principal.tenantName,
    roles: principal.roles,
    // A zone stored before the runtime renamed it ("Europe/Kiev") stays choosable.
    timeZones: TIME_ZONES.includes(profile.timeZone) ? TIME_ZONES : [profile.timeZone, ...TIME_ZONES],
  };
}

const INTENTS = ["profile", "email", "preferences"] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = await requirePrincipal(request);
  const form = await readForm(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const intent = (INTENTS as readonly string[]).includes(field("intent") ?? "") ? (field("intent") as Intent) : null;
  const locale = toLocale(principal.locale);
  const actor = memberActor(principal, request, context);
  const t = translator(locale);
  const accountId = principal.accountId;

  if (intent === "profile") {
    // A locked field is not in the form; only the fields sent are changed (and decided on).
    const values: Record<string, string> = {};
    for (const name of SELF_PROFILE_FIELDS) {
      const value = field(name);
      if (value !== undefined) values[name] = value;
    }
    const result = await performAction(actor, "self.updateProfile", { accountId, ...values });
    return answerForm(intent, result, { locale, values, done: t("profile.saved") });
  }
  if (intent === "email") {
    const values = { email: field("email") ?? "" };
    const result = await performAction(actor, "self.changeEmail", {
      accountId,
      step: "request",
      email: values.email,
      currentPassword: field("currentPassword") ?? "",
      origin: publicOrigin(),
    });
    return answerForm(intent, result, {
      locale,
      values: { ...values, currentPassword: "" },
      done: t("profile.emailSent", { email: values.email.trim() }),
    });
  }
  if (intent === "preferences") {
    const values = { locale: field("locale") ?? "", timeZone: field("timeZone") ?? "" };
    const result = await performAction(actor, "self.setPreferences", { accountId, ...values });
    // Saved in the new language: the person just chose it.
    const doneLocale = result.ok ? toLocale(values.locale) : locale;
    return answerForm(intent, result, {
      locale,
      values,
      done: translator(doneLocale)("profile.preferencesSaved"),
    });
  }
  return answerForm(
    "profile",
    { ok: false, kind: "invalid", fieldErrors: { intent: ["That request was not understood."] } },
    {
      locale,
      values: {},
      done: "",
    },
  );
}

export default function MyAccountPage() {
  const { profile, locks, organisation, roles, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, intlLocale } = useT();
  const busy = navigation.state !== "idle";
  const answerFor = (intent: Intent) => (result?.intent === intent ? result : null);
  const profileAnswer = answerFor("profile");
  const emailAnswer = answerFor("email");
  const preferencesAnswer = answerFor("preferences");
  const valueOf = (name: SelfProfileField) =>
    profileAnswer && !profileAnswer.message
      ? (profileAnswer.values[name] ?? profile[name] ?? "")
      : (profile[name] ?? "");

  const manager = profile.managerName
    ? profile.managerEmail
      ? t("profile.managerWithEmail", { name: profile.managerName, email: profile.managerEmail })
      : t("profile.managerNoEmail", { name: profile.managerName })
    : null;
  const orgRows: [string, string | null][] = [
    [t("profile.jobTitle"), profile.jobTitle],
    [t("profile.department"), profile.department],
    [t("profile.manager"), manager],
    [t("profile.organisation"), organisation],
    [
      t("profile.roles"),
      roles.length
        ? roles.map((role) => t(`roles.${role}`, { defaultValue: roleLabel(role) })).join(", ")
        : t("profile.noRoles"),
    ],
    [
      t("profile.lastSignIn"),
      profile.lastSignInAt ? formatDateTime(profile.lastSignInAt, profile.timeZone, intlLocale) : null,
    ],
    [t("profile.created"), formatDateTime(profile.createdAt, profile.timeZone, intlLocale)],
  ];
  const labels: Record<SelfProfileField, string> = {
    displayName: t("profile.name"),
    givenName: t("profile.givenName"),
    familyName: t("profile.familyName"),
    phone: t("profile.phone"),
  };

  return (
    <>
      <h1>{t("profile.title")}</h1>
      <p className="lede">{t("profile.lede", { organisation })}</p>

      <Form method="post" className="card stacked-form" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        <FormOutcome error={profileAnswer?.formError} success={profileAnswer?.message} />
        <input type="hidden" name="intent" value="profile" />
        {SELF_PROFILE_FIELDS.map((name) => {
          const lock = locks[name];
          if (lock) {
            return (
              <div className="field" key={name}>
                <span className="field-label">{labels[name]}</span>
                <p className="locked-value">
                  {profile[name] ?? <span className="muted">{t("profile.notSet")}</span>}{" "}
                  <span className="badge">{t("profile.locked")}</span>
                </p>
                <p className="field-hint">
                  {t("profile.lockedBy", {
                    name: lock.lockedBy,
                    when: formatDay(new Date(lock.lockedAt), profile.timeZone, intlLocale),
                    reason: lock.reason,
                  })}
                </p>
              </div>
            );
          }
          return (
            <Field
              key={`${name}-${profileAnswer?.message ? "saved" : "editing"}`}
              label={labels[name]}
              name={name}
              type={name === "phone" ? "tel" : "text"}
              autoComplete={
                { displayName: "nickname", givenName: "given-name", familyName: "family-name", phone: "tel" }[name]
              }
              defaultValue={valueOf(name)}
              maxLength={name === "phone" ? 40 : 200}
              errors={profileAnswer?.fieldErrors[name]}
              hint={name === "phone" ? t("profile.phoneHint") : undefined}
            />
          );
        })}
        <button type="submit" disabled={busy}>
          {t("profile.save")}
        </button>
      </Form>

      <Form method="post" className="card stacked-form" aria-labelledby="email-heading">
        <h2 id="email-heading">{t("profile.emailHeading")}</h2>
        <p>{t("profile.emailCurrent", { email: profile.email ?? "" })}</p>
        <p className="field-hint">{t("profile.emailHint")}</p>
        <FormOutcome error={emailAnswer?.formError} success={emailAnswer?.message} />
        <input type="hidden" name="intent" value="email" />
        <Field
          label={t("profile.newEmail")}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={emailAnswer && !emailAnswer.message ? emailAnswer.values.email : ""}
          errors={emailAnswer?.fieldErrors.email}
          required
        />
        <Field
          label={t("profile.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          errors={emailAnswer?.fieldErrors.currentPassword}
          required
        />
        <button type="submit" disabled={busy}>
          {t("profile.sendLink")}
        </button>
      </Form>

      <Form method="post" className="card stacked-form" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">{t("profile.preferencesHeading")}</h2>
        <FormOutcome error={preferencesAnswer?.formError} success={preferencesAnswer?.message} />
        <input type="hidden" name="intent" value="preferences" />
        <SelectField
          label={t("profile.language")}
          name="locale"
          defaultValue={
            preferencesAnswer && !preferencesAnswer.message ? preferencesAnswer.values.locale : profile.locale
          }
          options={LOCALES.map((code) => ({ value: code, label: t(`profile.languages.${code}`) }))}
          errors={preferencesAnswer?.fieldErrors.locale}
        />
        <SelectField
          label={t("profile.timeZone")}
          name="timeZone"
          defaultValue={
            preferencesAnswer && !preferencesAnswer.message ? preferencesAnswer.values.timeZone : profile.timeZone
          }
          options={timeZones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
          errors={preferencesAnswer?.fieldErrors.timeZone}
          hint={t("profile.timeZoneHint")}
        />
        <button type="submit" disabled={busy}>
          {t("profile.savePreferences")}
        </button>
      </Form>

      <section aria-labelledby="organisation-heading" className="card">
        <h2 id="organisation-heading">{t("profile.organisationHeading")}</h2>
        <p className="field-hint">
          {t("profile.organisationHint")} <Link to="/me/privacy#correction">{t("profile.askCorrection")}</Link>
        </p>
        <dl className="details">
          {orgRows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ?? <span className="muted">{t("profile.notSet")}</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.myAccount") }];
