// Legal holds end to end on a real database: placing, changing and releasing one through the action layer
// (decision, rows and audit entry together, or nothing), what a hold does to the accounts it covers, and
// the two console pages as an admin uses them. Each test makes its own organisation and people.
import { randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEntries, legalHoldAccounts, legalHolds, sessions, type AdminRole } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { hashSessionToken } from "~/auth/session-adapter.server";
import { tenantScope } from "~/db.server";
import { getHold, heldAccountIds, listHolds } from "~/holds/holds.server";
import { action as holdAction, loader as holdLoader } from "~/routes/t.$tenant.holds.$holdId";
import { action as holdsAction, loader as holdsLoader } from "~/routes/t.$tenant.holds._index";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";
import { testActor } from "~/testing/actors";
import type { Actor } from "./actor.server";
import { decideForUi, performAction } from "./perform.server";
import { loadAccountResource, loadAccountResources } from "./resources.server";

const PASSWORD = "correct horse battery staple";
const REASON = "Litigation notice 2026-14, ticket 5120";
const database = setupTestDatabase();

// ─── Organisations and people ─────────────────────────────────────────────────────────────────────

interface Person {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: AdminRole[];
}

let serial = 0;

/**
 * An organisation with a domain admin (Dana), a compliance officer (Cora), a helpdesk admin (Bob) and
 * three members (Alice, Carl, Erin).
 */
async function newOrganisation() {
  serial += 1;
  const slug = `org-${serial}`;
  const org = await createOrganisation(database.current.db, { slug, name: `Organisation ${serial}` });
  const person = async (first: string, roles: AdminRole[] = []): Promise<Person> => {
    const email = `${first.toLowerCase()}${serial}@${slug}.example`;
    const name = `${first} ${slug}`;
    const { id } = await createAccount(database.current.db, {
      tenantId: org.id,
      email,
      displayName: name,
      password: PASSWORD,
      roles,
    });
    return { id, tenantId: org.id, email, name, roles };
  };
  return {
    ...org,
    dana: await person("Dana", ["domain_admin"]),
    cora: await person("Cora", ["compliance_officer"]),
    bob: await person("Bob", ["helpdesk_admin"]),
    alice: await person("Alice"),
    carl: await person("Carl"),
    erin: await person("Erin"),
  };
}

type Organisation = Awaited<ReturnType<typeof newOrganisation>>;

function actorFor(person: Person, options: { fresh?: boolean } = {}): Actor {
  return testActor(person, { freshFactor: options.fresh, requestId: "req-holds" });
}

// ─── Reading back ─────────────────────────────────────────────────────────────────────────────────

async function holdsOf(org: { id: string }) {
  return database.current.db.select().from(legalHolds).where(eq(legalHolds.tenantId, org.id));
}

async function heldIdsOf(holdId: string): Promise<string[]> {
  const rows = await database.current.db
    .select({ accountId: legalHoldAccounts.accountId })
    .from(legalHoldAccounts)
    .where(eq(legalHoldAccounts.holdId, holdId));
  return rows.map((row) => row.accountId).sort();
}

async function holdAccountRows(org: { id: string }): Promise<number> {
  const [row] = await database.current.db
    .select({ n: count() })
    .from(legalHoldAccounts)
    .where(eq(legalHoldAccounts.tenantId, org.id));
  return Number(row!.n);
}

async function entriesOf(org: { id: string }, action: string) {
  return database.current.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, org.id), eq(auditEntries.action, action)))
    .orderBy(auditEntries.seq);
}

function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

async function place(org: Organisation, by: Person, input: Record<string, unknown> = {}) {
  return performAction<{ holdId: string; name: string; accountCount: number }>(actorFor(by), "hold.place", {
    name: "Matter 2026-14",
    scope: "accounts",
    accountIds: [org.alice.id, org.carl.id],
    discloseToSubject: false,
    reason: REASON,
    ...input,
  });
}

