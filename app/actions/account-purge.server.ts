// Purge: the end of a termination's grace period. The person's data is erased — profile and contact
// details, sign-in credentials, sessions, roles, consents, the emails sent to them — and what must outlive
// them is kept without them: the audit trail, pseudonymised (app/audit/pseudonymise.server.ts: every entry
// keeps its place, ids and what happened; the person's names, addresses, IP addresses and profile values
// become their pseudonym or "[erased]", and the purge's own entry seals the changed entries), and app
// installations and their events, detached from the account. A legal hold refuses the purge (policy
// `legal-hold.nothing-deleted`); the sweep tries again after the hold is released.
import { and, eq, isNull, isNotNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~db/client";
import {
  accounts,
  appInstallations,
  bulkRunItems,
  consentRecords,
  dataSubjectRequests,
  devices,
  emailOutbox,
  installEvents,
  passkeys,
  passwordCredentials,
  passwordResetTokens,
  privacyNotices,
  recoveryCodes,
  roleAssignments,
  sessions,
  totpCredentials,
} from "~db/schema";
import { pseudonymiseAuditTrail } from "~/audit/pseudonymise.server";
import { AuditChainError } from "~/audit/trail.server";
import { ERASED_VALUE } from "~/audit/pseudonymise";
import { ActionFailure, defineAction } from "./action";
import { accountIdField, reasonField } from "./fields";
import { loadAccountResource } from "./resources.server";

export const ERASED_NAME = "Erased account";

/** What a purged account is called from then on, in its profile and in the audit trail. */
export function erasedName(accountId: string): string {
  return `${ERASED_NAME} ${accountId.slice(0, 8).toLowerCase()}`;
}

export const purgeAccount = defineAction({
  id: "account.purge",
  input: z.object({ accountId: accountIdField, reason: reasonField }),
  loadResource: (tx, tenantId, input) => loadAccountResource(tx, tenantId, input.accountId),
  reason: (input) => input.reason,
  subjectAccountId: (input) => input.accountId,
  // The person is gone; what remains to see belongs to the organisation's admins.
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, now }) {
    if (resource.status !== "terminated") {
      throw new ActionFailure(`${resource.name}'s account is ${resource.status}; only a terminated account is purged.`);
    }
    return purgePerson(tx, tenantId, { accountId: input.accountId, name: resource.name, reason: input.reason, now });
  },
});

/**
 * Erases a terminated account's person (the purge, and the fulfilment of their erasure request): the
 * trail pseudonymised and sealed first, then the data. Answers the mutation's result, with the reason to
 * record scrubbed of the erased names.
 */
export async function purgePerson(
  tx: Tx,
  tenantId: string,
  { accountId, name, reason, now }: { accountId: string; name: string; reason: string; now: Date },
) {
  const [person] = await tx
    .select({
      displayName: accounts.displayName,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      email: accounts.email,
      phone: accounts.phone,
    })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId), isNull(accounts.purgedAt)));
  if (!person) throw new ActionFailure(`${name}'s account has already been purged.`);
  const pseudonym = erasedName(accountId);
  const fullName = person.givenName && person.familyName ? `${person.givenName} ${person.familyName}` : null;
  const keys = await tx
    .select({ name: passkeys.name })
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.accountId, accountId)));
  const trail = await pseudonymiseAuditTrail(tx, tenantId, {
    accountId,
    pseudonym,
    identifiers: [person.displayName, fullName, person.email, person.phone].filter((value): value is string =>
      Boolean(value),
    ),
    erasedValues: keys.map((key) => key.name),
  }).catch((error: unknown) => {
    if (!(error instanceof AuditChainError)) throw error;
    // Sealing an altered entry would hide the change: nothing is erased until the chain is looked into.
    throw new ActionFailure(
      `${name}'s account was not purged: the audit trail does not verify at entry ${error.problem.seq} ` +
        `(${error.problem.message}). An operator must check it with npm run audit:verify.`,
    );
  });
  const scrub = trail.scrub;
  const erased = await eraseAccount(tx, tenantId, accountId, now, pseudonym, scrub);
  if (!erased) throw new ActionFailure(`${name}'s account has already been purged.`);
  return {
    output: { ...erased, auditEntriesPseudonymised: trail.seal.entries },
    changes: {
      before: { status: "terminated", purged: false },
      after: { purged: true, ...erased, auditEntriesPseudonymised: trail.seal.entries, auditSeal: trail.seal },
    },
    // The reason is recorded after the erasure: a name written in it goes too.
    reason: scrub(reason),
  };
}

