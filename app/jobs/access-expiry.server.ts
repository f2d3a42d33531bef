// The access sweep (issue 8): in every customer organisation, emails both sides 14 days and 1 day before a
// delegation expires, then ends what the clock has ended — delegations past their expiry, requests nobody
// answered within 90 days, operator access past its end — each as an action performed by the system and
// audited in the customer's trail (app/actions/access-expiry.server.ts).
//
// It runs with the purge sweep (app/jobs/runner.server.ts) and from `npm run access:sweep`, as often as it
// likes: each reminder is sent once (delegations.expiry_notice_14_at / expiry_notice_1_at), and each ending
// action re-checks its row under a lock, so two sweeps at once end a delegation once.
import { and, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { Tx } from "~db/client";
import { delegationStaff, delegations, operatorAccessRequests, organisations } from "~db/schema";
import { DAY_MS, emailBothSides, type DelegationNotice } from "~/actions/access-expiry.server";
import { LAPSE_AFTER_DAYS } from "~/partners/delegations.server";
import { systemActor } from "~/actions/actor.server";
import { performAction } from "~/actions/perform.server";
import { directoryScope, tenantScope } from "~/db.server";
import { formatDateTime } from "~/format";
import { formatLocale, toLocale } from "~/i18n/i18n";
import type { ActionId } from "~/policy/types";

export interface AccessSweep {
  /** Delegations whose sides were reminded, by reminder. */
  reminded: { in14Days: number; in1Day: number };
  expired: number;
  lapsed: number;
  operatorAccessClosed: number;
  /** Endings that did not happen (a row answered or revoked meanwhile), and why. */
  refused: { tenantId: string; action: ActionId; id: string; why: string }[];
}

interface Customer {
  id: string;
  name: string;
  slug: string;
}

/**
 * The two reminders: due from `leadDays` before the expiry until the next one takes over. A delegation
 * approved for no more than `leadDays` never gets that one ("ends in 14 days" the day it was approved for
 * 5 would be false), and one the sweep missed in its window gets only the later reminder.
 */
const REMINDERS = {
  in14Days: { leadDays: 14, untilDays: 1, flag: "expiryNotice14At" },
  in1Day: { leadDays: 1, untilDays: 0, flag: "expiryNotice1At" },
} as const;

type Reminder = keyof typeof REMINDERS;

/**
 * Reminds and ends what is due at `now`. The ending actions read the clock again themselves (performAction),
 * so a `now` ahead of it ends nothing early: the action refuses, and the refusal is answered in `refused`.
 */
export async function sweepAccess(now = new Date()): Promise<AccessSweep> {
  const sweep: AccessSweep = {
    reminded: { in14Days: 0, in1Day: 0 },
    expired: 0,
    lapsed: 0,
    operatorAccessClosed: 0,
    refused: [],
  };
  const customers = await directoryScope((tx) =>
    tx
      .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.kind, "customer")),
  );
  for (const customer of customers) {
    sweep.reminded.in14Days += await remind(customer, "in14Days", now);
    sweep.reminded.in1Day += await remind(customer, "in1Day", now);
    const due = await tenantScope(customer.id, (tx) => endingsDue(tx, customer.id, now));
    const actor = systemActor(customer.id, "Glasshouse (access expiry)");
    const perform = async (action: ActionId, id: string, input: Record<string, string>) => {
      const result = await performAction(actor, action, input);
      if (result.ok) return 1;
      const why =
        result.kind === "invalid" ? "invalid input" : "decision" in result ? result.decision.sentence : result.message;
      sweep.refused.push({ tenantId: customer.id, action, id, why });
      return 0;
    };
    for (const id of due.expired) sweep.expired += await perform("delegation.expire", id, { delegationId: id });
    for (const id of due.lapsed) sweep.lapsed += await perform("delegation.lapse", id, { delegationId: id });
    for (const id of due.operatorAccess) {
      sweep.operatorAccessClosed += await perform("operatorAccess.expire", id, { accessId: id });
    }
  }
  return sweep;
}

