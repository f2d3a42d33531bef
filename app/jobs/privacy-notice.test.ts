// The privacy-policy notice by email, on a real database: a significant new version is emailed once to
// each active person who joined before it and has not acknowledged it, in their own language; not to one
// who joined later, acknowledged it, or is suspended; and a second sweep sends nothing.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEntries, emailOutbox, privacyPolicyVersions } from "~db/schema";
import { setupTestDatabase } from "~/testing/harness";
import { testPeople } from "~/testing/people";
import { sendPolicyNotices } from "./privacy-notice.server";

const database = setupTestDatabase();
const people = testPeople(() => database.current.db, "correct horse battery staple");
const VERSION = "2099-01";
const db = () => database.current.db;

describe("the privacy policy notice email", () => {
  const ids: Record<string, string> = {};
  let tenantId: string;
  const published = new Date();

  beforeAll(async () => {
    const org = await people.newOrganisation("Acme Ltd");
    tenantId = org.id;
    for (const name of ["Ana Told", "Ben German", "Cy Seen", "Di Suspended", "Ed Later"]) {
      ids[name] = (await people.newPerson(org, name)).accountId;
    }
    const before = new Date(published.getTime() - 60_000);
    await db()
      .update(accounts)
      .set({ createdAt: before })
      .where(inArray(accounts.id, Object.values(ids)));
    await db()
      .update(accounts)
      .set({ locale: "de", timeZone: "Europe/Berlin" })
      .where(eq(accounts.id, ids["Ben German"]!));
    await db().update(accounts).set({ status: "suspended" }).where(eq(accounts.id, ids["Di Suspended"]!));
    await db()
      .update(accounts)
      .set({ createdAt: new Date(published.getTime() + 1000) })
      .where(eq(accounts.id, ids["Ed Later"]!));
    await db().insert(privacyPolicyVersions).values({
      version: VERSION,
      publishedAt: published,
      significant: true,
      summary: "Resellers may now help with your account.",
      body: "…",
    });
    await db().update(accounts).set({ privacyPolicySeen: VERSION }).where(eq(accounts.id, ids["Cy Seen"]!));
  });

  afterAll(async () => {
    await db().delete(privacyPolicyVersions).where(eq(privacyPolicyVersions.version, VERSION));
  });

  it("is sent once to each person it concerns, in their language", async () => {
    const first = await sendPolicyNotices(new Date(published.getTime() + 5000));
    expect(first.version).toBe(VERSION);
    const sent = await db()
      .select({ to: emailOutbox.toAccountId, subject: emailOutbox.subject, body: emailOutbox.bodyText })
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAccountId, Object.values(ids)));
    const byName = (name: string) => sent.filter((email) => email.to === ids[name]);
    expect(byName("Ana Told")).toHaveLength(1);
    expect(byName("Ana Told")[0]!.subject).toBe("Our privacy policy has changed");
    expect(byName("Ana Told")[0]!.body).toContain(`/privacy/${VERSION}`);
    expect(byName("Ben German")[0]!.subject).toBe("Unsere Datenschutzerklärung hat sich geändert");
    expect(byName("Cy Seen")).toEqual([]);
    expect(byName("Di Suspended")).toEqual([]);
    expect(byName("Ed Later")).toEqual([]);

    // Each organisation's notices are one audited action, by the system, for its admins to see.
    const entries = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, "privacy.notify")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      outcome: "allowed",
      visibility: "admins",
      changes: { after: { version: VERSION, peopleTold: 2 } },
    });

    const second = await sendPolicyNotices(new Date(published.getTime() + 10_000));
    expect(second.queued).toBe(0);
    const again = await db()
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, "privacy.notify")));
    expect(again).toHaveLength(1);
    const after = await db()
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAccountId, Object.values(ids)));
    expect(after).toHaveLength(2);
  });
});