async function eraseAccount(
  tx: Tx,
  tenantId: string,
  accountId: string,
  now: Date,
  pseudonym: string,
  scrub: (text: string) => string,
) {
  const [row] = await tx
    .update(accounts)
    .set({
      email: null,
      displayName: pseudonym,
      givenName: null,
      familyName: null,
      phone: null,
      jobTitle: null,
      department: null,
      managerId: null,
      marketingConsent: false,
      purgedAt: now,
      updatedAt: now,
    })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId), isNull(accounts.purgedAt)))
    .returning({ id: accounts.id });
  if (!row) return null;
  // Reports of the erased person now have no manager rather than a nameless one.
  await tx
    .update(accounts)
    .set({ managerId: null, updatedAt: now })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.managerId, accountId)));
  // Credentials, sessions, roles and consents go with the person.
  await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, accountId)));
  await tx
    .delete(passwordCredentials)
    .where(and(eq(passwordCredentials.tenantId, tenantId), eq(passwordCredentials.accountId, accountId)));
  await tx
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tenantId, tenantId), eq(passwordResetTokens.accountId, accountId)));
  await tx
    .delete(totpCredentials)
    .where(and(eq(totpCredentials.tenantId, tenantId), eq(totpCredentials.accountId, accountId)));
  await tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.tenantId, tenantId), eq(recoveryCodes.accountId, accountId)));
  await tx.delete(passkeys).where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.accountId, accountId)));
  await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.accountId, accountId)));
  await tx
    .delete(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.accountId, accountId)));
  await tx
    .delete(privacyNotices)
    .where(and(eq(privacyNotices.tenantId, tenantId), eq(privacyNotices.accountId, accountId)));
  const detach = { accountId: null } as const;
  const installs = await tx
    .update(appInstallations)
    .set(detach)
    .where(and(eq(appInstallations.tenantId, tenantId), eq(appInstallations.accountId, accountId)))
    .returning({ id: appInstallations.id });
  await tx
    .update(devices)
    .set(detach)
    .where(and(eq(devices.tenantId, tenantId), eq(devices.accountId, accountId)));
  await tx
    .update(installEvents)
    .set({ accountId: null, accountRef: null })
    .where(and(eq(installEvents.tenantId, tenantId), eq(installEvents.accountId, accountId)));
  // The emails sent to them: the record that one was sent (when, which kind) stays for the admins; the
  // address and the message go, and one not sent yet never will be.
  const emails = await tx
    .update(emailOutbox)
    .set({
      toAddress: ERASED_VALUE,
      subject: ERASED_VALUE,
      bodyText: ERASED_VALUE,
      bodyHtml: null,
      lastError: sql`case when ${emailOutbox.sentAt} is null
                          then 'The account was purged before this email was sent.' end`,
      failedAt: sql`case when ${emailOutbox.sentAt} is null
                         then coalesce(${emailOutbox.failedAt}, ${now.toISOString()}::timestamptz)
                         else ${emailOutbox.failedAt} end`,
    })
    .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.toAccountId, accountId)))
    .returning({ id: emailOutbox.id });
  // Their data-subject requests stay as the record that each was received and answered (kind, dates,
  // status); what they wrote goes, and the answer keeps no name of theirs.
  const requests = await tx
    .select({
      id: dataSubjectRequests.id,
      resolution: dataSubjectRequests.resolution,
      response: dataSubjectRequests.response,
    })
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.tenantId, tenantId), eq(dataSubjectRequests.accountId, accountId)));
  const answers = requests.map((request) => ({
    id: request.id,
    resolution: request.resolution === null ? null : scrub(request.resolution),
    response: request.response === null ? null : scrub(request.response),
  }));
  if (answers.length > 0) {
    await tx.execute(sql`
      update data_subject_requests r
         set details = case when r.details is null then null else ${ERASED_VALUE} end, resolution = v.resolution,
             response = v.response
        from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as v(id uuid, resolution text, response text)
       where r.tenant_id = ${tenantId} and r.id = v.id`);
  }
  // A bulk run's outcome for them ("Alice Ng's account is already suspended") keeps its outcome, not the name.
  const items = await tx
    .select({ runId: bulkRunItems.runId, position: bulkRunItems.position, message: bulkRunItems.message })
    .from(bulkRunItems)
    .where(
      and(eq(bulkRunItems.tenantId, tenantId), eq(bulkRunItems.accountId, accountId), isNotNull(bulkRunItems.message)),
    );
  const renamed = items
    .map((item) => ({ runId: item.runId, position: item.position, message: scrub(item.message!), was: item.message }))
    .filter((item) => item.message !== item.was);
  if (renamed.length > 0) {
    await tx.execute(sql`
      update bulk_run_items b set message = v.message
        from jsonb_to_recordset(${JSON.stringify(renamed)}::jsonb) as v("runId" uuid, position integer, message text)
       where b.tenant_id = ${tenantId} and b.run_id = v."runId" and b.position = v.position`);
  }
  return { installationsDetached: installs.length, emailsErased: emails.length };
}

/** Terminated accounts of the tenant whose grace period has ended and that are not purged yet. */
export async function accountsDueForPurge(tx: Tx, tenantId: string, now: Date, limit = 500) {
  return tx
    .select({ id: accounts.id, terminatedAt: accounts.terminatedAt })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        eq(accounts.status, "terminated"),
        isNull(accounts.purgedAt),
        lte(accounts.purgeAfter, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(accounts.purgeAfter)
    .limit(limit);
}
