// For the delegation tests (the actions and the two pages): a customer linked to two resellers, with the
// people each side needs, made fresh for each test so no test sees another's delegations. Written as the
// owner role, as the seed does; the code under test then reads through the tenant scope.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import {
  auditEntries,
  delegationStaff,
  delegations,
  emailOutbox,
  resellerLinks,
  type AccountStatus,
  type AdminRole,
  type OrganisationKind,
} from "~db/schema";
import { createAccount, createOrganisation } from "~db/test-fixtures";
import type { Actor } from "~/actions/actor.server";
import { testActor } from "~/testing/actors";

export const WORLD_PASSWORD = "correct horse battery staple";

export interface WorldPerson {
  id: string;
  tenantId: string;
  kind: OrganisationKind;
  email: string;
  name: string;
  roles: AdminRole[];
}

export interface WorldOrganisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

let serial = 0;

/**
 * Acme (a customer: Dana and Dora domain admins, Hank a helpdesk admin, Alice a member), linked to
 * Northwind (a reseller: Rosa its domain admin, Sam staff, Stan a suspended account) and to Contoso (another
 * reseller: Carla its domain admin); and Fabrikam, a customer that linked no one (Lena its domain admin).
 */
export async function newWorld(db: () => Db) {
  serial += 1;
  const organisation = async (kind: OrganisationKind, name: string): Promise<WorldOrganisation> => {
    const slug = `${name.toLowerCase()}-${serial}`;
    const created = await createOrganisation(db(), { slug, name: `${name} ${serial}`, kind });
    return { ...created, kind };
  };
  const person = async (
    org: WorldOrganisation,
    first: string,
    roles: AdminRole[] = [],
    status: AccountStatus = "active",
  ): Promise<WorldPerson> => {
    const email = `${first.toLowerCase()}${serial}@${org.slug}.example`;
    const name = `${first} ${org.name}`;
    const { id } = await createAccount(db(), {
      tenantId: org.id,
      email,
      displayName: name,
      password: WORLD_PASSWORD,
      roles,
      status,
    });
    return { id, tenantId: org.id, kind: org.kind, email, name, roles };
  };
  const acme = await organisation("customer", "Acme");
  const fabrikam = await organisation("customer", "Fabrikam");
  const northwind = await organisation("reseller", "Northwind");
  const contoso = await organisation("reseller", "Contoso");
  await db()
    .insert(resellerLinks)
    .values([
      { tenantId: acme.id, resellerId: northwind.id },
      { tenantId: acme.id, resellerId: contoso.id },
    ]);
  return {
    acme,
    fabrikam,
    northwind,
    contoso,
    dana: await person(acme, "Dana", ["domain_admin"]),
    dora: await person(acme, "Dora", ["domain_admin"]),
    hank: await person(acme, "Hank", ["helpdesk_admin"]),
    alice: await person(acme, "Alice"),
    lena: await person(fabrikam, "Lena", ["domain_admin"]),
    rosa: await person(northwind, "Rosa", ["domain_admin"]),
    sam: await person(northwind, "Sam"),
    stan: await person(northwind, "Stan", [], "suspended"),
    carla: await person(contoso, "Carla", ["domain_admin"]),
  };
}

export type World = Awaited<ReturnType<typeof newWorld>>;

/** The person acting in their own organisation, with a second factor confirmed just now unless `fresh` is false. */
export function actorOf(person: WorldPerson, options: { fresh?: boolean } = {}): Actor {
  const actor = testActor(person, { freshFactor: options.fresh, requestId: "req-delegations" });
  return { ...actor, facts: { ...actor.facts, homeTenantKind: person.kind } };
}

export async function delegationById(db: Db, id: string) {
  const [row] = await db.select().from(delegations).where(eq(delegations.id, id));
  return row;
}

export async function delegationsOf(db: Db, tenantId: string) {
  return db.select().from(delegations).where(eq(delegations.tenantId, tenantId));
}

export async function staffOf(db: Db, delegationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: delegationStaff.staffAccountId })
    .from(delegationStaff)
    .where(eq(delegationStaff.delegationId, delegationId));
  return rows.map((row) => row.id).sort();
}

export async function entriesOf(db: Db, tenantId: string, action: string) {
  return db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, action)))
    .orderBy(asc(auditEntries.seq));
}

export async function outboxOf(db: Db, tenantId: string, template: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.template, template)))
    .orderBy(asc(emailOutbox.toAddress));
}