async function placed(org: Organisation, input: Record<string, unknown> = {}): Promise<string> {
  const result = await place(org, org.cora, input);
  if (!result.ok) throw new Error(`The hold was not placed: ${JSON.stringify(result)}`);
  return result.output.holdId;
}

// ─── Placing ──────────────────────────────────────────────────────────────────────────────────────

describe("placing a legal hold", () => {
  it("on chosen accounts writes the hold, its accounts and one audit entry for the admins", async () => {
    const org = await newOrganisation();
    const result = await place(org, org.cora, {
      description: "Documents relating to the 2025 supplier contract",
      reference: "LIT-2026-14",
      discloseToSubject: true,
    });
    expect(result).toMatchObject({ ok: true, output: { name: "Matter 2026-14", accountCount: 2 } });
    const [hold] = await holdsOf(org);
    expect(hold).toMatchObject({
      name: "Matter 2026-14",
      description: "Documents relating to the 2025 supplier contract",
      reference: "LIT-2026-14",
      scope: "accounts",
      discloseToSubject: true,
      createdBy: org.cora.id,
      releasedAt: null,
    });
    expect(await heldIdsOf(hold!.id)).toEqual(sorted([org.alice.id, org.carl.id]));
    const [entry, ...more] = await entriesOf(org, "hold.place");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      outcome: "allowed",
      actorAccountId: org.cora.id,
      subjectAccountId: null,
      target: { type: "legalHold", id: hold!.id, name: "Matter 2026-14" },
      reason: REASON,
      visibility: "admins",
      changes: {
        before: null,
        after: {
          scope: "accounts",
          accountCount: 2,
          accountIds: [org.alice.id, org.carl.id],
          discloseToSubject: true,
        },
      },
    });
    expect(entry!.policyIds).toContain("role.compliance-officer");
  });

  it("on the whole organisation covers every account, including those it does not name", async () => {
    const org = await newOrganisation();
    const result = await place(org, org.dana, { name: "Regulator inquiry", scope: "organisation", accountIds: [] });
    expect(result.ok).toBe(true);
    const [hold] = await holdsOf(org);
    expect(hold).toMatchObject({ scope: "organisation", createdBy: org.dana.id });
    expect(await heldIdsOf(hold!.id)).toEqual([]);
    const resources = await tenantScope(org.id, (tx) =>
      loadAccountResources(tx, org.id, [org.alice.id, org.erin.id, org.dana.id]),
    );
    for (const resource of resources) expect(resource.holds.map((h) => h.name)).toEqual(["Regulator inquiry"]);
    const [entry] = await entriesOf(org, "hold.place");
    expect(entry).toMatchObject({ outcome: "allowed", changes: { after: { scope: "organisation", accountCount: 0 } } });
  });

  it("without a second factor confirmed in the last ten minutes needs a step-up and writes nothing", async () => {
    const org = await newOrganisation();
    const result = await performAction(actorFor(org.cora, { fresh: false }), "hold.place", {
      name: "Matter 2026-14",
      scope: "accounts",
      accountIds: [org.alice.id],
      reason: REASON,
    });
    expect(result).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await holdsOf(org)).toEqual([]);
    expect(await holdAccountRows(org)).toBe(0);
    const [entry] = await entriesOf(org, "hold.place");
    expect(entry).toMatchObject({ outcome: "needs_step_up", policyIds: ["step-up.second-factor"] });
  });

  it("is refused to a helpdesk admin, and the refusal is recorded", async () => {
    const org = await newOrganisation();
    const result = await place(org, org.bob);
    expect(result).toMatchObject({ ok: false, kind: "denied" });
    expect(await holdsOf(org)).toEqual([]);
    const [entry] = await entriesOf(org, "hold.place");
    expect(entry).toMatchObject({ outcome: "denied", actorAccountId: org.bob.id, visibility: "admins" });
  });

  it("asks for a reason, a name and accounts, next to each field", async () => {
    const org = await newOrganisation();
    const noReason = await place(org, org.cora, { reason: "   " });
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });
    expect(noReason.ok === false && noReason.kind === "invalid" && noReason.fieldErrors.reason).toBeTruthy();
    const noAccounts = await place(org, org.cora, { accountIds: [] });
    expect(noAccounts).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { accountIds: ["Choose at least one account to hold."] },
    });
    const organisationWithAccounts = await place(org, org.cora, { scope: "organisation" });
    expect(organisationWithAccounts).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { accountIds: [expect.any(String)] },
    });
    const noName = await place(org, org.cora, { name: "" });
    expect(noName).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { name: ["Give the hold a name."] } });
    const garbageId = await place(org, org.cora, { accountIds: ["not-an-id"] });
    expect(garbageId).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { accountIds: [expect.any(String)] } });
    expect(await holdsOf(org)).toEqual([]);
  });

  it("refuses an account of another organisation, or one deleted meanwhile, on accountIds and writes nothing", async () => {
    const org = await newOrganisation();
    const other = await newOrganisation();
    for (const stranger of [other.alice.id, randomUUID()]) {
      const result = await place(org, org.cora, { accountIds: [org.alice.id, stranger] });
      expect(result).toMatchObject({ ok: false, kind: "failed", field: "accountIds" });
      expect(result.ok === false && result.kind === "failed" && result.message).toMatch(
        /not an account of this organisation/,
      );
    }
    expect(await holdsOf(org)).toEqual([]);
    expect(await holdAccountRows(org)).toBe(0);
    expect(await holdAccountRows(other)).toBe(0);
    const entries = await entriesOf(org, "hold.place");
    expect(entries.map((entry) => entry.outcome)).toEqual(["failed", "failed"]);
  });
});

