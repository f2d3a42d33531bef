import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { z } from "zod";
import {
  countAccountsUpTo,
  decodeCursor,
  listAccounts,
  listManagers,
  useListPlanSettings,
} from "~/accounts/directory.server";
import {
  ACCOUNT_STATUSES,
  DEFAULT_ACCOUNT_SORT,
  FILTER_ROLES,
  filterEntries,
  isFiltered,
  readAccountSort,
  readUsableAccountFilter,
  type AccountFilter,
  type AccountSort,
} from "~/accounts/filters";
import { requireTenantActor } from "~/actions/actor.server";
import { decideForUi, performAction } from "~/actions/perform.server";
import { formFields, resumedInput, stepUpRedirect } from "~/auth/step-up.server";
import { ActionButton, ReasonDialog, type ReasonIntent } from "~/components/account-actions";
import { publicOrigin } from "~/config.server";
import { loadAccountResources } from "~/actions/resources.server";
import { tenantScope } from "~/db.server";
import { BULK_OPERATION_IDS, BULK_OPERATIONS } from "~/bulk/operations";
import { formatCount, formatDateTime } from "~/format";
import { DEFAULT_LOCALE, localiseFieldErrors, localiseMessage, toLocale, translator, type Locale } from "~/i18n/i18n";
import { metaTranslator, useT } from "~/i18n/use-t";
import { actionLabel } from "~/policy/labels";
import { decisionSentence } from "~/policy/sentences";
import { loadTenantPolicies } from "~/policy/tenant-policies.server";
import type { Decision } from "~/policy/types";
import { readForm } from "~/security/form.server";

const cursorQuerySchema = z.object({
  after: z.string().optional(),
  before: z.string().optional(),
});

const rowActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("account.suspend"), accountId: z.string(), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.resetMfa"), accountId: z.string(), reason: z.string().default("") }),
  z.object({
    intent: z.literal("account.resetPassword"),
    accountId: z.string(),
    reason: z.string().default(""),
    method: z.string().default(""),
  }),
  z.object({ intent: z.literal("account.unsuspend"), accountId: z.string() }),
  z.object({ intent: z.literal("account.terminate"), accountId: z.string(), reason: z.string().default("") }),
  z.object({ intent: z.literal("account.restore"), accountId: z.string() }),
  z.object({ intent: z.literal("account.revokeSessions"), accountId: z.string() }),
]);

/** The list counts matches up to this many; past it, it says "more than". */
const COUNT_CAP = 1_000;

const ROW_ACTIONS = [
  "suspend",
  "unsuspend",
  "revokeSessions",
  "resetMfa",
  "resetPassword",
  "terminate",
  "restore",
] as const;
type RowDecisions = Record<(typeof ROW_ACTIONS)[number], Pick<Decision, "outcome" | "sentence">>;

