// The demo: an operator, a reseller and three customers with a few hundred realistic accounts, roles,
// delegations, a legal hold, privacy locks, consent, devices and three months of app-install telemetry.
// Running it again changes nothing: every id is a name-based UUID, every choice comes from a PRNG seeded
// by a fixed label, every time is an offset from one anchor (the operator organisation's created_at once
// it exists), and every insert skips rows that are already there. Math.random or now() here breaks that.
import { createHash } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "../app/auth/password.server";
import { queryRows, type Db, type Tx } from "./client";
import {
  accounts,
  appInstallations,
  consentRecords,
  delegationStaff,
  delegations,
  devices,
  installDailyRollups,
  installEvents,
  legalHoldAccounts,
  legalHolds,
  organisations,
  passwordCredentials,
  privacyLocks,
  privacyPolicyVersions,
  resellerLinks,
  roleAssignments,
  type AdminRole,
  type OrganisationKind,
} from "./schema";
import {
  APPS,
  DEPARTMENTS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  OPERATING_SYSTEMS,
  PRIVACY_POLICY_VERSIONS,
  REGIONS,
  US_AREA_CODES,
  type App,
  type DepartmentKey,
  type OsName,
  type RegionKey,
} from "./seed-data";

/** The password of every demo account: 20 characters, not on any common-password list. */
export const DEMO_PASSWORD = "Glasshouse-demo-2026";

const OPERATOR_SLUG = "glasshouse-ops";
const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** Rows per INSERT: keeps the widest table (accounts, 22 columns) far below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;
/** Telemetry covers this many days before the anchor. */
const TELEMETRY_DAYS = 90;
/** Namespace of the demo's name-based UUIDs. */
const NAMESPACE = Buffer.from("9c1d5f3e7a2b4c6d8e0f1a2b3c4d5e6f", "hex");

// Letters that Unicode does not decompose into a base letter and a mark.
const TRANSLITERATIONS: Record<string, string> = { ß: "ss", ø: "o", æ: "ae", ł: "l", đ: "d", ı: "i", œ: "oe" };

// ─── The organisations and the people who sign in ────────────────────────────────────────────────

interface OrganisationSpec {
  slug: string;
  name: string;
  kind: OrganisationKind;
  domain: string;
  /** Accounts in all, named ones included. */
  size: number;
  directorTitle: string;
  departments: Partial<Record<DepartmentKey, number>>;
  regions: Partial<Record<RegionKey, number>>;
  defaultLocale?: string;
  defaultTimeZone?: string;
  createdDaysAgo: number;
}

const ORGANISATIONS: readonly OrganisationSpec[] = [
  {
    slug: OPERATOR_SLUG,
    name: "Glasshouse Operations",
    kind: "operator",
    domain: "glasshouse.example",
    size: 6,
    directorTitle: "Director of Operations",
    departments: { platform: 1 },
    regions: { london: 4, newYork: 1 },
    // The anchor itself: see anchorOf().
    createdDaysAgo: 0,
  },
  {
    slug: "northwind",
    name: "Northwind Partners",
    kind: "reseller",
    domain: "northwind.example",
    size: 9,
    directorTitle: "Managing Partner",
    departments: { partnerServices: 3, sales: 1 },
    regions: { london: 4, dublin: 1, berlin: 1 },
    createdDaysAgo: 540,
  },
  {
    slug: "acme",
    name: "Acme Ltd",
    kind: "customer",
    domain: "acme.example",
    size: 300,
    directorTitle: "Managing Director",
    departments: {
      executive: 1,
      sales: 9,
      customerSuccess: 7,
      marketing: 4,
      engineering: 10,
      product: 3,
      finance: 3,
      people: 2,
      it: 3,
      legal: 2,
      operations: 3,
    },
    regions: { london: 14, berlin: 3, berlinEnglish: 1, dublin: 1, newYork: 2 },
    createdDaysAgo: 480,
  },
  {
    slug: "fabrikam",
    name: "Fabrikam Studio",
    kind: "customer",
    domain: "fabrikam.example",
    size: 30,
    directorTitle: "Studio Director",
    departments: { design: 4, production: 3, clientServices: 2, operations: 1 },
    regions: { berlin: 7, berlinEnglish: 2, london: 1 },
    defaultLocale: "de",
    defaultTimeZone: "Europe/Berlin",
    createdDaysAgo: 45,
  },
  {
    slug: "contoso",
    name: "Contoso Health",
    kind: "customer",
    domain: "contoso.example",
    size: 40,
    directorTitle: "Chief Executive",
    departments: { clinical: 6, patientSupport: 3, it: 1, finance: 1, legal: 1 },
    regions: { newYork: 6, chicago: 2, losAngeles: 2 },
    defaultTimeZone: "America/New_York",
    createdDaysAgo: 300,
  },
];

type DemoRole = AdminRole | "line_manager" | "member" | "reseller_staff";

interface NamedAccountSpec {
  tenantSlug: string;
  givenName: string;
  familyName: string;
  department: DepartmentKey;
  jobTitle: string;
  /** Heads their department (and so manages everyone in it). */
  head?: boolean;
  roles: readonly AdminRole[];
  /** How the demo table describes them. */
  demoRole: DemoRole;
  region: RegionKey;
  marketingConsent: boolean;
}