// ─── Changing and releasing ───────────────────────────────────────────────────────────────────────

describe("changing a legal hold", () => {
  it("adds and removes accounts; adding one already held is harmless", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const result = await performAction(actorFor(org.dana), "hold.update", {
      holdId,
      addAccountIds: [org.erin.id, org.alice.id],
      removeAccountIds: [org.carl.id],
      reason: "Erin joined the project; Carl never worked on it",
    });
    expect(result).toMatchObject({ ok: true, output: { added: 1, alreadyHeld: 1, removed: 1, accountCount: 2 } });
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.erin.id]));
    const [entry] = await entriesOf(org, "hold.update");
    expect(entry).toMatchObject({
      outcome: "allowed",
      subjectAccountId: null,
      target: { type: "legalHold", id: holdId, name: "Matter 2026-14" },
      visibility: "admins",
      changes: {
        before: { accountCount: 2 },
        after: { accountCount: 2, addedAccountIds: [org.erin.id], removedAccountIds: [org.carl.id] },
      },
    });
  });

  it("refuses an account of another organisation on addAccountIds and changes nothing", async () => {
    const org = await newOrganisation();
    const other = await newOrganisation();
    const holdId = await placed(org);
    const result = await performAction(actorFor(org.cora), "hold.update", {
      holdId,
      addAccountIds: [org.erin.id, other.erin.id],
      removeAccountIds: [org.carl.id],
      reason: REASON,
    });
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "addAccountIds" });
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.carl.id]));
  });

  it("needs accounts to add or remove, and a reason", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const result = await performAction(actorFor(org.cora), "hold.update", { holdId, reason: "" });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    const errors = result.ok === false && result.kind === "invalid" ? result.fieldErrors : {};
    expect(Object.keys(errors).sort()).toEqual(["addAccountIds", "reason"]);
  });

  it("is refused on a hold of another organisation as if it did not exist", async () => {
    const org = await newOrganisation();
    const other = await newOrganisation();
    const holdId = await placed(org);
    const result = await performAction(actorFor(other.dana), "hold.update", {
      holdId,
      addAccountIds: [other.alice.id],
      reason: REASON,
    });
    expect(result).toMatchObject({ ok: false, kind: "denied", decision: { policyIds: ["resource-not-found"] } });
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.carl.id]));
  });

  it("has no accounts to change on a hold of the whole organisation", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org, { scope: "organisation", accountIds: [] });
    const result = await performAction(actorFor(org.cora), "hold.update", {
      holdId,
      addAccountIds: [org.alice.id],
      reason: REASON,
    });
    expect(result).toMatchObject({ ok: false, kind: "failed", field: "addAccountIds" });
    expect(await heldIdsOf(holdId)).toEqual([]);
  });
});