/** The dialogs that ask for a reason, and what the admin typed in one before a step-up sent them away. */
const resumeSchema = z.object({
  intent: z.enum(["account.suspend", "account.resetMfa", "account.resetPassword", "account.terminate"]),
  accountId: z.string(),
  reason: z.string().max(1000).default(""),
  method: z.string().max(20).optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tenant, actor, principal } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const url = new URL(request.url);
  // A hand-edited URL never breaks the list: a bad field is reported next to it and left out.
  const { filter: requested, fieldErrors } = readUsableAccountFilter(url.searchParams);
  const { sort, valid: sortValid } = readAccountSort(url.searchParams);
  const query = cursorQuerySchema.parse(Object.fromEntries(url.searchParams));
  const after = query.after ? decodeCursor(query.after, sort) : null;
  const before = query.before ? decodeCursor(query.before, sort) : null;
  const badCursor = Boolean((query.after && !after) || (query.before && !before));
  const { filter, page, total, managers, resources, tenantPolicies } = await tenantScope(tenant.id, async (tx) => {
    const managers = await listManagers(tx, tenant.id, { include: requested.manager, cacheSeconds: 60 });
    let filter = requested;
    if (requested.manager && !managers.included) {
      fieldErrors.manager = t("consoleAccounts.list.filterErrors.manager");
      filter = { ...requested, manager: undefined };
    }
    // In flight together: postgres.js pipelines them on the transaction's connection, in this order.
    const [, page, total, tenantPolicies] = await Promise.all([
      useListPlanSettings(tx),
      listAccounts(tx, tenant.id, {
        filter,
        sort,
        after: badCursor ? undefined : (after ?? undefined),
        before: badCursor ? undefined : (before ?? undefined),
      }),
      countAccountsUpTo(tx, tenant.id, filter, COUNT_CAP),
      loadTenantPolicies(tx, tenant.id),
    ]);
    const resources = await loadAccountResources(
      tx,
      tenant.id,
      page.rows.map((row) => row.id),
    );
    return { filter, page, total, managers, resources, tenantPolicies };
  });
  // One batch of decisions for everything the page offers; refused actions are shown disabled, with why.
  const kinds = ROW_ACTIONS;
  const decisions = decideForUi(
    actor,
    resources.flatMap((resource) => kinds.map((kind) => ({ action: `account.${kind}` as const, resource }))),
    tenantPolicies,
  );
  const byAccount: Record<string, RowDecisions> = {};
  resources.forEach((resource, index) => {
    const row = {} as RowDecisions;
    kinds.forEach((kind, offset) => {
      const decision = decisions[index * kinds.length + offset]!;
      row[kind] = { outcome: decision.outcome, sentence: decisionSentence(decision, locale) };
    });
    byAccount[resource.id] = row;
  });
  const resumed = resumedInput(request, actor.facts.accountId);
  const resume = resumed ? (resumeSchema.safeParse(resumed.fields).data ?? null) : null;
  const notices = [
    badCursor ? t("consoleAccounts.list.notices.badCursor") : null,
    sortValid ? null : t("consoleAccounts.list.notices.badSort"),
  ].filter((notice): notice is string => Boolean(notice));
  return data(
    {
      tenant,
      timeZone: principal.timeZone,
      decisions: byAccount,
      /** Matter names of the active legal holds covering each account on the page: flagged in the list. */
      holds: Object.fromEntries(resources.map((resource) => [resource.id, resource.holds.map((hold) => hold.name)])),
      /** The settings locked for each account on the page (its own locks and the organisation's). */
      locks: Object.fromEntries(
        resources.map((resource) => [
          resource.id,
          resource.locks.map((lock) =>
            t(`console.setting.${lock.setting.replaceAll(".", "_")}`, { defaultValue: lock.setting }),
          ),
        ]),
      ),
      filter,
      fieldErrors: localiseFilterErrors(fieldErrors, locale),
      search: filter.q ?? "",
      sort,
      page: {
        ...page,
        rows: page.rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
        })),
      },
      /** How many match, counted up to COUNT_CAP; `exact` false means more than that. */
      total: total.count,
      totalExact: total.exact,
      managers: { managers: managers.managers, more: managers.more },
      // Who may act on which account is decided per account on the confirm page; the bar is offered to any
      // admin whose roles include one that acts on accounts (an auditor only reads).
      canBulk: actor.facts.roles.some((role) => role !== "auditor"),
      notices,
      resume,
    },
    resumed ? { headers: { "Set-Cookie": resumed.clearCookie } } : undefined,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, principal } = await requireTenantActor(request, params.tenant, context);
  const locale = toLocale(principal.locale);
  const t = translator(locale);
  const formData = await readForm(request);
  const form = Object.fromEntries(formData);
  const parsed = rowActionSchema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        intent: null,
        accountId: null,
        message: localiseMessage("That request was not understood.", locale),
        fieldErrors: {} as Record<string, string[]>,
        reason: undefined,
        method: undefined,
      },
      { status: 400 },
    );
  }
  const { intent, ...fields } = parsed.data;
  const reason = "reason" in fields ? fields.reason : undefined;
  const method = "method" in fields ? fields.method : undefined;
  // The reset link in the email points at the console's public origin.
  const input = intent === "account.resetPassword" ? { ...fields, origin: publicOrigin() } : fields;
  const result = await performAction<{
    sessionsEnded?: number;
    temporaryPassword?: string | null;
  } | null>(actor, intent, input);
  // Refused only for want of a fresh second factor: confirm one, then come back with the dialog as typed.
  if (!result.ok && result.kind === "needs_step_up")
    throw stepUpRedirect(request, actor.facts.accountId, formFields(formData));
  if (result.ok) {
    const count = result.output?.sessionsEnded ?? 0;
    const password = result.output?.temporaryPassword;
    const done: Record<typeof intent, string> = {
      "account.suspend": t("consoleAccounts.list.done.suspend", { count }),
      "account.resetPassword": password
        ? t("consoleAccounts.list.done.resetPasswordTemporary", { count, password })
        : t("consoleAccounts.list.done.resetPasswordLink", { count }),
      "account.resetMfa": t("consoleAccounts.list.done.resetMfa"),
      "account.unsuspend": t("consoleAccounts.list.done.unsuspend"),
      "account.terminate": t("consoleAccounts.list.done.terminate", { count }),
      "account.restore": t("consoleAccounts.list.done.restore"),
      "account.revokeSessions": t("consoleAccounts.list.done.revokeSessions", { count }),
    };
    return {
      intent,
      accountId: input.accountId,
      message: done[intent],
      fieldErrors: {} as Record<string, string[]>,
      reason,
      method,
    };
  }
  if (result.kind === "invalid") {
    return data(
      {
        intent,
        accountId: input.accountId,
        message: null,
        fieldErrors: localiseFieldErrors(result.fieldErrors, locale),
        reason,
        method,
      },
      { status: 400 },
    );
  }
  // A failure about one field (a reset link for an account with no email) goes next to that field.
  const failure = result.kind === "failed" ? result : null;
  const failureMessage = failure ? localiseMessage(failure.message, locale) : null;
  const fieldErrors: Record<string, string[]> = failure?.field ? { [failure.field]: [failureMessage!] } : {};
  const message = failure
    ? failure.field
      ? null
      : failureMessage
    : "decision" in result
      ? decisionSentence(result.decision, locale)
      : null;
  return data(
    { intent, accountId: input.accountId, message, fieldErrors, reason, method },
    { status: result.kind === "failed" ? 409 : 403 },
  );
}

