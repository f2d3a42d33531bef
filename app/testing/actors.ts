// Actors and sessions for tests of the action layer: an admin or member acting in their own organisation,
// with or without a second factor confirmed just now (step-up itself is tested in app/auth/step-up.test.ts).
import { eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { sessions, type AdminRole } from "~db/schema";
import type { Actor } from "~/actions/actor.server";
import { hashSessionToken } from "~/auth/session-adapter.server";

export interface TestPerson {
  id: string;
  tenantId: string;
  name: string;
  roles: AdminRole[];
}

export function testActor(person: TestPerson, options: { freshFactor?: boolean; requestId?: string } = {}): Actor {
  return {
    facts: {
      accountId: person.id,
      name: person.name,
      homeTenantId: person.tenantId,
      homeTenantKind: "customer",
      actingTenantId: person.tenantId,
      roles: person.roles,
      access: { kind: "member" },
      secondFactorAt: options.freshFactor === false ? null : new Date(),
    },
    audit: {
      accountId: person.id,
      tenantId: person.tenantId,
      name: person.name,
      role: person.roles.join("+") || "member",
    },
    request: { requestId: options.requestId ?? "req-test", ipAddress: "203.0.113.9", userAgent: "vitest" },
  };
}

/** The stored id (SHA-256) of the session a `name=token` cookie carries. */
export function sessionIdOf(cookie: string): string {
  return hashSessionToken(cookie.slice(cookie.indexOf("=") + 1));
}

/** Marks the cookie's session as having confirmed a second factor just now, as /confirm does. */
export async function confirmFactorNow(db: Db, cookie: string): Promise<void> {
  await db
    .update(sessions)
    .set({ secondFactorAt: new Date() })
    .where(eq(sessions.id, sessionIdOf(cookie)));
}
