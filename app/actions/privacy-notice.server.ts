// Telling an organisation's people of a significant new privacy-policy version, by email: one action per
// organisation (performed by the sweep as the system, app/jobs/privacy-notice.server.ts), recorded in its
// audit log with how many were told. privacy_notices remembers who was told of which version, so each person
// is emailed once however often it runs; two runs at once insert each row once, and only the one that
// inserted it queues the email, in the same transaction.
import { and, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "~db/client";
import { privacyPolicyVersions } from "~db/schema";
import { publicOrigin } from "~/config.server";
import { queueEmails } from "~/mail/outbox.server";
import { ActionFailure, defineAction } from "./action";
import { loadOrganisationResource } from "./resources.server";

/** Who a version's notice is for: active people with an address who joined before it and have not seen it. */
function dueFor(tenantId: string, version: { version: string; publishedAt: Date }) {
  return sql`from accounts a
              left join privacy_policy_versions seen on seen.version = a.privacy_policy_seen
             where a.tenant_id = ${tenantId} and a.status = 'active' and a.purged_at is null
               and a.email is not null
               and a.created_at < ${version.publishedAt.toISOString()}::timestamptz
               and (seen.version is null or seen.published_at < ${version.publishedAt.toISOString()}::timestamptz)
               and not exists (select 1 from privacy_notices n
                                where n.tenant_id = a.tenant_id and n.account_id = a.id
                                  and n.version = ${version.version})`;
}

/** How many of the organisation's people still need the notice of `version` (cheap: the sweep asks first). */
export async function noticesDue(tx: Tx, tenantId: string, version: { version: string; publishedAt: Date }) {
  const [row] = await queryRows<{ due: number }>(tx, sql`select count(*)::int as due ${dueFor(tenantId, version)}`);
  return row?.due ?? 0;
}

export const notifyPolicy = defineAction({
  id: "privacy.notify",
  input: z.object({ version: z.string().trim().min(1).max(40) }),
  loadResource: (tx, tenantId) => loadOrganisationResource(tx, tenantId),
  // People are told by email; the organisation's admins see that it was done, and for how many.
  visibility: "admins",
  async mutate({ tx, tenantId, input, resource, now }) {
    const [version] = await tx
      .select({
        version: privacyPolicyVersions.version,
        publishedAt: privacyPolicyVersions.publishedAt,
        summary: privacyPolicyVersions.summary,
        significant: privacyPolicyVersions.significant,
      })
      .from(privacyPolicyVersions)
      .where(and(eq(privacyPolicyVersions.version, input.version), lte(privacyPolicyVersions.publishedAt, now)));
    if (!version?.significant) throw new ActionFailure("Only a published, significant version is announced.");
    const told = await queryRows<{ account_id: string; email: string; locale: string; time_zone: string }>(
      tx,
      sql`with told as (
            insert into privacy_notices (tenant_id, account_id, version, queued_at)
            select a.tenant_id, a.id, ${version.version}, ${now.toISOString()}::timestamptz ${dueFor(tenantId, version)}
            on conflict do nothing
            returning account_id
          )
          select a.id as account_id, a.email, a.locale, a.time_zone
            from told join accounts a on a.tenant_id = ${tenantId} and a.id = told.account_id`,
    );
    await queueEmails(
      tx,
      told.map((person) => ({
        tenantId,
        toAddress: person.email,
        toAccountId: person.account_id,
        template: "self.policyChanged" as const,
        params: {
          organisation: resource.name,
          version: version.version,
          day: version.publishedAt,
          summary: version.summary,
          url: `${publicOrigin()}/privacy/${version.version}`,
        },
        happenedAt: version.publishedAt,
        locale: person.locale,
        timeZone: person.time_zone,
      })),
    );
    return {
      output: { queued: told.length },
      target: { type: "privacyPolicy", id: version.version },
      changes: { after: { version: version.version, peopleTold: told.length } },
    };
  },
});