describe("releasing a legal hold", () => {
  it("records who released it, when and why; a second release and any later change are refused", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const released = await performAction(actorFor(org.cora), "hold.release", {
      holdId,
      reason: "Case settled, counsel confirmed",
    });
    expect(released).toMatchObject({ ok: true, output: { holdId, name: "Matter 2026-14" } });
    const [hold] = await holdsOf(org);
    expect(hold).toMatchObject({ releasedBy: org.cora.id, releaseReason: "Case settled, counsel confirmed" });
    expect(hold!.releasedAt).toBeInstanceOf(Date);
    const [entry] = await entriesOf(org, "hold.release");
    expect(entry).toMatchObject({
      outcome: "allowed",
      reason: "Case settled, counsel confirmed",
      target: { type: "legalHold", id: holdId, name: "Matter 2026-14" },
      changes: { before: { released: false, accountCount: 2 }, after: { released: true, accountCount: 2 } },
      visibility: "admins",
    });

    const again = await performAction(actorFor(org.dana), "hold.release", { holdId, reason: "Once more" });
    expect(again).toMatchObject({
      ok: false,
      kind: "failed",
      message: "Legal hold 'Matter 2026-14' has already been released.",
    });
    const change = await performAction(actorFor(org.dana), "hold.update", {
      holdId,
      addAccountIds: [org.erin.id],
      reason: REASON,
    });
    expect(change).toMatchObject({ ok: false, kind: "failed" });
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.carl.id]));
    const [after] = await holdsOf(org);
    expect(after!.releasedBy).toBe(org.cora.id);
  });

  it("needs a reason and a fresh second factor", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    expect(await performAction(actorFor(org.cora), "hold.release", { holdId, reason: "" })).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { reason: [expect.any(String)] },
    });
    expect(
      await performAction(actorFor(org.cora, { fresh: false }), "hold.release", { holdId, reason: REASON }),
    ).toMatchObject({ ok: false, kind: "needs_step_up" });
    expect(await performAction(actorFor(org.bob), "hold.release", { holdId, reason: REASON })).toMatchObject({
      ok: false,
      kind: "denied",
    });
    const [hold] = await holdsOf(org);
    expect(hold!.releasedAt).toBeNull();
  });
});

// ─── What a hold does ─────────────────────────────────────────────────────────────────────────────

