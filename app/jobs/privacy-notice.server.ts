// The privacy-policy notice sweep: when a significant new version is published, everyone it concerns —
// every active account that joined before it and has not acknowledged it on the banner — is emailed once,
// in their own language, with what changed and where to read it. Each organisation's notices are one
// action (privacy.notify, app/actions/privacy-notice.server.ts) performed as the system and audited. Runs
// with the purge sweep (app/jobs/runner.server.ts) and from `npm run privacy:notify`, as often as it likes.
import { desc, lte, sql } from "drizzle-orm";
import { organisations, privacyPolicyVersions } from "~db/schema";
import { systemActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { noticesDue } from "~/actions/privacy-notice.server";
import { directoryScope, tenantScope } from "~/db.server";

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
  const tenants = await directoryScope((tx) => tx.select({ id: organisations.id }).from(organisations));
  let queued = 0;
  for (const { id: tenantId } of tenants) {
    // Asked first, so that an organisation with no one to tell gets no audit entry every sweep.
    if ((await tenantScope(tenantId, (tx) => noticesDue(tx, tenantId, latest))) === 0) continue;
    const result = await performAction<{ queued: number }>(
      systemActor(tenantId, "Glasshouse (privacy notices)"),
      "privacy.notify",
      { version: latest.version },
    );
    if (result.ok) queued += result.output.queued;
  }
  return { version: latest.version, queued };
}