const NAMED_ACCOUNTS: readonly NamedAccountSpec[] = [
  {
    tenantSlug: "acme",
    givenName: "Dana",
    familyName: "Okafor",
    department: "it",
    jobTitle: "Head of IT",
    head: true,
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "london",
    marketingConsent: false,
  },
  {
    tenantSlug: "acme",
    givenName: "Bob",
    familyName: "Lindqvist",
    department: "it",
    jobTitle: "Helpdesk Lead",
    roles: ["helpdesk_admin"],
    demoRole: "helpdesk_admin",
    region: "london",
    marketingConsent: true,
  },
  {
    tenantSlug: "acme",
    givenName: "Priya",
    familyName: "Raman",
    department: "legal",
    jobTitle: "Head of Compliance",
    head: true,
    roles: ["compliance_officer"],
    demoRole: "compliance_officer",
    region: "london",
    marketingConsent: false,
  },
  {
    tenantSlug: "acme",
    givenName: "Tom",
    familyName: "Ashby",
    department: "finance",
    jobTitle: "Internal Auditor",
    roles: ["auditor"],
    demoRole: "auditor",
    region: "london",
    marketingConsent: false,
  },
  {
    tenantSlug: "acme",
    givenName: "Marcus",
    familyName: "Webb",
    department: "sales",
    jobTitle: "Head of Sales",
    head: true,
    roles: [],
    demoRole: "line_manager",
    region: "london",
    marketingConsent: true,
  },
  {
    tenantSlug: "acme",
    givenName: "Alice",
    familyName: "Ng",
    department: "sales",
    jobTitle: "Account Executive",
    roles: [],
    demoRole: "member",
    region: "london",
    marketingConsent: true,
  },
  {
    tenantSlug: "fabrikam",
    givenName: "Lena",
    familyName: "Hoffmann",
    department: "operations",
    jobTitle: "Head of Studio Operations",
    head: true,
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "berlin",
    marketingConsent: false,
  },
  {
    // A German-speaking colleague the e2e suite can rely on (e2e/account-security.spec.ts).
    tenantSlug: "fabrikam",
    givenName: "Wiebke",
    familyName: "Zimmermann",
    department: "design",
    jobTitle: "Motion Designer",
    roles: [],
    demoRole: "member",
    region: "berlin",
    marketingConsent: true,
  },
  {
    tenantSlug: "fabrikam",
    givenName: "Felix",
    familyName: "Brandt",
    department: "production",
    jobTitle: "Production IT Lead",
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "berlinEnglish",
    marketingConsent: false,
  },
  {
    tenantSlug: "contoso",
    givenName: "Grace",
    familyName: "Mensah",
    department: "it",
    jobTitle: "IT Manager",
    head: true,
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "newYork",
    marketingConsent: false,
  },
  {
    tenantSlug: "contoso",
    givenName: "Mira",
    familyName: "Novak",
    department: "legal",
    jobTitle: "Data Protection Officer",
    roles: ["compliance_officer"],
    demoRole: "compliance_officer",
    region: "newYork",
    marketingConsent: false,
  },
  {
    tenantSlug: "contoso",
    givenName: "Jonas",
    familyName: "Becker",
    department: "clinical",
    jobTitle: "Clinical Data Analyst",
    roles: [],
    demoRole: "member",
    region: "berlin",
    marketingConsent: true,
  },
  {
    tenantSlug: "northwind",
    givenName: "Rosa",
    familyName: "Delgado",
    department: "partnerServices",
    jobTitle: "Head of Partner Services",
    head: true,
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "london",
    marketingConsent: false,
  },
  {
    tenantSlug: "northwind",
    givenName: "Nadia",
    familyName: "Petrova",
    department: "sales",
    jobTitle: "Partner Operations Lead",
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "dublin",
    marketingConsent: false,
  },
  {
    tenantSlug: "northwind",
    givenName: "Sam",
    familyName: "Porter",
    department: "partnerServices",
    jobTitle: "Partner Support Engineer",
    roles: [],
    demoRole: "reseller_staff",
    region: "london",
    marketingConsent: false,
  },
  {
    tenantSlug: OPERATOR_SLUG,
    givenName: "Imogen",
    familyName: "Hart",
    department: "platform",
    jobTitle: "Head of Platform Operations",
    head: true,
    roles: ["domain_admin"],
    demoRole: "domain_admin",
    region: "london",
    marketingConsent: false,
  },
];

export interface DemoSignIn {
  email: string;
  password: string;
  name: string;
  organisation: string;
  tenantSlug: string;
  /** An admin role, or `line_manager`, `member`, `reseller_staff`. */
  role: string;
  /** Where sign-in takes them: the admin console of their organisation for admins, `/me` for everyone else. */
  landsOn: string;
}

export const DEMO_SIGN_INS: DemoSignIn[] = NAMED_ACCOUNTS.map((person) => {
  const organisation = organisationSpec(person.tenantSlug);
  return {
    email: emailFor(person.givenName, person.familyName, organisation.domain),
    password: DEMO_PASSWORD,
    name: `${person.givenName} ${person.familyName}`,
    organisation: organisation.name,
    tenantSlug: organisation.slug,
    role: person.demoRole,
    landsOn: person.roles.length > 0 ? `/t/${organisation.slug}/` : "/me",
  };
});

// ─── The summary ──────────────────────────────────────────────────────────────────────────────────

const SEEDED_TABLES = {
  organisations,
  privacyPolicyVersions,
  accounts,
  passwordCredentials,
  roleAssignments,
  resellerLinks,
  delegations,
  delegationStaff,
  legalHolds,
  legalHoldAccounts,
  privacyLocks,
  consentRecords,
  devices,
  appInstallations,
  installEvents,
  installDailyRollups,
} as const;