describe("an account under legal hold", () => {
  it("cannot be purged while the hold is active; releasing it lifts that", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const alice = await tenantScope(org.id, (tx) => loadAccountResource(tx, org.id, org.alice.id));
    expect(alice!.holds).toEqual([
      expect.objectContaining({ id: holdId, name: "Matter 2026-14", placedByName: org.cora.name }),
    ]);
    const [purge] = decideForUi(actorFor(org.dana), [{ action: "account.purge", resource: alice! }]);
    expect(purge).toMatchObject({ outcome: "deny", policyIds: ["legal-hold.nothing-deleted"] });
    expect(purge!.sentence).toContain("Matter 2026-14");

    await performAction(actorFor(org.cora), "hold.release", { holdId, reason: "Case settled" });
    const freed = await tenantScope(org.id, (tx) => loadAccountResource(tx, org.id, org.alice.id));
    expect(freed!.holds).toEqual([]);
    const [after] = decideForUi(actorFor(org.dana), [{ action: "account.purge", resource: freed! }]);
    expect(after!.outcome).toBe("allow");
  });

  it("is not purged through the action layer: refused by legal-hold.nothing-deleted, its data kept", async () => {
    const org = await newOrganisation();
    await placed(org, { name: "Everything", scope: "organisation", accountIds: [] });
    const result = await performAction(actorFor(org.dana), "account.purge", {
      accountId: org.erin.id,
      reason: "Grace period over",
    });
    expect(result).toMatchObject({
      ok: false,
      kind: "denied",
      decision: { policyIds: ["legal-hold.nothing-deleted"] },
    });
    const [erin] = await database.current.db
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.id, org.erin.id));
    expect(erin!.email).toBe(org.erin.email);
  });

  it("is flagged by heldAccountIds, whether the hold names it or covers the whole organisation", async () => {
    const org = await newOrganisation();
    await placed(org, { accountIds: [org.alice.id] });
    const ids = [org.alice.id, org.carl.id, org.erin.id, "not-an-id"];
    expect([...(await tenantScope(org.id, (tx) => heldAccountIds(tx, org.id, ids)))]).toEqual([org.alice.id]);
    await placed(org, { name: "Everything", scope: "organisation", accountIds: [] });
    expect(sorted([...(await tenantScope(org.id, (tx) => heldAccountIds(tx, org.id, ids)))])).toEqual(
      sorted([org.alice.id, org.carl.id, org.erin.id]),
    );
  });

  it("is listed with its hold, and the list counts what each hold covers", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    await placed(org, { name: "Everything", scope: "organisation", accountIds: [] });
    const { list, detail } = await tenantScope(org.id, async (tx) => ({
      list: await listHolds(tx, org.id),
      detail: await getHold(tx, org.id, holdId),
    }));
    expect(list.map((hold) => [hold.name, hold.accountCount, hold.accountsCovered, hold.placedByName])).toEqual([
      ["Everything", 0, 6, org.cora.name],
      ["Matter 2026-14", 2, 2, org.cora.name],
    ]);
    expect(detail!.accounts.map((account) => account.email).sort()).toEqual(sorted([org.alice.email, org.carl.email]));
    expect(await tenantScope(org.id, (tx) => getHold(tx, org.id, "garbage"))).toBeNull();
  });
});

// ─── The console pages ────────────────────────────────────────────────────────────────────────────

const sessionIdOf = (cookie: string) => hashSessionToken(cookie.slice(cookie.indexOf("=") + 1));

/** Signs in; with `fresh`, marks the session as having confirmed a second factor just now, as /confirm does. */
async function cookieOf(person: Person, options: { fresh?: boolean } = { fresh: true }): Promise<string> {
  const cookie = await signInCookie(person.email, PASSWORD);
  if (options.fresh) {
    await database.current.db
      .update(sessions)
      .set({ secondFactorAt: sql`now()` })
      .where(eq(sessions.id, sessionIdOf(cookie)));
  }
  return cookie;
}

type PlaceData = {
  values: Record<string, string | undefined>;
  fieldErrors: Record<string, string[] | undefined>;
  formError: string | null;
  placed: { id: string; name: string } | null;
};

type HoldData = {
  intent: string | null;
  accountId: string | null;
  values: { emails: string; reason: string };
  fieldErrors: Record<string, string[] | undefined>;
  formError: string | null;
  message: string | null;
};

async function postPlace(org: Organisation, cookie: string, fields: Record<string, string>) {
  return unwrapData<PlaceData>(
    await holdsAction({
      request: formRequest(`/t/${org.slug}/holds?index`, fields, cookie),
      params: { tenant: org.slug },
      context: testContext,
    }),
  );
}

async function postHold(org: Organisation, holdId: string, cookie: string, fields: Record<string, string>) {
  return unwrapData<HoldData>(
    await holdAction({
      request: formRequest(`/t/${org.slug}/holds/${holdId}`, fields, cookie),
      params: { tenant: org.slug, holdId },
      context: testContext,
    }),
  );
}

function holdPage(org: Organisation, holdId: string, cookie: string) {
  return holdLoader({
    request: getRequest(`/t/${org.slug}/holds/${holdId}`, cookie),
    params: { tenant: org.slug, holdId },
    context: testContext,
  });
}

