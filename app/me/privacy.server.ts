// My account → Privacy, read side: my mailing-list choices and the consent records behind them, my
// data-subject requests (with what a legal hold lets me be told), the privacy policy versions, and the copy
// of my data an access request gives me. Runs inside my tenant's transaction.
import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { consentRecords, dataSubjectRequests, privacyPolicyVersions } from "~db/schema";
import { buildAccountExport } from "~/accounts/export.server";
import { loadAccountResource } from "~/actions/resources.server";
import { COPY_AVAILABLE_DAYS, holdNotice } from "~/requests/requests.server";

export async function listConsentRecords(tx: Tx, tenantId: string, accountId: string, limit = 100) {
  return tx
    .select({
      id: consentRecords.id,
      purpose: consentRecords.purpose,
      granted: consentRecords.granted,
      method: consentRecords.method,
      policyVersion: consentRecords.policyVersion,
      recordedAt: consentRecords.recordedAt,
    })
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.accountId, accountId)))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id))
    .limit(limit);
}

/** Every published version, newest first (the first is the one in force). */
export async function listPolicyVersions(tx: Tx, now = new Date()) {
  return tx
    .select({
      version: privacyPolicyVersions.version,
      publishedAt: privacyPolicyVersions.publishedAt,
      significant: privacyPolicyVersions.significant,
      summary: privacyPolicyVersions.summary,
    })
    .from(privacyPolicyVersions)
    .where(lte(privacyPolicyVersions.publishedAt, now))
    .orderBy(desc(privacyPolicyVersions.publishedAt));
}

export async function getPolicyVersion(tx: Tx, version: string, now = new Date()) {
  const [row] = await tx
    .select()
    .from(privacyPolicyVersions)
    .where(and(eq(privacyPolicyVersions.version, version), lte(privacyPolicyVersions.publishedAt, now)));
  return row ?? null;
}

/**
 * The significant version the person should be told of: the newest significant one published after they
 * joined and after the version they last acknowledged. Null when there is none.
 */
export async function policyNotice(
  tx: Tx,
  person: { createdAt: Date; privacyPolicySeen: string | null },
  now = new Date(),
) {
  const seen = person.privacyPolicySeen
    ? await tx
        .select({ publishedAt: privacyPolicyVersions.publishedAt })
        .from(privacyPolicyVersions)
        .where(eq(privacyPolicyVersions.version, person.privacyPolicySeen))
        .then((rows) => rows[0]?.publishedAt ?? null)
    : null;
  const after = seen && seen > person.createdAt ? seen : person.createdAt;
  const [row] = await tx
    .select({
      version: privacyPolicyVersions.version,
      publishedAt: privacyPolicyVersions.publishedAt,
      summary: privacyPolicyVersions.summary,
    })
    .from(privacyPolicyVersions)
    .where(
      and(
        eq(privacyPolicyVersions.significant, true),
        lte(privacyPolicyVersions.publishedAt, now),
        sql`${privacyPolicyVersions.publishedAt} > ${after.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(privacyPolicyVersions.publishedAt))
    .limit(1);
  return row ?? null;
}

/** The access request whose copy the person may download now: completed within COPY_AVAILABLE_DAYS. */
export async function availableCopy(tx: Tx, tenantId: string, accountId: string, now = new Date()) {
  const since = new Date(now.getTime() - COPY_AVAILABLE_DAYS * 24 * 60 * 60 * 1000);
  const [row] = await tx
    .select({ id: dataSubjectRequests.id, closedAt: dataSubjectRequests.closedAt })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.tenantId, tenantId),
        eq(dataSubjectRequests.accountId, accountId),
        eq(dataSubjectRequests.kind, "access"),
        eq(dataSubjectRequests.status, "completed"),
        gte(dataSubjectRequests.closedAt, since),
      ),
    )
    .orderBy(desc(dataSubjectRequests.closedAt))
    .limit(1);
  return row ?? null;
}

/**
 * The person's own copy of their data: what an admin's export holds, but the audit entries only those the
 * person may see (as in Activity), and of legal holds only that they exist and the matter names the
 * organisation chose to disclose.
 */
export async function personalCopy(tx: Tx, tenantId: string, accountId: string, now = new Date()) {
  const [data, resource] = await Promise.all([
    buildAccountExport(tx, tenantId, accountId, now),
    loadAccountResource(tx, tenantId, accountId),
  ]);
  if (!data || !resource) return null;
  const hold = await holdNotice(tx, tenantId, resource.holds);
  const { legalHolds: _holds, auditEntries, format: _format, ...rest } = data;
  return {
    format: { name: "glasshouse-personal-data", version: 1 },
    ...rest,
    legalHolds: { retainedForLegalObligation: hold.held, matters: hold.names },
    // As Activity shows them: what happened, who did it and why — and where from only for the person's own
    // sign-ins and attempts on their account, never an admin's address or browser.
    auditEntries: auditEntries
      .filter((entry) => entry.visibility === "subject")
      .map((entry) => {
        const own =
          entry.actorAccountId === accountId || (entry.actorAccountId === null && entry.action.startsWith("auth."));
        return {
          seq: entry.seq,
          occurredAt: entry.occurredAt,
          action: entry.action,
          outcome: entry.outcome,
          actorName: entry.actorName,
          actorRole: entry.actorRole,
          reason: entry.reason,
          sentence: entry.sentence,
          target: entry.target,
          changes: entry.changes,
          ...(own ? { ipAddress: entry.ipAddress, userAgent: entry.userAgent } : {}),
        };
      }),
  };
}

export type PersonalCopy = NonNullable<Awaited<ReturnType<typeof personalCopy>>>;