export type SeededTable = keyof typeof SEEDED_TABLES;

export interface SeedSummary {
  anchor: Date;
  /** Whether the demo was already there (the operator organisation existed, so its created_at is the anchor). */
  alreadySeeded: boolean;
  /** Rows the demo consists of, per table. */
  rows: Record<SeededTable, number>;
  /** Rows this run wrote: inserted, or for rollups inserted or changed. All zero on a second run. */
  written: Record<SeededTable, number>;
  durationMs: number;
}

// ─── Seeding ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Seeds the demo into a migrated database, as the owner role (row-level security does not apply), in one
 * transaction. Idempotent: a second run leaves every row as the first left it.
 */
export async function seedDemo(db: Db, options: { now?: Date } = {}): Promise<SeedSummary> {
  const started = performance.now();
  // argon2id costs ~10 ms a hash by design, so the bulk accounts share one hash and only the people in
  // DEMO_SIGN_INS get their own. Hashed before the transaction so it is not held open meanwhile.
  const [sharedHash, ...namedHashes] = await Promise.all(
    [null, ...NAMED_ACCOUNTS].map(() => hashPassword(DEMO_PASSWORD)),
  );

  return db.transaction(async (tx) => {
    const [operator] = await tx
      .select({ createdAt: organisations.createdAt })
      .from(organisations)
      .where(eq(organisations.slug, OPERATOR_SLUG));
    const anchor = new Date((operator?.createdAt ?? options.now ?? new Date()).getTime());
    const written = {} as Record<SeededTable, number>;
    const rows = {} as Record<SeededTable, number>;
    const insert = async <K extends SeededTable>(name: K, values: PgInsertValue<(typeof SEEDED_TABLES)[K]>[]) => {
      rows[name] = values.length;
      written[name] = await insertMissing(tx, SEEDED_TABLES[name], values);
    };

    await insert("organisations", buildOrganisations(anchor));
    // An organisation may predate the seed under another id; whatever id its slug has is the one to use.
    const found = await tx
      .select({ id: organisations.id, slug: organisations.slug })
      .from(organisations)
      .where(
        inArray(
          organisations.slug,
          ORGANISATIONS.map((o) => o.slug),
        ),
      );
    const tenantIds = new Map(found.map((o) => [o.slug, o.id]));
    const demo = buildDemo(anchor, tenantIds, { shared: sharedHash!, named: namedHashes });

    await insert("privacyPolicyVersions", buildPrivacyPolicyVersions());
    await insert("accounts", demo.accounts);
    await insert("passwordCredentials", demo.passwordCredentials);
    await insert("roleAssignments", demo.roleAssignments);
    await insert("resellerLinks", demo.resellerLinks);
    await insert("delegations", demo.delegations);
    await insert("delegationStaff", demo.delegationStaff);
    await insert("legalHolds", demo.legalHolds);
    await insert("legalHoldAccounts", demo.legalHoldAccounts);
    await insert("privacyLocks", demo.privacyLocks);
    await insert("consentRecords", demo.consentRecords);
    await insert("devices", demo.devices);
    await insert("appInstallations", demo.appInstallations);
    await insert("installEvents", demo.installEvents);

    const rollups = await rollUpInstallEvents(tx, [...tenantIds.values()]);
    rows.installDailyRollups = rollups.rows;
    written.installDailyRollups = rollups.written;

    return {
      anchor,
      alreadySeeded: operator !== undefined,
      rows,
      written,
      durationMs: Math.round(performance.now() - started),
    };
  });
}

/** Inserts in chunks, skipping rows that are already there (any unique key); returns how many were new. */
async function insertMissing<T extends PgTable>(tx: Tx, table: T, values: PgInsertValue<T>[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < values.length; start += CHUNK) {
    const result = await tx
      .insert(table)
      .values(values.slice(start, start + CHUNK))
      .onConflictDoNothing()
      .returning({ one: sql<number>`1` });
    inserted += result.length;
  }
  return inserted;
}

/**
 * Recomputes the daily rollups of these tenants from their raw events, as the events API keeps them
 * (app/telemetry/ingest.server.ts): per UTC day, app, version and OS, how many of each kind.
 */