describe("the legal holds page", () => {
  it("places a hold on accounts chosen by email", async () => {
    const org = await newOrganisation();
    const cookie = await cookieOf(org.cora);
    const result = await postPlace(org, cookie, {
      name: "Matter 2026-14",
      reference: "LIT-14",
      scope: "accounts",
      emails: `${org.alice.email}\n${org.carl.email.toUpperCase()}\n\n${org.alice.email}`,
      discloseToSubject: "on",
      reason: REASON,
    });
    expect(result.status).toBe(200);
    expect(result.data.placed).toMatchObject({ name: "Matter 2026-14" });
    expect(await heldIdsOf(result.data.placed!.id)).toEqual(sorted([org.alice.id, org.carl.id]));
    const [hold] = await holdsOf(org);
    expect(hold).toMatchObject({ reference: "LIT-14", discloseToSubject: true, createdBy: org.cora.id });

    const page = unwrapData<{ holds: { name: string; accountsCovered: number }[] }>(
      await holdsLoader({
        request: getRequest(`/t/${org.slug}/holds`, cookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(page.data.holds).toMatchObject([{ name: "Matter 2026-14", accountsCovered: 2 }]);
  });

  it("reports unknown emails next to the field, keeps what was typed and writes nothing", async () => {
    const org = await newOrganisation();
    const other = await newOrganisation();
    const cookie = await cookieOf(org.cora);
    const typed = {
      name: "Matter 2026-14",
      description: "Supplier contract",
      reference: "LIT-14",
      scope: "accounts",
      emails: `${org.alice.email}\nnobody@nowhere.example\n${other.alice.email}`,
      reason: "",
    };
    const result = await postPlace(org, cookie, typed);
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors.emails).toEqual([
      `No accounts of this organisation have these emails: nobody@nowhere.example, ${other.alice.email}.`,
    ]);
    expect(result.data.fieldErrors.reason).toEqual([expect.any(String)]);
    expect(result.data.values).toMatchObject(typed);
    expect(result.data.placed).toBeNull();
    expect(await holdsOf(org)).toEqual([]);
    expect(await entriesOf(org, "hold.place")).toEqual([]);
  });

  it("shows a helpdesk admin the place button refused, with the engine's sentence", async () => {
    const org = await newOrganisation();
    const cookie = await cookieOf(org.bob);
    const page = unwrapData<{ decision: { outcome: string; sentence: string } }>(
      await holdsLoader({
        request: getRequest(`/t/${org.slug}/holds`, cookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(page.data.decision.outcome).toBe("deny");
    expect(page.data.decision.sentence).toBeTruthy();
    const posted = await postPlace(org, cookie, {
      name: "Matter",
      scope: "organisation",
      emails: "",
      reason: REASON,
    });
    expect(posted.status).toBe(403);
    expect(posted.data.formError).toBe(page.data.decision.sentence);
    expect(await holdsOf(org)).toEqual([]);
  });

  it("sends an admin without a fresh second factor to confirm one, and offers the form back afterwards", async () => {
    const org = await newOrganisation();
    const cookie = await cookieOf(org.cora, { fresh: false });
    const fields = { name: "Matter 2026-14", scope: "organisation", emails: "", reason: REASON };
    const response = await responseOf(() =>
      holdsAction({
        request: formRequest(`/t/${org.slug}/holds?index`, fields, cookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/confirm\?/);
    expect(await holdsOf(org)).toEqual([]);
    const resumeCookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const page = unwrapData<{ resume: Record<string, string> | null }>(
      await holdsLoader({
        request: getRequest(`/t/${org.slug}/holds?resume=1`, `${cookie}; ${resumeCookie}`),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(page.data.resume).toMatchObject(fields);
  });
});

describe("the page of one legal hold", () => {
  it("answers 404 for a hold of another organisation and for an id that is not one", async () => {
    const org = await newOrganisation();
    const other = await newOrganisation();
    const theirs = await placed(other);
    const cookie = await cookieOf(org.dana);
    for (const holdId of [theirs, "garbage", randomUUID(), "'; drop table legal_holds; --"]) {
      expect((await responseOf(() => holdPage(org, holdId, cookie))).status).toBe(404);
      const posted = await responseOf(() =>
        holdAction({
          request: formRequest(`/t/${org.slug}/holds/x`, { intent: "release", reason: REASON }, cookie),
          params: { tenant: org.slug, holdId },
          context: testContext,
        }),
      );
      expect(posted.status).toBe(404);
    }
    const [hold] = await holdsOf(other);
    expect(hold!.releasedAt).toBeNull();
  });

  it("lists the accounts, adds some by email, removes one and releases the hold", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const cookie = await cookieOf(org.cora);
    const page = unwrapData<{
      hold: { name: string; accounts: { id: string; email: string }[] };
      decisions: { update: { outcome: string }; release: { outcome: string } };
    }>(await holdPage(org, holdId, cookie));
    expect(page.data.hold.accounts.map((account) => account.id).sort()).toEqual(sorted([org.alice.id, org.carl.id]));
    expect(page.data.decisions.update.outcome).toBe("allow");
    expect(page.data.decisions.release.outcome).toBe("allow");

    const added = await postHold(org, holdId, cookie, {
      intent: "add",
      emails: `${org.erin.email}, ${org.alice.email}`,
      reason: REASON,
    });
    expect(added.status).toBe(200);
    expect(added.data.message).toMatch(/^Added 1 account to the hold\. 1 account already on it/);
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.carl.id, org.erin.id]));

    const removed = await postHold(org, holdId, cookie, { intent: "remove", accountId: org.carl.id, reason: REASON });
    expect(removed.status).toBe(200);
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.erin.id]));

    const released = await postHold(org, holdId, cookie, { intent: "release", reason: "Case settled" });
    expect(released.status).toBe(200);
    const [hold] = await holdsOf(org);
    expect(hold).toMatchObject({ releaseReason: "Case settled", releasedBy: org.cora.id });

    const again = await postHold(org, holdId, cookie, { intent: "release", reason: "Case settled" });
    expect(again.status).toBe(409);
    expect(again.data.formError).toBe("Legal hold 'Matter 2026-14' has already been released.");
  });

  it("reports unknown emails and a missing reason next to their fields, with what was typed", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const cookie = await cookieOf(org.cora);
    const result = await postHold(org, holdId, cookie, {
      intent: "add",
      emails: `${org.erin.email}\nghost@${org.slug}.example`,
      reason: "",
    });
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors.emails).toEqual([
      `No account of this organisation has the email ghost@${org.slug}.example.`,
    ]);
    expect(result.data.fieldErrors.reason).toEqual([expect.any(String)]);
    expect(result.data.values).toEqual({ emails: `${org.erin.email}\nghost@${org.slug}.example`, reason: "" });
    expect(await heldIdsOf(holdId)).toEqual(sorted([org.alice.id, org.carl.id]));

    const garbage = await postHold(org, holdId, cookie, { intent: "remove", accountId: "garbage", reason: REASON });
    expect(garbage.status).toBe(400);
    expect(garbage.data.fieldErrors.accountId).toEqual([expect.any(String)]);
    const unknown = await postHold(org, holdId, cookie, { intent: "nonsense" });
    expect(unknown.status).toBe(400);
  });

  it("shows a helpdesk admin the changes refused, with the engine's sentence", async () => {
    const org = await newOrganisation();
    const holdId = await placed(org);
    const cookie = await cookieOf(org.bob);
    const page = unwrapData<{
      decisions: { update: { outcome: string; sentence: string }; release: { outcome: string; sentence: string } };
    }>(await holdPage(org, holdId, cookie));
    expect(page.data.decisions.update).toMatchObject({ outcome: "deny", sentence: expect.any(String) });
    expect(page.data.decisions.release.outcome).toBe("deny");
    const posted = await postHold(org, holdId, cookie, { intent: "release", reason: REASON });
    expect(posted.status).toBe(403);
    expect(posted.data.formError).toBe(page.data.decisions.release.sentence);
    const [hold] = await holdsOf(org);
    expect(hold!.releasedAt).toBeNull();
  });
});
