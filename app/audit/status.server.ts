// The chain's state for the audit page: its head, its latest signed checkpoint and, on request, a full
// verification run inside the tenant's scope (as the app role, which may read but never change entries).
import { desc, eq } from "drizzle-orm";
import { auditChainHeads, auditCheckpoints } from "~db/schema";
import { tenantScope } from "~/db.server";
import { verifyChain } from "./trail.server";

export interface ChainStatus {
  /** The last entry's seq, which is also how many entries the chain holds (seq has no gaps). */
  headSeq: number;
  lastCheckpoint: { seq: number; signedAt: string } | null;
  verification: { ok: true; entries: number } | { ok: false; seq: number; message: string } | null;
}

export async function getChainStatus(tenantId: string, options: { verify: boolean }): Promise<ChainStatus> {
  return tenantScope(tenantId, async (tx) => {
    const [head] = await tx
      .select({ seq: auditChainHeads.seq })
      .from(auditChainHeads)
      .where(eq(auditChainHeads.tenantId, tenantId));
    const [checkpoint] = await tx
      .select({ seq: auditCheckpoints.seq, signedAt: auditCheckpoints.signedAt })
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.tenantId, tenantId))
      .orderBy(desc(auditCheckpoints.seq))
      .limit(1);
    let verification: ChainStatus["verification"] = null;
    if (options.verify) {
      // In a savepoint of this transaction: the walk runs as the app role, under row-level security.
      const result = await verifyChain(tx, tenantId);
      verification = result.ok
        ? { ok: true, entries: result.entries }
        : { ok: false, seq: result.problem.seq, message: result.problem.message };
    }
    return {
      headSeq: head?.seq ?? 0,
      lastCheckpoint: checkpoint ? { seq: checkpoint.seq, signedAt: checkpoint.signedAt.toISOString() } : null,
      verification,
    };
  });
}