/**
 * Sends `reminder` for every delegation of `customer` that is due it, and answers how many. The reminders
 * are not actions (they change no one's access, so nothing is decided or audited), but each delegation's
 * flag is set in the same transaction as its emails are queued: a failure sends nothing and sets nothing,
 * and a rerun — or a second sweep at once, whose update waits on the row and then finds the flag set —
 * sends nothing twice.
 */
async function remind(customer: Customer, reminder: Reminder, now: Date): Promise<number> {
  const { leadDays, untilDays, flag } = REMINDERS[reminder];
  return tenantScope(customer.id, async (tx) => {
    const claimed = await tx
      .update(delegations)
      .set({ [flag]: now })
      .where(
        and(
          eq(delegations.tenantId, customer.id),
          eq(delegations.status, "active"),
          isNull(delegations[flag]),
          gt(delegations.expiresAt, new Date(now.getTime() + untilDays * DAY_MS)),
          lte(delegations.expiresAt, new Date(now.getTime() + leadDays * DAY_MS)),
          sql`coalesce(${delegations.approvedAt}, ${delegations.requestedAt}) <
                ${delegations.expiresAt} - ${leadDays * 24} * interval '1 hour'`,
        ),
      )
      .returning({
        id: delegations.id,
        number: delegations.number,
        resellerId: delegations.resellerId,
        expiresAt: delegations.expiresAt,
      });
    for (const delegation of claimed) {
      const expiresAt = delegation.expiresAt!;
      const notice: DelegationNotice = {
        clientId: customer.id,
        clientName: customer.name,
        clientSlug: customer.slug,
        resellerId: delegation.resellerId,
        resellerName: await organisationName(tx, delegation.resellerId),
        number: delegation.number,
        staffIds: await assignedStaff(tx, customer.id, delegation.id),
      };
      await emailBothSides(
        tx,
        notice,
        `expiry.${reminder}`,
        (person) => ({
          when: formatDateTime(expiresAt.toISOString(), person.timeZone, formatLocale(toLocale(person.locale))),
          timeZone: person.timeZone,
        }),
        now,
      );
    }
    return claimed.length;
  });
}

async function organisationName(tx: Tx, id: string): Promise<string> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row?.name ?? "";
}

async function assignedStaff(tx: Tx, tenantId: string, delegationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: delegationStaff.staffAccountId })
    .from(delegationStaff)
    .where(and(eq(delegationStaff.tenantId, tenantId), eq(delegationStaff.delegationId, delegationId)));
  return rows.map((row) => row.id);
}

/** What the clock has ended in the customer's organisation by `now`, for the actions to end. */
async function endingsDue(tx: Tx, tenantId: string, now: Date) {
  const requestedBefore = new Date(now.getTime() - LAPSE_AFTER_DAYS * DAY_MS);
  const [expired, lapsed, operatorAccess] = await Promise.all([
    tx
      .select({ id: delegations.id })
      .from(delegations)
      .where(
        and(eq(delegations.tenantId, tenantId), eq(delegations.status, "active"), lte(delegations.expiresAt, now)),
      ),
    tx
      .select({ id: delegations.id })
      .from(delegations)
      .where(
        and(
          eq(delegations.tenantId, tenantId),
          eq(delegations.status, "requested"),
          lte(delegations.requestedAt, requestedBefore),
        ),
      ),
    tx
      .select({ id: operatorAccessRequests.id })
      .from(operatorAccessRequests)
      .where(
        and(
          eq(operatorAccessRequests.tenantId, tenantId),
          eq(operatorAccessRequests.status, "active"),
          lte(operatorAccessRequests.endsAt, now),
        ),
      ),
  ]);
  return {
    expired: expired.map((row) => row.id),
    lapsed: lapsed.map((row) => row.id),
    operatorAccess: operatorAccess.map((row) => row.id),
  };
}
