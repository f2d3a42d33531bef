// The bulk pages as Remix runs them: the confirm page reads the selection from its URL and says what will
// be skipped; starting asks for a reason and a fresh factor, keeps what was typed on an error, and hands
// over to the run's page, which shows the result. Bad input gets a clear answer and writes nothing.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkRuns } from "~db/schema";
import { loader as runLoader } from "~/routes/t.$tenant.bulk.$runId";
import { loader as runsLoader } from "~/routes/t.$tenant.bulk._index";
import { action as newAction, loader as newLoader } from "~/routes/t.$tenant.bulk.new";
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
import { testPeople, type TestOrganisation, type TestPersonRef } from "~/testing/people";
import { processBulkRun } from "./process.server";

/** Waits (up to 10 s) until every chunk of the run has committed and it is marked done. */
async function runFinished(runId: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const [run] = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.id, runId));
    if (run?.status === "done") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`bulk run ${runId} did not finish within 10 s`);
}

const PASSWORD = "correct horse battery staple";
const database = setupTestDatabase();
const make = testPeople(() => database.current.db, PASSWORD);

let org: TestOrganisation;
let dana: TestPersonRef;
let helpdesk: TestPersonRef;
let staff: TestPersonRef[];
let danaCookie: string;

beforeAll(async () => {
  org = await make.newOrganisation("Pages Ltd");
  dana = await make.newPerson(org, "Dana Pages", { roles: ["domain_admin"] });
  helpdesk = await make.newPerson(org, "Hugo Pages", { roles: ["helpdesk_admin"] });
  staff = [await make.newPerson(org, "Sam First"), await make.newPerson(org, "Sam Second")];
  danaCookie = await signInCookie(dana.email, PASSWORD);
});

function newPath(query: [string, string][]): string {
  return `/t/${org.slug}/bulk/new?${new URLSearchParams(query)}`;
}

const chosen = () => [
  ["operation", "suspend"],
  ["selection", "ids"],
  ...staff.map((one) => ["accountId", one.accountId] as [string, string]),
  ["accountId", dana.accountId],
];

describe("the confirm page", () => {
  it("lists the ticked accounts and says which will be skipped and why", async () => {
    const path = newPath(chosen() as [string, string][]);
    const { data } = unwrapData(
      await newLoader({ request: getRequest(path, danaCookie), params: { tenant: org.slug }, context: testContext }),
    );
    const loaded = data as { preview: { count: number; rows: { displayName: string; skip: string | null }[] } };
    expect(loaded.preview.count).toBe(3);
    const byName = Object.fromEntries(loaded.preview.rows.map((row) => [row.displayName, row.skip]));
    expect(byName["Sam First"]).toBeNull();
    expect(byName["Dana Pages"]).toMatch(/own account|yourself/i);
  });

  it("answers a URL the list could not have made with a clear message, not an error page", async () => {
    for (const query of [
      [["operation", "explode"]],
      [
        ["operation", "suspend"],
        ["selection", "ids"],
        ["accountId", "not-a-uuid"],
      ],
      [
        ["operation", "suspend"],
        ["selection", "filter"],
        ["status", "sleeping"],
        ["expected", "3"],
      ],
    ] as [string, string][][]) {
      const { data, status } = unwrapData(
        await newLoader({
          request: getRequest(newPath(query), danaCookie),
          params: { tenant: org.slug },
          context: testContext,
        }),
      );
      expect(status).toBe(400);
      expect((data as { problem: string }).problem).toMatch(/\w/);
    }
  });
});

describe("starting a run from the confirm page", () => {
  it("sends the admin to confirm a second factor, keeping what they typed", async () => {
    const cookie = await signInCookie(dana.email, PASSWORD);
    const path = newPath(chosen() as [string, string][]);
    const response = await responseOf(() =>
      newAction({
        request: formRequest(path, { reason: "Offboarding, ticket 8" }, cookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/confirm\?redirectTo=/);
    const runs = await database.current.db.select().from(bulkRuns).where(eq(bulkRuns.tenantId, org.id));
    expect(runs).toEqual([]);
  });

  it("keeps the form and names the field when the reason is empty", async () => {
    await confirmFactorNow(database.current.db, danaCookie);
    const path = newPath(chosen() as [string, string][]);
    const { data, status } = unwrapData(
      await newAction({
        request: formRequest(path, { reason: "" }, danaCookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(status).toBe(400);
    expect((data as { fieldErrors: Record<string, string[]> }).fieldErrors.reason?.[0]).toMatch(/say why/i);
  });

  it("refuses when the filter now matches a different number of accounts than the admin saw", async () => {
    await confirmFactorNow(database.current.db, danaCookie);
    const path = newPath([
      ["operation", "revokeSessions"],
      ["selection", "filter"],
      ["q", "Sam"],
      ["expected", "5"],
    ]);
    const { data, status } = unwrapData(
      await newAction({
        request: formRequest(path, { reason: "Phishing follow-up" }, danaCookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(status).toBe(409);
    expect((data as { formError: string }).formError).toMatch(/now matches 2 accounts, not the 5/);
    expect((data as { values: { reason: string } }).values.reason).toBe("Phishing follow-up");
  });

  it("starts the run, hands over to its page, and that page shows what was done and what was not", async () => {
    await confirmFactorNow(database.current.db, danaCookie);
    const path = newPath(chosen() as [string, string][]);
    const response = await responseOf(() =>
      newAction({
        request: formRequest(path, { reason: "Offboarding, ticket 8" }, danaCookie),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    const runId = location.split("/").pop()!;
    expect(location).toBe(`/t/${org.slug}/bulk/${runId}`);
    // The in-process runner may already be at it: this worker takes what is left, and the last chunk may be
    // the runner's, still committing, so wait for the run to be marked done.
    await processBulkRun(org.id, runId);
    await runFinished(runId);

    const { data } = unwrapData(
      await runLoader({
        request: getRequest(location, danaCookie),
        params: { tenant: org.slug, runId },
        context: testContext,
      }),
    );
    const run = (data as { run: { status: string; succeeded: number; refused: number; groups: unknown[] } }).run;
    expect(run).toMatchObject({ status: "done", succeeded: 2, refused: 1 });
    expect(run.groups).toHaveLength(1);

    // A helpdesk admin (no audit log) does not see someone else's run; the organisation's list hides it too.
    const hugo = await signInCookie(helpdesk.email, PASSWORD);
    const refused = await responseOf(() =>
      runLoader({ request: getRequest(location, hugo), params: { tenant: org.slug, runId }, context: testContext }),
    );
    expect(refused.status).toBe(403);
    const { data: list } = unwrapData(
      await runsLoader({
        request: getRequest(`/t/${org.slug}/bulk`, hugo),
        params: { tenant: org.slug },
        context: testContext,
      }),
    );
    expect((list as { runs: unknown[] }).runs).toEqual([]);

    // An id that is not a run of this organisation is a 404, whatever it looks like.
    const missing = await responseOf(() =>
      runLoader({
        request: getRequest(`/t/${org.slug}/bulk/nope`, danaCookie),
        params: { tenant: org.slug, runId: "nope" },
        context: testContext,
      }),
    );
    expect(missing.status).toBe(404);
  });
});
