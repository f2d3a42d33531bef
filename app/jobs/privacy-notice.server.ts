// The privacy-policy notice by email: when a significant new version is published, everyone it concerns —
// every active account that joined before it and has not acknowledged it on the banner — is emailed once,
// in their own language, with what changed and where to read it. privacy_notices remembers who was told
// of which version, so the sweep (run with the purge sweep, app/jobs/runner.server.ts, and by
// `npm run privacy:notify`) may run as often as it likes; two sweeps at once insert each row once, and
// only the one that inserted it queues the email, in the same transaction.
import { desc, lte, sql } from "drizzle-orm";
import { queryRows } from "~db/client";
import { organisations, privacyPolicyVersions } from "~db/schema";
import { directoryScope, tenantScope } from "~/db.server";
import { publicOrigin } from "~/config.server";
import { queueEmails } from "~/mail/outbox.server";

export interface NoticeSweep {
  version: string | null;
  queued: number;
}

/** The newest significant version in force, if any. */
async function latestSignificant(now: Date) {
  const [row] = await directoryScope((tx) =>
    tx
      .select({
        version: privacyPolicyVersions.version,
        publishedAt: privacyPolicyVersions.publishedAt,
        summary: privacyPolicyVersions.summary,
      })
      .from(privacyPolicyVersions)
      .where(sql`${privacyPolicyVersions.significant} and ${lte(privacyPolicyVersions.publishedAt, now)}`)
      .orderBy(desc(privacyPolicyVersions.publishedAt))
      .limit(1),
  );
  return row ?? null;
}

export async function sendPolicyNotices(now = new Date()): Promise<NoticeSweep> {
  const latest = await latestSignificant(now);
  if (!latest) return { version: null, queued: 0 };
  const tenants = await directoryScope((tx) =>
    tx.select({ id: organisations.id, name: organisations.name }).from(organisations),
  );
  let queued = 0;
  for (const tenant of tenants) {
    queued += await tenantScope(tenant.id, async (tx) => {
      // Who joined before the version and has not acknowledged it (or a later one), and was not told yet.
      const told = await queryRows<{ account_id: string; email: string; locale: string; time_zone: string }>(
        tx,
        sql`with told as (
              insert into privacy_notices (tenant_id, account_id, version, queued_at)
              select a.tenant_id, a.id, ${latest.version}, ${now.toISOString()}::timestamptz
                from accounts a
                left join privacy_policy_versions seen on seen.version = a.privacy_policy_seen
               where a.tenant_id = ${tenant.id} and a.status = 'active' and a.purged_at is null
                 and a.email is not null
                 and a.created_at < ${latest.publishedAt.toISOString()}::timestamptz
                 and (seen.version is null or seen.published_at < ${latest.publishedAt.toISOString()}::timestamptz)
              on conflict do nothing
              returning account_id
            )
            select a.id as account_id, a.email, a.locale, a.time_zone
              from told join accounts a on a.tenant_id = ${tenant.id} and a.id = told.account_id`,
      );
      await queueEmails(
        tx,
        told.map((person) => ({
          tenantId: tenant.id,
          toAddress: person.email,
          toAccountId: person.account_id,
          template: "self.policyChanged" as const,
          params: {
            organisation: tenant.name,
            version: latest.version,
            day: latest.publishedAt,
            summary: latest.summary,
            url: `${publicOrigin()}/privacy/${latest.version}`,
          },
          happenedAt: latest.publishedAt,
          locale: person.locale,
          timeZone: person.time_zone,
        })),
      );
      return told.length;
    });
  }
  return { version: latest.version, queued };
}
