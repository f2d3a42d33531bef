// The operator's pages as a browser drives them: /operator for the platform operator's staff (404 for
// anyone else; nothing personal of a customer on it; every form answering with its errors next to the
// fields and what was typed kept), and a customer's /t/:tenant/operator-access and settings (members only;
// approving and changing the mode only after a fresh second factor).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { operatorAccessRequests, organisations, type AdminRole, type OrganisationKind } from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import { action as operatorAction, loader as operatorLoader } from "~/routes/operator._index";
import { action as accessAction, loader as accessLoader } from "~/routes/t.$tenant.operator-access";
import { action as settingsAction, loader as settingsLoader } from "~/routes/t.$tenant.settings";
import { requireTenantAccess } from "~/tenancy/access.server";
import { confirmFactorNow } from "~/testing/actors";
import {
  formRequest,
  getRequest,
  responseOf,
  setupTestDatabase,
  signInCookie,
  testContext,
  unwrapData,
} from "~/testing/harness";

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const db = () => database.current.db;

type OperatorPage = Awaited<ReturnType<typeof operatorLoader>>;
type OperatorAnswer = {
  intent: string;
  message: string | null;
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};
/** What a loader that answers with `data(…)` hands the page. */
type DataOf<Result> = Result extends { data: infer Data } ? Data : never;
type AccessPageData = DataOf<Awaited<ReturnType<typeof accessLoader>>>;
type SettingsPageData = DataOf<Awaited<ReturnType<typeof settingsLoader>>>;

let serial = 0;

async function newOrganisation(kind: OrganisationKind, name: string) {
  serial += 1;
  return createOrganisation(db(), { slug: `${kind}-${serial}`, name, kind });
}

/** A person who can sign in, and their session cookie. */
async function signedIn(org: { id: string; slug: string }, first: string, roles: AdminRole[] = []) {
  serial += 1;
  const email = `${first.toLowerCase()}${serial}@${org.slug}.example`;
  const { id } = await createAccount(db(), {
    tenantId: org.id,
    email,
    displayName: `${first} ${org.slug}`,
    password: PASSWORD,
    roles,
  });
  return { id, email, cookie: await signInCookie(email, PASSWORD) };
}

async function newCustomer(mode: "notify" | "approve") {
  const org = await newOrganisation("customer", `Customer ${serial + 1}`);
  await db().update(organisations).set({ operatorAccessMode: mode }).where(eq(organisations.id, org.id));
  return {
    ...org,
    dana: await signedIn(org, "Dana", ["domain_admin"]),
    bob: await signedIn(org, "Bob", ["helpdesk_admin"]),
  };
}

let operator: { id: string; slug: string; name: string };
let oscar: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  operator = await createOrganisation(db(), { slug: "glasshouse-ops", name: "Glasshouse Ops", kind: "operator" });
  oscar = await signedIn(operator, "Oscar", ["domain_admin"]);
});

function loadOperator(cookie: string) {
  return operatorLoader({ request: getRequest("/operator", cookie), params: {}, context: testContext });
}

async function postOperator(fields: Record<string, string>, cookie: string) {
  return unwrapData<OperatorAnswer>(
    await operatorAction({ request: formRequest("/operator", fields, cookie), params: {}, context: testContext }),
  );
}

function accessPath(customer: { slug: string }) {
  return `/t/${customer.slug}/operator-access`;
}

async function loadAccess(customer: { slug: string }, cookie: string) {
  return unwrapData<AccessPageData>(
    await accessLoader({
      request: getRequest(accessPath(customer), cookie),
      params: { tenant: customer.slug },
      context: testContext,
    }),
  ).data;
}

function postAccess(customer: { slug: string }, fields: Record<string, string>, cookie: string) {
  return accessAction({
    request: formRequest(accessPath(customer), fields, cookie),
    params: { tenant: customer.slug },
    context: testContext,
  });
}

const REQUEST = {
  intent: "request",
  scope: "organisation",
  readOnly: "on",
  ticketReference: "SUP-4711",
  justification: "Sign-in loop reported by the customer",
  durationMinutes: "60",
};

async function askAs(customer: { id: string }, fields: Record<string, string> = {}) {
  return postOperator({ ...REQUEST, customerId: customer.id, ...fields }, oscar.cookie);
}

async function requestsOf(customer: { id: string }) {
  return db().select().from(operatorAccessRequests).where(eq(operatorAccessRequests.tenantId, customer.id));
}

// ─── /operator ────────────────────────────────────────────────────────────────────────────────────