export async function rollUpInstallEvents(tx: Tx, tenantIds: string[]): Promise<{ rows: number; written: number }> {
  const tenants = sql.join(
    tenantIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const changed = await queryRows<{ one: number }>(
    tx,
    sql`
      insert into install_daily_rollups as r
        (tenant_id, day, app, app_version, os, installs, uninstalls, heartbeats)
      select e.tenant_id, (e.occurred_at at time zone 'UTC')::date, e.app, e.app_version, e.os,
             count(*) filter (where e.kind = 'install'),
             count(*) filter (where e.kind = 'uninstall'),
             count(*) filter (where e.kind = 'heartbeat')
        from install_events e
       where e.tenant_id in (${tenants})
       group by 1, 2, 3, 4, 5
      on conflict (tenant_id, day, app, app_version, os) do update
         set installs = excluded.installs,
             uninstalls = excluded.uninstalls,
             heartbeats = excluded.heartbeats
       where (r.installs, r.uninstalls, r.heartbeats)
             is distinct from (excluded.installs, excluded.uninstalls, excluded.heartbeats)
      returning 1 as one`,
  );
  const [count] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from ${installDailyRollups} where tenant_id in (${tenants})`,
  );
  return { rows: Number(count?.n ?? 0), written: changed.length };
}

// ─── Building the rows (pure: same anchor and ids in, same rows out) ──────────────────────────────

type Insert<T extends PgTable> = PgInsertValue<T>;

interface Demo {
  accounts: Insert<typeof accounts>[];
  passwordCredentials: Insert<typeof passwordCredentials>[];
  roleAssignments: Insert<typeof roleAssignments>[];
  resellerLinks: Insert<typeof resellerLinks>[];
  delegations: Insert<typeof delegations>[];
  delegationStaff: Insert<typeof delegationStaff>[];
  legalHolds: Insert<typeof legalHolds>[];
  legalHoldAccounts: Insert<typeof legalHoldAccounts>[];
  privacyLocks: Insert<typeof privacyLocks>[];
  consentRecords: Insert<typeof consentRecords>[];
  devices: Insert<typeof devices>[];
  appInstallations: Insert<typeof appInstallations>[];
  installEvents: Insert<typeof installEvents>[];
}

interface Person {
  tenantSlug: string;
  tenantId: string;
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  department: DepartmentKey;
  jobTitle: string;
  /** 0 director, 1 department head, 2 everyone else: managers are inserted before their reports. */
  depth: 0 | 1 | 2;
  managerId: string | null;
  named?: NamedAccountSpec;
  namedIndex?: number;
  roles: AdminRole[];
  region: RegionKey;
  phone: string | null;
  status: "active" | "suspended" | "terminated";
  mustChangePassword: boolean;
  marketingConsent: boolean;
  createdAt: Date;
  suspendedAt: Date | null;
  terminatedAt: Date | null;
  lastSignInAt: Date | null;
}

function buildOrganisations(anchor: Date): Insert<typeof organisations>[] {
  return ORGANISATIONS.map((o) => ({
    id: demoUuid(`organisation:${o.slug}`),
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    primaryDomain: o.domain,
    defaultLocale: o.defaultLocale ?? "en",
    defaultTimeZone: o.defaultTimeZone ?? "Europe/London",
    createdAt: daysBefore(anchor, o.createdDaysAgo),
  }));
}

function buildPrivacyPolicyVersions(): Insert<typeof privacyPolicyVersions>[] {
  return PRIVACY_POLICY_VERSIONS.map((p) => ({ ...p, publishedAt: new Date(p.publishedAt) }));
}

function buildDemo(anchor: Date, tenantIds: Map<string, string>, hashes: { shared: string; named: string[] }): Demo {
  const demo: Demo = {
    accounts: [],
    passwordCredentials: [],
    roleAssignments: [],
    resellerLinks: [],
    delegations: [],
    delegationStaff: [],
    legalHolds: [],
    legalHoldAccounts: [],
    privacyLocks: [],
    consentRecords: [],
    devices: [],
    appInstallations: [],
    installEvents: [],
  };
  const usedEmails = new Set(DEMO_SIGN_INS.map((s) => s.email));
  const people = new Map<string, Person[]>();
  for (const organisation of ORGANISATIONS) {
    const tenantId = tenantIds.get(organisation.slug);
    if (!tenantId) throw new Error(`seed: organisation ${organisation.slug} is missing after insert`);
    people.set(organisation.slug, buildPeople(organisation, tenantId, anchor, usedEmails));
  }
  const named = (email: string): Person => {
    for (const list of people.values()) {
      const person = list.find((p) => p.email === email);
      if (person) return person;
    }
    throw new Error(`seed: no named account ${email}`);
  };
  const dana = named("dana.okafor@acme.example");
  const priya = named("priya.raman@acme.example");
  const rosa = named("rosa.delgado@northwind.example");
  const sam = named("sam.porter@northwind.example");
  const lena = named("lena.hoffmann@fabrikam.example");

  for (const [slug, list] of people) {
    const admin = list.find((p) => p.roles.includes("domain_admin"));
    for (const person of list.sort((a, b) => a.depth - b.depth)) {
      demo.accounts.push(accountRow(person));
      demo.passwordCredentials.push({
        tenantId: person.tenantId,
        accountId: person.id,
        hash: person.namedIndex === undefined ? hashes.shared : hashes.named[person.namedIndex]!,
        updatedAt: person.createdAt,
      });
      for (const role of person.roles) {
        demo.roleAssignments.push({
          tenantId: person.tenantId,
          accountId: person.id,
          role,
          grantedBy: admin && admin.id !== person.id ? admin.id : null,
          grantedAt: new Date(person.createdAt.getTime() + DAY),
        });
      }
      if (person.marketingConsent) demo.consentRecords.push(consentRow(person, anchor));
    }
    const telemetry = buildTelemetry(slug, list, anchor);
    demo.devices.push(...telemetry.devices);
    demo.appInstallations.push(...telemetry.appInstallations);
    demo.installEvents.push(...telemetry.installEvents);
  }

  // Northwind supports Acme (an active delegation) and has asked Fabrikam for one.
  const acmeId = dana.tenantId;
  const fabrikamId = lena.tenantId;
  const northwindId = rosa.tenantId;
  demo.resellerLinks.push(
    { tenantId: acmeId, resellerId: northwindId, linkedBy: dana.id, createdAt: daysBefore(anchor, 400) },
    { tenantId: fabrikamId, resellerId: northwindId, linkedBy: lena.id, createdAt: daysBefore(anchor, 30) },
  );
  const acmeDelegation = demoUuid("delegation:acme:12");
  const approvedAt = daysBefore(anchor, 1);
  demo.delegations.push(
    {
      tenantId: acmeId,
      id: acmeDelegation,
      number: 12,
      resellerId: northwindId,
      roles: ["helpdesk_admin"],
      status: "active",
      message: "Renewal of our first-line support cover for the winter quarter.",
      requestedBy: rosa.id,
      requestedAt: daysBefore(anchor, 2),
      durationDays: 90,
      approvedBy: dana.id,
      approvedAt,
      expiresAt: new Date(approvedAt.getTime() + 90 * DAY),
    },
    {
      tenantId: fabrikamId,
      id: demoUuid("delegation:fabrikam:1"),
      number: 1,
      resellerId: northwindId,
      roles: ["helpdesk_admin", "auditor"],
      status: "requested",
      message:
        "Hello Lena, as agreed on our call: helpdesk access so our team can take over password resets and " +
        "new-starter set-up, and auditor access for the quarterly licence review. Rosa, Northwind Partners",
      requestedBy: rosa.id,
      requestedAt: daysBefore(anchor, 1),
      durationDays: 180,
    },
  );
  for (const staff of [rosa, sam]) {
    demo.delegationStaff.push({
      tenantId: acmeId,
      delegationId: acmeDelegation,
      staffAccountId: staff.id,
      addedBy: rosa.id,
      createdAt: daysBefore(anchor, 2),
    });
  }

  // A legal hold in Acme over three ordinary accounts, one of them already terminated, so its purge is refused.
  const acme = people.get("acme")!;
  const ordinary = acme.filter((p) => !p.named && p.depth === 2 && p.roles.length === 0);
  const terminated = ordinary.filter((p) => p.status === "terminated").slice(0, 1);
  const finance = ordinary.filter((p) => p.status === "active" && p.department === "finance");
  const held = [...terminated, ...finance].slice(0, 3);
  const holdId = demoUuid("legal-hold:acme:matter-2026-14");
  const holdPlaced = daysBefore(anchor, 21);
  demo.legalHolds.push({
    tenantId: acmeId,
    id: holdId,
    name: "Matter 2026-14",
    reference: "LIT-2026-014",
    description:
      "Contract dispute with a former logistics supplier. Preserve the accounts and records of the people " +
      "who handled the supplier until outside counsel releases the hold.",
    scope: "accounts",
    createdBy: priya.id,
    createdAt: holdPlaced,
  });
  for (const person of held) {
    demo.legalHoldAccounts.push({
      tenantId: acmeId,
      holdId,
      accountId: person.id,
      addedBy: priya.id,
      addedAt: holdPlaced,
    });
  }

  const lockedOut = ordinary.find((p) => p.status === "active" && !p.marketingConsent && !held.includes(p))!;
  demo.privacyLocks.push(
    {
      tenantId: acmeId,
      id: demoUuid("privacy-lock:acme:marketing-consent"),
      accountId: lockedOut.id,
      setting: "marketing_consent",
      reason: "Asked for no marketing contact while complaint 8823 is open; keep it off until it is closed.",
      lockedBy: dana.id,
      lockedAt: daysBefore(anchor, 9),
    },
    {
      tenantId: acmeId,
      id: demoUuid("privacy-lock:acme:profile-phone"),
      accountId: null,
      setting: "profile.phone",
      reason: "Phone numbers come from the HR system; change them there so both stay in step.",
      lockedBy: dana.id,
      lockedAt: daysBefore(anchor, 120),
    },
  );
  return demo;
}

function buildPeople(
  organisation: OrganisationSpec,
  tenantId: string,
  anchor: Date,
  usedEmails: Set<string>,
): Person[] {
  const random = new Random(`people:${organisation.slug}`);
  const namedDisplayNames = new Set(NAMED_ACCOUNTS.map((n) => `${n.givenName} ${n.familyName}`));
  const people: Person[] = [];
  const departmentKeys = Object.keys(organisation.departments) as DepartmentKey[];
  const departmentWeights = departmentKeys.map((key) => [key, organisation.departments[key]!] as const);
  const regionKeys = Object.keys(organisation.regions) as RegionKey[];
  const regionWeights = regionKeys.map((key) => [key, organisation.regions[key]!] as const);

  const draftPerson = (depth: Person["depth"], department: DepartmentKey, jobTitle: string): Person => {
    let givenName: string;
    let familyName: string;
    do {
      givenName = random.pick(GIVEN_NAMES);
      familyName = random.pick(FAMILY_NAMES);
    } while (namedDisplayNames.has(`${givenName} ${familyName}`));
    const base = emailFor(givenName, familyName, organisation.domain);
    let email = base;
    for (let n = 2; usedEmails.has(email); n++) email = base.replace("@", `${n}@`);
    usedEmails.add(email);
    const region = random.weighted(regionWeights);
    return {
      tenantSlug: organisation.slug,
      tenantId,
      id: demoUuid(`account:${organisation.slug}:${email}`),
      email,
      givenName,
      familyName,
      department,
      jobTitle,
      depth,
      managerId: null,
      roles: [],
      region,
      phone: random.chance(0.92) ? phoneNumber(random, REGIONS[region].phonePlan) : null,
      status: "active",
      mustChangePassword: false,
      marketingConsent: random.chance(0.35),
      createdAt: secondsBefore(anchor, random.int(30 * 86400, 1100 * 86400)),
      suspendedAt: null,
      terminatedAt: null,
      lastSignInAt: null,
    };
  };

  const director = draftPerson(0, "executive", organisation.directorTitle);
  director.createdAt = secondsBefore(anchor, random.int(900 * 86400, 1400 * 86400));
  people.push(director);

  NAMED_ACCOUNTS.forEach((spec, namedIndex) => {
    if (spec.tenantSlug !== organisation.slug) return;
    const email = emailFor(spec.givenName, spec.familyName, organisation.domain);
    people.push({
      tenantSlug: organisation.slug,
      tenantId,
      id: demoUuid(`account:${organisation.slug}:${email}`),
      email,
      givenName: spec.givenName,
      familyName: spec.familyName,
      department: spec.department,
      jobTitle: spec.jobTitle,
      depth: spec.head ? 1 : 2,
      managerId: null,
      named: spec,
      namedIndex,
      roles: [...spec.roles],
      region: spec.region,
      phone: phoneNumber(random, REGIONS[spec.region].phonePlan),
      status: "active",
      mustChangePassword: false,
      marketingConsent: spec.marketingConsent,
      createdAt: daysBefore(anchor, 600 + namedIndex * 17),
      suspendedAt: null,
      terminatedAt: null,
      lastSignInAt: secondsBefore(anchor, random.int(HOUR / SECOND, 3 * 86400)),
    });
  });

  while (people.length < organisation.size) {
    const department = random.weighted(departmentWeights);
    people.push(draftPerson(2, department, random.pick(DEPARTMENTS[department].titles)));
  }

  // Department heads manage their department and report to the director; the director manages the executive.
  const heads = new Map<DepartmentKey, Person>([["executive", director]]);
  for (const person of people) if (person.depth === 1) heads.set(person.department, person);
  for (const person of people) {
    if (person.depth !== 2 || heads.has(person.department) || person.named) continue;
    person.depth = 1;
    person.jobTitle = DEPARTMENTS[person.department].headTitle;
    person.createdAt = secondsBefore(anchor, random.int(700 * 86400, 1300 * 86400));
    heads.set(person.department, person);
  }
  for (const person of people) {
    if (person.depth === 1) person.managerId = director.id;
    if (person.depth === 2) person.managerId = (heads.get(person.department) ?? director).id;
  }

  // Ordinary accounts: 3% suspended, 1% terminated, 2% new (must change the password, never signed in).
  const ordinary = random.shuffle(people.filter((p) => !p.named && p.depth === 2));
  const share = (fraction: number) => Math.round(ordinary.length * fraction);
  const suspended = new Set(ordinary.splice(0, share(0.03)));
  const terminated = new Set(ordinary.splice(0, share(0.01 / 0.97)));
  const fresh = new Set(ordinary.splice(0, share(0.02 / 0.96)));
  for (const person of people) {
    if (person.named) continue;
    if (suspended.has(person)) {
      person.status = "suspended";
      person.suspendedAt = secondsBefore(anchor, random.int(2 * 86400, 60 * 86400));
      person.lastSignInAt = latest(person.createdAt, before(person.suspendedAt, random.int(3600, 20 * 86400)));
    } else if (terminated.has(person)) {
      person.status = "terminated";
      person.terminatedAt = secondsBefore(anchor, random.int(86400, 25 * 86400));
      person.lastSignInAt = latest(person.createdAt, before(person.terminatedAt, random.int(3600, 5 * 86400)));
    } else if (fresh.has(person)) {
      person.mustChangePassword = true;
      person.marketingConsent = false;
      person.createdAt = secondsBefore(anchor, random.int(3600, 10 * 86400));
    } else {
      const recency = random.next();
      const secondsAgo =
        recency < 0.8 ? random.int(600, 7 * 86400) : recency < 0.95 ? random.int(7 * 86400, 60 * 86400) : null;
      person.lastSignInAt = secondsAgo === null ? null : latest(person.createdAt, secondsBefore(anchor, secondsAgo));
    }
  }

  if (organisation.slug === "acme") {
    // A few more helpdesk admins from IT, besides Bob.
    const it = people.filter((p) => p.department === "it" && p.depth === 2 && !p.named && p.status === "active");
    for (const person of it.filter((p) => !p.mustChangePassword).slice(0, 3)) person.roles.push("helpdesk_admin");
  }
  return people;
}

function accountRow(person: Person): Insert<typeof accounts> {
  const region = REGIONS[person.region];
  const updatedAt = [person.suspendedAt, person.terminatedAt].reduce<Date>(
    (max, at) => (at && at > max ? at : max),
    person.createdAt,
  );
  return {
    tenantId: person.tenantId,
    id: person.id,
    email: person.email,
    displayName: `${person.givenName} ${person.familyName}`,
    givenName: person.givenName,
    familyName: person.familyName,
    phone: person.phone,
    jobTitle: person.jobTitle,
    department: DEPARTMENTS[person.department].name,
    status: person.status,
    mustChangePassword: person.mustChangePassword,
    managerId: person.managerId,
    locale: region.locale,
    timeZone: region.timeZone,
    marketingConsent: person.marketingConsent,
    // The demo's people have read the policy in force: no banner, no notice email until a new one.
    privacyPolicySeen: PRIVACY_POLICY_VERSIONS[PRIVACY_POLICY_VERSIONS.length - 1]!.version,
    suspendedAt: person.suspendedAt,
    terminatedAt: person.terminatedAt,
    purgeAfter: person.terminatedAt && new Date(person.terminatedAt.getTime() + 30 * DAY),
    lastSignInAt: person.lastSignInAt,
    createdAt: person.createdAt,
    updatedAt,
  };
}

function consentRow(person: Person, anchor: Date): Insert<typeof consentRecords> {
  // Recorded under the current policy: after it was published and the account existed, before the anchor.
  const policy = PRIVACY_POLICY_VERSIONS[PRIVACY_POLICY_VERSIONS.length - 1]!;
  const from = latest(person.createdAt, new Date(policy.publishedAt)).getTime();
  const span = anchor.getTime() - from;
  const random = new Random(`consent:${person.tenantSlug}:${person.email}`);
  const recordedAt = span > HOUR ? new Date(from + random.int(0, Math.floor(span / SECOND)) * SECOND) : anchor;
  return {
    tenantId: person.tenantId,
    id: demoUuid(`consent:${person.tenantSlug}:${person.email}:product-news`),
    accountId: person.id,
    purpose: "product-news",
    granted: true,
    method: "signup-form",
    policyVersion: policy.version,
    recordedAt,
  };
}

// ─── Telemetry ────────────────────────────────────────────────────────────────────────────────────

interface Telemetry {
  devices: Insert<typeof devices>[];
  appInstallations: Insert<typeof appInstallations>[];
  installEvents: Insert<typeof installEvents>[];
}

interface DeviceDraft {
  tenantId: string;
  id: string;
  identifier: string;
  model: string;
  os: OsName;
  osVersion: string;
}

const OS_WEIGHTS = (Object.keys(OPERATING_SYSTEMS) as OsName[]).map(
  (os) => [os, OPERATING_SYSTEMS[os].weight] as const,
);

/**
 * Devices for about 70% of the accounts, each with its Helpdesk app and sometimes a companion app. Every
 * installation reports an install, a heartbeat every three to seven days while it is in use, and perhaps an
 * uninstall (half of those come back as a new installation). An upgrade is not an event of its own: the
 * heartbeats after it report the new version. Telemetry stops when an account is suspended or terminated.
 */
function buildTelemetry(slug: string, people: Person[], anchor: Date): Telemetry {
  const random = new Random(`telemetry:${slug}`);
  const telemetry: Telemetry = { devices: [], appInstallations: [], installEvents: [] };
  const windowStart = anchor.getTime() - (TELEMETRY_DAYS - 2) * DAY;
  let installationCount = 0;

  for (const person of people) {
    if (person.mustChangePassword || !random.chance(0.7)) continue;
    const end = (person.suspendedAt ?? person.terminatedAt ?? anchor).getTime() - 2 * HOUR;
    const start = Math.max(windowStart, person.createdAt.getTime() + HOUR);
    if (end - start < 2 * DAY) continue;
    const deviceCount = random.chance(0.4) ? 2 : 1;
    const kinds: OsName[] = [];
    for (let n = 0; n < deviceCount; n++) {
      let os = random.weighted(OS_WEIGHTS);
      // A second device is of the other kind: a laptop and a phone, not two phones.
      while (n > 0 && OPERATING_SYSTEMS[os].kind === OPERATING_SYSTEMS[kinds[0]!].kind)
        os = random.weighted(OS_WEIGHTS);
      kinds.push(os);
      const system = OPERATING_SYSTEMS[os];
      const key = `device:${slug}:${person.email}:${n}`;
      const device: DeviceDraft = {
        tenantId: person.tenantId,
        id: demoUuid(key),
        identifier: deviceIdentifier(os, key),
        model: random.pick(system.models),
        os,
        osVersion: random.weighted(system.versions.map(([version, weight]) => [version, weight] as const)),
      };
      const apps = APPS.filter((app) => app.os === os && (app.primary || random.chance(0.4)));
      const installations: Insert<typeof appInstallations>[] = [];
      for (const app of apps) {
        let from = start;
        for (let attempt = 0; attempt < 2 && end - from > DAY; attempt++) {
          const number = demoUuid(`installation:${slug}:${installationCount++}`);
          const result = simulateInstallation(random, { person, device, app, number, from, end, anchor });
          installations.push(result.installation);
          telemetry.installEvents.push(...result.events);
          // Half the uninstalled come back later as a new installation.
          if (!result.uninstalledAt || !random.chance(0.5)) break;
          from = result.uninstalledAt + random.int(2 * 3600, 6 * 86400) * SECOND;
        }
      }
      const seen = installations.flatMap((i) => [i.firstSeenAt as Date, i.lastSeenAt as Date]).map((d) => d.getTime());
      telemetry.appInstallations.push(...installations);
      telemetry.devices.push({
        tenantId: device.tenantId,
        id: device.id,
        deviceIdentifier: device.identifier,
        accountId: person.id,
        model: device.model,
        os: device.os,
        osVersion: device.osVersion,
        firstSeenAt: new Date(Math.min(...seen)),
        lastSeenAt: new Date(Math.max(...seen)),
      });
    }
  }
  return telemetry;
}

function simulateInstallation(
  random: Random,
  input: { person: Person; device: DeviceDraft; app: App; number: string; from: number; end: number; anchor: Date },
): { installation: Insert<typeof appInstallations>; events: Insert<typeof installEvents>[]; uninstalledAt?: number } {
  const { person, device, app, number, from, end, anchor } = input;
  // Skewed towards the start of the window, so the installed base grows over the three months.
  const installedAt = from + Math.floor((random.next() ** 2 * (end - from - DAY)) / SECOND) * SECOND;
  const releasedAt = app.releases.map((r) => anchor.getTime() - r.releasedDaysAgo * DAY);
  let current = releasedAt.findLastIndex((at) => at <= installedAt);
  if (current > 0 && random.chance(0.12)) current -= 1; // a pinned, older build
  // Upgrades: most installations pick up each later release within two weeks of it shipping.
  const upgrades: { at: number; index: number }[] = [];
  for (let index = current + 1; index < app.releases.length; index++) {
    if (!random.chance(0.8)) continue;
    const at = Math.max(releasedAt[index]!, installedAt) + random.int(3600, 14 * 86400) * SECOND;
    if (at < end && at > (upgrades.at(-1)?.at ?? installedAt)) upgrades.push({ at, index });
  }
  const uninstalledAt =
    end - installedAt > 3 * DAY && random.chance(0.1)
      ? installedAt + Math.floor(((end - installedAt) * (0.1 + 0.85 * random.next())) / SECOND) * SECOND
      : undefined;
  // Some go quiet without an uninstall: a lost phone, a laptop in a drawer.
  const quietFrom = random.chance(0.05) ? installedAt + random.next() * (end - installedAt) : undefined;
  const stop = Math.min(end, uninstalledAt ?? end, quietFrom ?? end);

  const versionAt = (at: number) => {
    let index = current;
    for (const upgrade of upgrades) if (upgrade.at <= at) index = upgrade.index;
    return app.releases[index]!.version;
  };
  const events: Insert<typeof installEvents>[] = [];
  const event = (kind: "install" | "uninstall" | "heartbeat", at: number) => {
    const occurredAt = new Date(at);
    events.push({
      tenantId: person.tenantId,
      occurredAt,
      id: demoUuid(`install-event:${person.tenantSlug}:${number}:${events.length}`),
      installationNumber: number,
      kind,
      accountId: person.id,
      accountRef: person.email,
      app: app.name,
      appVersion: versionAt(at),
      os: device.os,
      osVersion: device.osVersion,
      deviceModel: device.model,
      deviceIdentifier: device.identifier,
      receivedAt: new Date(at + random.int(2, 90) * SECOND),
    });
  };
  event("install", installedAt);
  for (let at = installedAt + random.int(3 * 86400, 7 * 86400) * SECOND; at < stop;) {
    event("heartbeat", at);
    at += random.int(3 * 86400, 7 * 86400) * SECOND;
  }
  if (uninstalledAt !== undefined) event("uninstall", uninstalledAt);
  const last = events.at(-1)!;
  return {
    installation: {
      tenantId: person.tenantId,
      id: demoUuid(`app-installation:${person.tenantSlug}:${number}`),
      installationNumber: number,
      accountId: person.id,
      deviceId: device.id,
      app: app.name,
      appVersion: last.appVersion,
      os: device.os,
      osVersion: device.osVersion,
      firstSeenAt: new Date(installedAt),
      lastSeenAt: last.occurredAt,
      uninstalledAt: uninstalledAt === undefined ? null : new Date(uninstalledAt),
    },
    events,
    uninstalledAt,
  };
}

/** What the OS gives an app to tell devices apart: a vendor UUID on Apple, an Android ID, a GUID on Windows. */
function deviceIdentifier(os: OsName, key: string): string {
  const uuid = demoUuid(`device-identifier:${key}`);
  if (os === "Android") return uuid.replaceAll("-", "").slice(0, 16);
  return uuid.toUpperCase();
}

// ─── Small helpers ────────────────────────────────────────────────────────────────────────────────

function organisationSpec(slug: string): OrganisationSpec {
  const found = ORGANISATIONS.find((o) => o.slug === slug);
  if (!found) throw new Error(`seed: unknown organisation ${slug}`);
  return found;
}

/** `given.family@domain`, lower-case ASCII: "Zoë O'Connor" → "zoe.oconnor". */
function emailFor(givenName: string, familyName: string, domain: string): string {
  return `${emailPart(givenName)}.${emailPart(familyName)}@${domain}`;
}

function emailPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ßøæłđıœ]/g, (c) => TRANSLITERATIONS[c]!)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9-]/g, "");
}

function phoneNumber(random: Random, plan: "uk" | "de" | "us"): string {
  const digits = (n: number) => String(random.int(0, 10 ** n - 1)).padStart(n, "0");
  if (plan === "uk") return `+44 7700 900${digits(3)}`;
  if (plan === "de") return `+49 30 23125 ${digits(3)}`;
  return `+1 ${random.pick(US_AREA_CODES)} 555 01${digits(2)}`;
}

function daysBefore(anchor: Date, days: number): Date {
  return new Date(anchor.getTime() - days * DAY);
}

function secondsBefore(anchor: Date, seconds: number): Date {
  return new Date(anchor.getTime() - seconds * SECOND);
}

function before(at: Date, seconds: number): Date {
  return new Date(at.getTime() - seconds * SECOND);
}

function latest(a: Date, b: Date): Date {
  return a > b ? a : b;
}

/** A name-based UUID (version 5: SHA-1 of a fixed namespace and the name), the same for the same name. */
export function demoUuid(name: string): string {
  const bytes = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** mulberry32, seeded from a label: small, fast and the same sequence on every run. */
class Random {
  private state: number;

  constructor(label: string) {
    this.state = createHash("sha1").update(label).digest().readUInt32LE(0);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let target = this.next() * total;
    for (const [item, weight] of items) {
      target -= weight;
      if (target < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}