/**
 * A hand-edited filter field's error in the reader's language. English keeps the validator's own words; any
 * other language says what each field needs (each can go wrong in one way only).
 */
function localiseFilterErrors(
  fieldErrors: Partial<Record<keyof AccountFilter, string>>,
  locale: Locale,
): Partial<Record<keyof AccountFilter, string>> {
  if (locale === DEFAULT_LOCALE) return fieldErrors;
  const t = translator(locale);
  const localised: Partial<Record<keyof AccountFilter, string>> = {};
  for (const [field, message] of Object.entries(fieldErrors) as [keyof AccountFilter, string | undefined][]) {
    if (!message) continue;
    const key = field === "q" || field === "status" || field === "role" || field === "manager" ? field : "yesNo";
    localised[field] = t(`consoleAccounts.list.filterErrors.${key}`);
  }
  return localised;
}

type T = ReturnType<typeof translator>;

function factorsLabel(factors: { totp: boolean; passkeys: number }, t: T): string | null {
  const parts = [
    factors.totp ? t("consoleAccounts.list.authenticator") : null,
    factors.passkeys ? t("consoleAccounts.list.passkeys", { count: factors.passkeys }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/** The sortable columns; each header's words are the catalogue's (see columnLabel). */
const SORT_COLUMNS: { sort: AccountSort["sort"]; firstDir: AccountSort["dir"] }[] = [
  { sort: "name", firstDir: "asc" },
  { sort: "email", firstDir: "asc" },
  { sort: "status", firstDir: "asc" },
  { sort: "created", firstDir: "desc" },
  { sort: "lastSignIn", firstDir: "desc" },
];

function columnLabel(sort: AccountSort["sort"], t: T): string {
  return sort === "name" || sort === "email" || sort === "status"
    ? t(`console.common.${sort}`)
    : t(`consoleAccounts.list.columns.${sort}`);
}

const YES_NO_FILTERS = [
  { name: "hold", label: "hold", yes: "holdYes", no: "holdNo" },
  { name: "locked", label: "locked", yes: "lockedYes", no: "lockedNo" },
  { name: "twoFactor", label: "twoFactor", yes: "twoFactorYes", no: "twoFactorNo" },
] as const;

/** The list's URL for a filter, a sort and, optionally, a page. */
function listHref(slug: string, filter: AccountFilter, sort: AccountSort, page?: ["after" | "before", string]) {
  const params = new URLSearchParams(filterEntries(filter));
  if (sort.sort !== DEFAULT_ACCOUNT_SORT.sort || sort.dir !== DEFAULT_ACCOUNT_SORT.dir) {
    params.set("sort", sort.sort);
    params.set("dir", sort.dir);
  }
  if (page) params.set(page[0], page[1]);
  const query = params.toString();
  return `/t/${slug}/${query ? `?${query}` : ""}`;
}

/** A labelled select of the filter bar, with its error (a hand-edited value) next to it. */
function FilterSelect({
  name,
  label,
  value,
  error,
  anyLabel,
  options,
}: {
  name: keyof AccountFilter;
  label: string;
  value: string | undefined;
  error: string | undefined;
  anyLabel: string;
  options: { value: string; label: string }[];
}) {
  const errorId = `filter-${name}-error`;
  return (
    <label>
      {label}
      <select
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <span id={errorId} className="field-errors">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export default function AccountsPage() {
  const {
    tenant,
    timeZone,
    search,
    filter,
    fieldErrors,
    sort,
    page,
    total,
    totalExact,
    managers,
    canBulk,
    notices,
    decisions,
    resume,
    holds,
    locks,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const { t, locale, intlLocale } = useT();
  const count = (n: number) => formatCount(n, intlLocale);
  const roleOptions = FILTER_ROLES.map((role) => ({
    value: role,
    label: role === "none" ? t("consoleAccounts.list.filters.noAdminRole") : t(`console.role.${role}`),
  }));
  const searching = navigation.state === "loading" && navigation.location?.pathname === `/t/${tenant.slug}/`;
  const filtered = isFiltered(filter);
  // Errors and typed text go back to the dialog they came from; so does input kept across a step-up.
  const dialogState = (intent: ReasonIntent, accountId: string) => {
    if (result?.accountId === accountId && result.intent === intent) {
      return {
        errors: result.fieldErrors.reason,
        methodErrors: result.fieldErrors.method,
        typedReason: result.reason,
        typedMethod: result.method,
      };
    }
    if (resume?.accountId === accountId && resume.intent === intent) {
      return { typedReason: resume.reason, typedMethod: resume.method, reopen: true };
    }
    return {};
  };

  // The selection works as a plain GET form without JavaScript; with it, the page counts what is selected.
  const [hydrated, setHydrated] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [mode, setMode] = useState<"ids" | "filter">("ids");
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    setSelected([]);
    setMode("ids");
  }, [location.search]);
  const pageIds = page.rows.map((row) => row.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));
  const someOnPage = pageIds.some((id) => selected.includes(id));
  const selectPage = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectPage.current) selectPage.current.indeterminate = someOnPage && !allOnPage;
  }, [someOnPage, allOnPage]);
  const toggle = (id: string, on: boolean) => {
    setMode("ids");
    setSelected((current) => (on ? [...current, id] : current.filter((other) => other !== id)));
  };
  const nothingSelected = mode === "ids" ? selected.length === 0 : total === 0;
  const selectionText = !hydrated
    ? ""
    : mode === "filter"
      ? t("consoleAccounts.list.bulk.allSelected", { count: total, n: count(total) })
      : t("consoleAccounts.list.bulk.selected", { n: count(selected.length) });

  // With JavaScript, the fields left at "any" stay out of the URL (the plain form sends them empty).
  const submit = useSubmit();
  const submitFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value);
    }
    submit(params, { method: "get", action: `/t/${tenant.slug}/` });
  };
  const sortLink = (column: (typeof SORT_COLUMNS)[number]) =>
    listHref(tenant.slug, filter, {
      sort: column.sort,
      dir: sort.sort === column.sort ? (sort.dir === "asc" ? "desc" : "asc") : column.firstDir,
    });
  // A row action can move its account out of the filter (suspended, while listing the active): say what
  // happened at the top, since the row that would have said it is gone.
  const actedOnAccountGone = result?.message && !pageIds.includes(result.accountId ?? "");

  return (
    <>
      <h1>{tenant.name}</h1>
      <section aria-labelledby="accounts-heading">
        <div className="section-head">
          <h2 id="accounts-heading">{t("consoleAccounts.list.heading")}</h2>
          <p className="muted account-total">
            {t(
              totalExact
                ? filtered
                  ? "consoleAccounts.list.totalMatching"
                  : "consoleAccounts.list.total"
                : filtered
                  ? "consoleAccounts.list.totalMoreMatching"
                  : "consoleAccounts.list.totalMore",
              { count: total, n: count(total) },
            )}
          </p>
        </div>
        <Form
          method="get"
          role="search"
          className="filters account-filters"
          aria-label={t("consoleAccounts.list.filters.label")}
          key={location.search}
          onSubmit={submitFilters}
        >
          <label>
            {t("consoleAccounts.list.filters.search")}
            <input
              type="search"
              name="q"
              defaultValue={search}
              placeholder={t("consoleAccounts.list.filters.searchPlaceholder")}
              maxLength={200}
              aria-invalid={fieldErrors.q ? true : undefined}
              aria-describedby={fieldErrors.q ? "filter-q-error" : undefined}
            />
            {fieldErrors.q ? (
              <span id="filter-q-error" className="field-errors">
                {fieldErrors.q}
              </span>
            ) : null}
          </label>
          <FilterSelect
            name="status"
            label={t("console.common.status")}
            value={filter.status}
            error={fieldErrors.status}
            anyLabel={t("consoleAccounts.list.filters.anyStatus")}
            options={ACCOUNT_STATUSES.map((status) => ({ value: status, label: t(`console.status.${status}`) }))}
          />
          <FilterSelect
            name="role"
            label={t("consoleAccounts.list.filters.role")}
            value={filter.role}
            error={fieldErrors.role}
            anyLabel={t("consoleAccounts.list.filters.anyRole")}
            options={roleOptions}
          />
          <FilterSelect
            name="manager"
            label={t("consoleAccounts.list.filters.manager")}
            value={filter.manager}
            error={fieldErrors.manager}
            anyLabel={t("consoleAccounts.list.filters.anyManager")}
            options={managers.managers.map((manager) => ({ value: manager.id, label: manager.displayName }))}
          />
          {YES_NO_FILTERS.map((field) => (
            <FilterSelect
              key={field.name}
              name={field.name}
              label={t(`consoleAccounts.list.filters.${field.label}`)}
              value={filter[field.name]}
              error={fieldErrors[field.name]}
              anyLabel={t("consoleAccounts.list.filters.any")}
              options={[
                { value: "yes", label: t(`consoleAccounts.list.filters.${field.yes}`) },
                { value: "no", label: t(`consoleAccounts.list.filters.${field.no}`) },
              ]}
            />
          ))}
          {sort.sort !== DEFAULT_ACCOUNT_SORT.sort || sort.dir !== DEFAULT_ACCOUNT_SORT.dir ? (
            <>
              <input type="hidden" name="sort" value={sort.sort} />
              <input type="hidden" name="dir" value={sort.dir} />
            </>
          ) : null}
          <div className="filter-buttons">
            <button type="submit">
              {searching ? t("consoleAccounts.list.filters.searching") : t("consoleAccounts.list.filters.submit")}
            </button>
            {filtered || Object.keys(fieldErrors).length ? (
              <Link to={listHref(tenant.slug, {}, sort)}>{t("consoleAccounts.list.filters.clear")}</Link>
            ) : null}
          </div>
        </Form>
        {managers.more ? (
          <p className="muted">
            {t("consoleAccounts.list.filters.managersCapped", { n: count(managers.managers.length) })}
          </p>
        ) : null}
        {notices.map((notice) => (
          <p key={notice} className="notice" role="status">
            {notice}
          </p>
        ))}
        {actedOnAccountGone ? (
          <p className="notice" role="status">
            {result.message}
          </p>
        ) : null}

        {canBulk && total > 0 ? (
          <Form
            method="get"
            action={`/t/${tenant.slug}/bulk/new`}
            id="bulk-form"
            className="bulk-bar"
            aria-label={t("consoleAccounts.list.bulk.label")}
          >
            <fieldset>
              <legend>{t("consoleAccounts.list.bulk.actOn")}</legend>
              <label>
                <input
                  type="radio"
                  name="selection"
                  value="ids"
                  checked={mode === "ids"}
                  onChange={() => setMode("ids")}
                />{" "}
                {t("consoleAccounts.list.bulk.ticked")}
              </label>
              <label>
                <input
                  type="radio"
                  name="selection"
                  value="filter"
                  checked={mode === "filter"}
                  onChange={() => setMode("filter")}
                />{" "}
                {totalExact
                  ? t("consoleAccounts.list.bulk.selectAllCounted", { n: count(total) })
                  : t("consoleAccounts.list.bulk.selectAll")}
              </label>
            </fieldset>
            {/* What "all that match" means, sent along; the confirm page ignores it for ticked rows. */}
            {filterEntries(filter).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} disabled={hydrated && mode === "ids"} />
            ))}
            {/* Past the cap the confirm page counts them all, and that count is what the admin confirms. */}
            {totalExact ? (
              <input type="hidden" name="expected" value={total} disabled={hydrated && mode === "ids"} />
            ) : null}
            <p className="selection-count" aria-live="polite">
              {selectionText}
            </p>
            <div className="bulk-buttons">
              {BULK_OPERATION_IDS.map((operation) => (
                <button
                  key={operation}
                  type="submit"
                  name="operation"
                  value={operation}
                  className="button-small"
                  disabled={hydrated && nothingSelected}
                >
                  {t(`consoleAccounts.list.bulk.operations.${operation}`, {
                    defaultValue: BULK_OPERATIONS[operation].label,
                  })}
                </button>
              ))}
            </div>
          </Form>
        ) : null}

        {page.rows.length === 0 ? (
          <p className="empty">
            {filtered
              ? search && filterEntries(filter).length === 1
                ? t("consoleAccounts.list.empty.search", { search })
                : t("consoleAccounts.list.empty.filtered")
              : t("consoleAccounts.list.empty.none")}
          </p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">
              {t(filtered ? "consoleAccounts.list.captionFiltered" : "consoleAccounts.list.caption", {
                column: t(`consoleAccounts.list.sortedBy.${sort.sort}`),
                direction: t(sort.dir === "asc" ? "consoleAccounts.list.ascending" : "consoleAccounts.list.descending"),
              })}
            </caption>
            <thead>
              <tr>
                {SORT_COLUMNS.slice(0, 3).map((column) => (
                  <SortHeader
                    key={column.sort}
                    column={column}
                    label={columnLabel(column.sort, t)}
                    sort={sort}
                    href={sortLink(column)}
                  >
                    {column.sort === "name" && canBulk && hydrated ? (
                      <input
                        ref={selectPage}
                        type="checkbox"
                        className="row-select"
                        aria-label={t("consoleAccounts.list.selectPage")}
                        checked={allOnPage}
                        onChange={(event) => {
                          setMode("ids");
                          setSelected(event.target.checked ? pageIds : []);
                        }}
                      />
                    ) : null}
                  </SortHeader>
                ))}
                <th scope="col">{t("console.common.roles")}</th>
                <th scope="col">{t("consoleAccounts.list.columns.twoStep")}</th>
                {SORT_COLUMNS.slice(3).map((column) => (
                  <SortHeader
                    key={column.sort}
                    column={column}
                    label={columnLabel(column.sort, t)}
                    sort={sort}
                    href={sortLink(column)}
                  />
                ))}
                <th scope="col">{t("console.common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((account) => (
                <tr key={account.id}>
                  <td>
                    {/* In the name's cell, so the name stays the row's first cell (its header is the name's). */}
                    {canBulk ? (
                      <input
                        type="checkbox"
                        className="row-select"
                        name="accountId"
                        value={account.id}
                        form="bulk-form"
                        aria-label={t("consoleAccounts.list.selectAccount", { name: account.displayName })}
                        checked={selected.includes(account.id)}
                        onChange={(event) => toggle(account.id, event.target.checked)}
                      />
                    ) : null}
                    <Link to={`/t/${tenant.slug}/accounts/${account.id}`}>{account.displayName}</Link>
                  </td>
                  <td>{account.email ?? <span className="muted">{t("console.common.erased")}</span>}</td>
                  <td>
                    <span className={`status status-${account.status}`}>{t(`console.status.${account.status}`)}</span>
                    {account.underHold ? (
                      <span
                        className="badge"
                        title={
                          holds[account.id]?.length
                            ? t("consoleAccounts.list.underHold", { matters: holds[account.id]!.join(", ") })
                            : undefined
                        }
                      >
                        {t("consoleAccounts.list.legalHold")}
                      </span>
                    ) : null}
                    {account.lockedSettings ? (
                      <span
                        className="badge"
                        title={
                          locks[account.id]?.length
                            ? t("consoleAccounts.list.locked", { settings: locks[account.id]!.join(", ") })
                            : undefined
                        }
                      >
                        {t("consoleAccounts.list.lockedSettings")}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {account.roles.length ? (
                      account.roles.map((role) => t(`console.role.${role}`)).join(", ")
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {factorsLabel(account.factors, t) ?? <span className="muted">{t("consoleAccounts.list.off")}</span>}
                  </td>
                  <td>
                    <time dateTime={account.createdAt}>{formatDateTime(account.createdAt, timeZone, intlLocale)}</time>
                  </td>
                  <td>
                    {account.lastSignInAt ? (
                      <time dateTime={account.lastSignInAt}>
                        {formatDateTime(account.lastSignInAt, timeZone, intlLocale)}
                      </time>
                    ) : (
                      <span className="muted">{t("consoleAccounts.list.never")}</span>
                    )}
                  </td>
                  <td className="row-actions">
                    {decisions[account.id] ? (
                      <>
                        {account.status === "terminated" ? (
                          <ActionButton
                            fields={{ accountId: account.id }}
                            intent="account.restore"
                            label={actionLabel("account.restore", locale)}
                            decision={decisions[account.id]!.restore}
                          />
                        ) : (
                          <>
                            {account.status === "suspended" ? (
                              <ActionButton
                                fields={{ accountId: account.id }}
                                intent="account.unsuspend"
                                label={actionLabel("account.unsuspend", locale)}
                                decision={decisions[account.id]!.unsuspend}
                              />
                            ) : (
                              <ReasonDialog
                                intent="account.suspend"
                                fields={{ accountId: account.id }}
                                name={account.displayName}
                                decision={decisions[account.id]!.suspend}
                                {...dialogState("account.suspend", account.id)}
                              />
                            )}
                            <ReasonDialog
                              intent="account.resetPassword"
                              fields={{ accountId: account.id }}
                              name={account.displayName}
                              decision={decisions[account.id]!.resetPassword}
                              {...dialogState("account.resetPassword", account.id)}
                            />
                            {factorsLabel(account.factors, t) ? (
                              <ReasonDialog
                                intent="account.resetMfa"
                                fields={{ accountId: account.id }}
                                name={account.displayName}
                                decision={decisions[account.id]!.resetMfa}
                                {...dialogState("account.resetMfa", account.id)}
                              />
                            ) : null}
                            <ActionButton
                              fields={{ accountId: account.id }}
                              intent="account.revokeSessions"
                              label={actionLabel("account.revokeSessions", locale)}
                              decision={decisions[account.id]!.revokeSessions}
                            />
                            <ReasonDialog
                              intent="account.terminate"
                              fields={{ accountId: account.id }}
                              name={account.displayName}
                              decision={decisions[account.id]!.terminate}
                              {...dialogState("account.terminate", account.id)}
                            />
                          </>
                        )}
                      </>
                    ) : null}
                    {result?.accountId === account.id && result.message ? (
                      <p role="status" className="row-result">
                        {result.message}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label={t("consoleAccounts.list.pages")} className="pager">
          {page.previous ? (
            <Link to={listHref(tenant.slug, filter, sort, ["before", page.previous])} rel="prev">
              {t("console.common.previous")}
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link to={listHref(tenant.slug, filter, sort, ["after", page.next])} rel="next">
              {t("console.common.next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

/** A sortable column's header: a link that sorts by it (or turns the order round), and says how it sorts. */
function SortHeader({
  column,
  label,
  sort,
  href,
  children,
}: {
  column: (typeof SORT_COLUMNS)[number];
  label: string;
  sort: AccountSort;
  href: string;
  children?: ReactNode;
}) {
  const current = sort.sort === column.sort;
  return (
    <th scope="col" aria-sort={current ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
      {children}
      <Link to={href} className="sort-link">
        {label}
        {current ? <span aria-hidden="true">{sort.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

/** The tab's title in the reader's language (the root loader's, as on the page). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: data ? t("consoleAccounts.list.pageTitle", { organisation: data.tenant.name }) : "Glasshouse" }];
};