describe("the operator's home", () => {
  it("shows operator staff every organisation's name, kind and size, and nothing personal", async () => {
    const customer = await newCustomer("approve");
    const page = unwrapData<OperatorPage>(await loadOperator(oscar.cookie)).data;
    const listed = page.organisations.find((organisation) => organisation.id === customer.id);
    expect(listed).toMatchObject({ name: customer.name, kind: "customer", accounts: 2, activeAccounts: 2 });
    expect(page.organisations.map((organisation) => organisation.kind)).toContain("operator");
    expect(JSON.stringify(page)).not.toContain(customer.dana.email);
    expect(page.decisions.create?.outcome).toBe("allow");
  });

  it("answers 404 to anyone who is not the operator's staff", async () => {
    const customer = await newCustomer("approve");
    const reseller = await newOrganisation("reseller", "Northwind Partners");
    const rosa = await signedIn(reseller, "Rosa", ["domain_admin"]);
    const olive = await signedIn(operator, "Olive");
    for (const cookie of [customer.dana.cookie, rosa.cookie, olive.cookie]) {
      expect((await responseOf(() => loadOperator(cookie))).status).toBe(404);
      const post = await responseOf(() =>
        operatorAction({
          request: formRequest("/operator", { ...REQUEST, customerId: customer.id }, cookie),
          params: {},
          context: testContext,
        }),
      );
      expect(post.status).toBe(404);
    }
    expect(await requestsOf(customer)).toEqual([]);
  });

  it("keeps what was typed, with each error next to its field, when asking for access goes wrong", async () => {
    const customer = await newCustomer("notify");
    const answer = await askAs(customer, { justification: "", durationMinutes: "481" });
    expect(answer.status).toBe(400);
    expect(answer.data.intent).toBe("request");
    expect(answer.data.fieldErrors.justification).toEqual(["Say why you need access: the customer reads this."]);
    expect(answer.data.fieldErrors.durationMinutes).toEqual(["Operator access lasts at most 8 hours (480 minutes)."]);
    expect(answer.data.values).toMatchObject({
      ticketReference: "SUP-4711",
      durationMinutes: "481",
      customerId: customer.id,
    });
    expect(await requestsOf(customer)).toEqual([]);

    const unknown = await askAs(customer, { scope: "account", subjectEmail: "nobody@nowhere.example" });
    expect(unknown.status).toBe(409);
    expect(unknown.data.fieldErrors.subjectEmail).toEqual(["No account of this organisation has that email address."]);
    expect(unknown.data.values.subjectEmail).toBe("nobody@nowhere.example");
  });

  it("puts a taken address next to its field, with the rest of the form as typed", async () => {
    const customer = await newCustomer("approve");
    const answer = await postOperator(
      {
        intent: "create",
        name: "Second Acme",
        slug: customer.slug,
        kind: "customer",
        primaryDomain: "",
        operatorAccessMode: "approve",
        adminName: "Ada Admin",
        adminEmail: "ada@second-acme.example",
      },
      oscar.cookie,
    );
    expect(answer.status).toBe(409);
    expect(answer.data.fieldErrors.slug).toEqual(["Another organisation already has that address: choose another."]);
    expect(answer.data.values).toMatchObject({ name: "Second Acme", adminEmail: "ada@second-acme.example" });
  });

  it("asks for access, lists it with a way into the customer while it is live, and ends it", async () => {
    const customer = await newCustomer("notify");
    const asked = await askAs(customer);
    expect(asked.status).toBe(200);
    expect(asked.data.message).toMatch(/^Access #1 has started and ends at /);

    const page = unwrapData<OperatorPage>(await loadOperator(oscar.cookie)).data;
    const listed = page.access.find((row) => row.customerId === customer.id)!;
    expect(listed).toMatchObject({ number: 1, status: "active", live: true, customerSlug: customer.slug });
    expect(listed.end?.outcome).toBe("allow");

    const ended = await postOperator({ intent: "end", accessId: listed.id, customerId: customer.id }, oscar.cookie);
    expect(ended.data.message).toBe("Access #1 has ended.");
    const after = unwrapData<OperatorPage>(await loadOperator(oscar.cookie)).data;
    expect(after.access.find((row) => row.id === listed.id)).toMatchObject({
      status: "revoked",
      live: false,
      end: null,
    });
  });
});

// ─── /t/:tenant/operator-access ───────────────────────────────────────────────────────────────────

describe("a customer's operator-access page", () => {
  it("shows the customer's admins every request with ticket, justification, who, scope and status", async () => {
    const customer = await newCustomer("approve");
    await askAs(customer);
    const page = await loadAccess(customer, customer.dana.cookie);
    expect(page.mode).toBe("approve");
    expect(page.requests).toHaveLength(1);
    expect(page.requests[0]).toMatchObject({
      number: 1,
      ticketReference: "SUP-4711",
      justification: REQUEST.justification,
      operatorName: `Oscar ${operator.slug}`,
      operatorOrganisation: "Glasshouse Ops",
      subjectAccountId: null,
      readOnly: true,
      status: "requested",
      approve: { outcome: "needs_step_up" },
      deny: { outcome: "allow" },
    });

    // A helpdesk admin sees it too, and why the answer is not theirs to give.
    const asBob = await loadAccess(customer, customer.bob.cookie);
    expect(asBob.requests[0]!.approve).toMatchObject({ outcome: "deny" });
  });

  it("answers 404 to the operator inside the console, to another organisation and to a member without a role", async () => {
    const customer = await newCustomer("notify");
    await askAs(customer);
    // The operator is inside the customer's console, but this page is the customer's own.
    const inside = await requireTenantAccess(getRequest(`/t/${customer.slug}/`, oscar.cookie), customer.slug);
    expect(inside.access.kind).toBe("operator");
    const other = await newCustomer("notify");
    const member = await signedIn(customer, "Mia");
    for (const cookie of [oscar.cookie, other.dana.cookie, member.cookie]) {
      const response = await responseOf(() =>
        accessLoader({
          request: getRequest(accessPath(customer), cookie),
          params: { tenant: customer.slug },
          context: testContext,
        }),
      );
      expect(response.status).toBe(404);
    }
    const [row] = await requestsOf(customer);
    const ending = await responseOf(() => postAccess(customer, { intent: "end", accessId: row!.id }, oscar.cookie));
    expect(ending.status).toBe(404);
    expect((await requestsOf(customer))[0]!.status).toBe("active");
  });

  it("approves only after a fresh second factor, and then lets the operator in", async () => {
    const customer = await newCustomer("approve");
    await askAs(customer);
    const [row] = await requestsOf(customer);
    const fields = { intent: "approve", accessId: row!.id };

    const asked = await responseOf(() => postAccess(customer, fields, customer.dana.cookie));
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(
      `/confirm?${new URLSearchParams({ redirectTo: `${accessPath(customer)}?resume=1` })}`,
    );
    expect((await requestsOf(customer))[0]!.status).toBe("requested");

    await confirmFactorNow(db(), customer.dana.cookie);
    const approved = unwrapData<OperatorAnswer>(await postAccess(customer, fields, customer.dana.cookie));
    expect(approved.status).toBe(200);
    expect(approved.data.message).toMatch(/^Access #1 approved: it ends at /);
    const inside = await requireTenantAccess(getRequest(`/t/${customer.slug}/`, oscar.cookie), customer.slug);
    expect(inside.access).toMatchObject({ kind: "operator", status: "active" });

    const again = unwrapData<OperatorAnswer>(
      await postAccess(customer, { intent: "deny", accessId: row!.id }, customer.dana.cookie),
    );
    expect(again.status).toBe(409);
    expect(again.data.formError).toBe("This request has already been answered or has ended.");
  });

  it("answers a request it does not understand without a server error", async () => {
    const customer = await newCustomer("approve");
    const answer = unwrapData<OperatorAnswer>(await postAccess(customer, { intent: "explode" }, customer.dana.cookie));
    expect(answer.status).toBe(400);
    const missing = unwrapData<OperatorAnswer>(
      await postAccess(customer, { intent: "deny", accessId: "not-an-id" }, customer.dana.cookie),
    );
    expect(missing.status).toBe(400);
    expect(missing.data.fieldErrors.accessId).toEqual(["Choose an operator access request."]);
  });
});

// ─── Settings ─────────────────────────────────────────────────────────────────────────────────────

describe("the operator-access setting", () => {
  it("is offered to a customer and saved after a step-up, with the reason", async () => {
    const customer = await newCustomer("approve");
    const page = unwrapData<SettingsPageData>(
      await settingsLoader({
        request: getRequest(`/t/${customer.slug}/settings`, customer.dana.cookie),
        params: { tenant: customer.slug },
        context: testContext,
      }),
    ).data;
    expect(page.operatorAccessMode).toBe("approve");
    expect(page.tenant.kind).toBe("customer");

    const post = (cookie: string) =>
      settingsAction({
        request: formRequest(
          `/t/${customer.slug}/settings`,
          { intent: "operatorAccess", operatorAccessMode: "notify", reason: "Support needs to start quickly" },
          cookie,
        ),
        params: { tenant: customer.slug },
        context: testContext,
      });
    expect((await responseOf(() => post(customer.dana.cookie))).status).toBe(302);
    await confirmFactorNow(db(), customer.dana.cookie);
    const saved = unwrapData<OperatorAnswer>(await post(customer.dana.cookie));
    expect(saved.data.message).toBe("Saved. Operator access now starts at once, and your domain admins are emailed.");
    const [row] = await db()
      .select({ mode: organisations.operatorAccessMode })
      .from(organisations)
      .where(eq(organisations.id, customer.id));
    expect(row!.mode).toBe("notify");
  });

  it("keeps the reason's error next to it, and the mode as chosen", async () => {
    const customer = await newCustomer("approve");
    await confirmFactorNow(db(), customer.dana.cookie);
    const answer = unwrapData<OperatorAnswer>(
      await settingsAction({
        request: formRequest(
          `/t/${customer.slug}/settings`,
          { intent: "operatorAccess", operatorAccessMode: "notify", reason: "" },
          customer.dana.cookie,
        ),
        params: { tenant: customer.slug },
        context: testContext,
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.fieldErrors.reason?.[0]).toMatch(/^Say why you are doing this/);
    expect(answer.data.values).toMatchObject({ operatorAccessMode: "notify" });
  });
});
