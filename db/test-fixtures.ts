// Small, explicit fixtures for tests that do not need the whole demo. They write as the owner role,
// as the seed does; the code under test then reads through the tenant scope.
import { randomUUID } from "node:crypto";
import { hashPassword } from "../app/auth/password.server";
import type { Db } from "./client";
import {
  accounts,
  organisations,
  passwordCredentials,
  roleAssignments,
  type AccountStatus,
  type AdminRole,
  type OrganisationKind,
} from "./schema";

const hashes = new Map<string, Promise<string>>();

function cachedHash(password: string): Promise<string> {
  let pending = hashes.get(password);
  if (!pending) {
    pending = hashPassword(password);
    hashes.set(password, pending);
  }
  return pending;
}

export async function createOrganisation(
  db: Db,
  values: { slug: string; name?: string; kind?: OrganisationKind },
): Promise<{ id: string; slug: string; name: string }> {
  const [row] = await db
    .insert(organisations)
    .values({ slug: values.slug, name: values.name ?? values.slug, kind: values.kind ?? "customer" })
    .returning({ id: organisations.id, slug: organisations.slug, name: organisations.name });
  return row!;
}

export interface AccountFixture {
  tenantId: string;
  email: string;
  displayName?: string;
  password?: string;
  roles?: AdminRole[];
  status?: AccountStatus;
  managerId?: string;
}

export async function createAccount(db: Db, values: AccountFixture): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  await db.insert(accounts).values({
    tenantId: values.tenantId,
    id,
    email: values.email,
    displayName: values.displayName ?? values.email.split("@")[0]!,
    status: values.status ?? "active",
    managerId: values.managerId,
  });
  if (values.password) {
    await db
      .insert(passwordCredentials)
      .values({ tenantId: values.tenantId, accountId: id, hash: await cachedHash(values.password) });
  }
  for (const role of values.roles ?? []) {
    await db.insert(roleAssignments).values({ tenantId: values.tenantId, accountId: id, role });
  }
  return { id, email: values.email };
}
