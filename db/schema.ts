// The whole product's schema. Two kinds of table:
// - directory tables (organisations, privacy_policy_versions) and the pre-sign-in tables (sign_in_throttles,
//   auth_challenges) are global;
// - every other table is tenant-owned: `tenant_id` leads its primary key and every foreign key to another
//   tenant-owned table, and row-level security limits the app role to the tenant set for the transaction
//   (see db/tenant-scope.ts). A table added here without `tenantIsolation` fails db/tenant-isolation.test.ts.
import { sql, type SQL } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The non-superuser role every request runs as; created in migration 0000. */
export const appRole = pgRole("glasshouse_app").existing();

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;

/** Row-level security: the app role sees and writes only the current tenant's rows. */
function tenantIsolation(tenantId: { name: string }) {
  const same = sql`${sql.identifier(tenantId.name)} = ${currentTenant}`;
  return pgPolicy("tenant_isolation", { for: "all", to: appRole, using: same, withCheck: same });
}

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

// ─── Enums ────────────────────────────────────────────────────────────────────────────────────────

export const organisationKind = pgEnum("organisation_kind", ["customer", "reseller", "operator"]);
export const accountStatus = pgEnum("account_status", ["active", "suspended", "terminated"]);
export const adminRole = pgEnum("admin_role", ["domain_admin", "helpdesk_admin", "compliance_officer", "auditor"]);
export const operatorAccessMode = pgEnum("operator_access_mode", ["notify", "approve"]);
export const delegationStatus = pgEnum("delegation_status", [
  "requested",
  "active",
  "declined",
  "revoked",
  "expired",
  "lapsed",
]);
export const operatorAccessStatus = pgEnum("operator_access_status", [
  "requested",
  "active",
  "denied",
  "revoked",
  "expired",
]);
export const holdScope = pgEnum("hold_scope", ["accounts", "organisation"]);
export const auditOutcome = pgEnum("audit_outcome", ["allowed", "denied", "needs_step_up", "failed"]);
export const dataRequestKind = pgEnum("data_request_kind", ["access", "rectification", "restriction", "erasure"]);
export const dataRequestStatus = pgEnum("data_request_status", [
  "received",
  "in_progress",
  "waiting_on_hold",
  "completed",
  "refused",
]);
export const installEventKind = pgEnum("install_event_kind", ["install", "uninstall", "heartbeat"]);

export const ADMIN_ROLES = adminRole.enumValues;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type AccountStatus = (typeof accountStatus.enumValues)[number];
export type OrganisationKind = (typeof organisationKind.enumValues)[number];

// ─── Directory (global) ───────────────────────────────────────────────────────────────────────────

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: organisationKind("kind").notNull(),
  primaryDomain: text("primary_domain"),
  requireAdminMfa: boolean("require_admin_mfa").notNull().default(false),
  purgeGraceDays: integer("purge_grace_days").notNull().default(30),
  eventRetentionMonths: integer("event_retention_months").notNull().default(13),
  operatorAccessMode: operatorAccessMode("operator_access_mode").notNull().default("approve"),
  defaultLocale: text("default_locale").notNull().default("en"),
  defaultTimeZone: text("default_time_zone").notNull().default("Europe/London"),
  // Whether a person whose erasure request waits on a legal hold is told the matter's name.
  discloseHoldName: boolean("disclose_hold_name").notNull().default(false),
  ...timestamps,
});

// Sign-in throttling, shared by every app server: one row per account (by sign-in name) and per client IP,
// each keyed by the SHA-256 of "account:<email>" or "ip:<address>" so the table holds no addresses. Global,
// because a wrong email has no tenant.
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

// WebAuthn challenges between the options we hand out and the response that comes back: single use
// (deleted when consumed) and short-lived. Global, because a passkey sign-in starts before anyone is known;
// `userRef` ("<tenant>/<account>") binds a registration or second-factor challenge to its account.
export const authChallenges = pgTable(
  "auth_challenges",
  {
    challenge: text("challenge").primaryKey(),
    purpose: text("purpose").notNull(),
    userRef: text("user_ref"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [index("auth_challenges_expires_idx").on(t.expiresAt)],
);

export const privacyPolicyVersions = pgTable("privacy_policy_versions", {
  version: text("version").primaryKey(),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
  significant: boolean("significant").notNull().default(false),
  summary: text("summary").notNull(),
  body: text("body").notNull(),
});

// ─── Accounts and roles ───────────────────────────────────────────────────────────────────────────

export const accounts = pgTable(
  "accounts",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => organisations.id),
    id: uuid("id").notNull().defaultRandom(),
    // Null once the account is purged; unique across every tenant, since it is the sign-in name.
    email: text("email"),
    displayName: text("display_name").notNull(),
    givenName: text("given_name"),
    familyName: text("family_name"),
    phone: text("phone"),
    jobTitle: text("job_title"),
    department: text("department"),
    status: accountStatus("status").notNull().default("active"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    managerId: uuid("manager_id"),
    locale: text("locale").notNull().default("en"),
    timeZone: text("time_zone").notNull().default("Europe/London"),
    marketingConsent: boolean("marketing_consent").notNull().default(false),
    // The privacy policy version the person last saw the notice of (null: none yet).
    privacyPolicySeen: text("privacy_policy_seen"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    terminatedAt: timestamp("terminated_at", { withTimezone: true }),
    purgeAfter: timestamp("purge_after", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // What the accounts list's search looks in: name and address, lowercased once when written, so a search
    // is one LIKE on stored text (several times cheaper per row than ILIKE on two columns) and one trigram
    // index answers it. The line break keeps a term from matching across the two.
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL => sql`lower(${accounts.displayName} || chr(10) || coalesce(${accounts.email}, ''))`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.managerId], foreignColumns: [t.tenantId, t.id] }),
    uniqueIndex("accounts_email_key").on(sql`lower(${t.email})`),
    // Keyset paging of the accounts list: (display_name, id) within a tenant.
    index("accounts_tenant_name_idx").on(t.tenantId, t.displayName, t.id),
    index("accounts_tenant_manager_idx").on(t.tenantId, t.managerId),
    // The list's other orders (keyset: the value, then name and id), and its status filters: a partial index
    // because under row-level security `status = …` is not an index condition, but a partial index's is.
    index("accounts_tenant_email_idx").on(t.tenantId, t.email, t.displayName, t.id),
    index("accounts_tenant_created_idx").on(t.tenantId, t.createdAt, t.displayName, t.id),
    index("accounts_tenant_last_sign_in_idx").on(t.tenantId, t.lastSignInAt, t.displayName, t.id),
    index("accounts_tenant_suspended_name_idx")
      .on(t.tenantId, t.displayName, t.id)
      .where(sql`${t.status} = 'suspended'`),
    index("accounts_tenant_terminated_name_idx")
      .on(t.tenantId, t.displayName, t.id)
      .where(sql`${t.status} = 'terminated'`),
    // Search by any part of a name or an address (LIKE '%…%' on search_text): a trigram index (pg_trgm), used
    // through the account_directory view (migrations 0008, 0010; app/accounts/directory.server.ts).
    index("accounts_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    tenantIsolation(t.tenantId),
  ],
);

export const roleAssignments = pgTable(
  "role_assignments",
  {
    tenantId: uuid("tenant_id").notNull(),
    accountId: uuid("account_id").notNull(),
    role: adminRole("role").notNull(),
    grantedBy: uuid("granted_by"),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId, t.role] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Credentials and sessions ─────────────────────────────────────────────────────────────────────

export const sessions = pgTable(
  "sessions",
  {
    tenantId: uuid("tenant_id").notNull(),
    // SHA-256 (hex) of the session token in the cookie; the token itself is never stored.
    id: text("id").notNull(),
    accountId: uuid("account_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("sessions_id_key").on(t.id),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    index("sessions_account_idx").on(t.tenantId, t.accountId),
    tenantIsolation(t.tenantId),
  ],
);

export const passwordCredentials = pgTable(
  "password_credentials",
  {
    tenantId: uuid("tenant_id").notNull(),
    accountId: uuid("account_id").notNull(),
    hash: text("hash").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    tenantIsolation(t.tenantId),
  ],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("password_reset_tokens_hash_key").on(t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    tenantIsolation(t.tenantId),
  ],
);

export const totpCredentials = pgTable(
  "totp_credentials",
  {
    tenantId: uuid("tenant_id").notNull(),
    accountId: uuid("account_id").notNull(),
    // AES-256-GCM ciphertext of the shared secret (key from configuration).
    secretEncrypted: text("secret_encrypted").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    // The accounts list's two-step filter looks up confirmed apps only (an unconfirmed one is no factor yet).
    index("totp_credentials_confirmed_idx")
      .on(t.tenantId, t.accountId)
      .where(sql`${t.confirmedAt} is not null`),
    tenantIsolation(t.tenantId),
  ],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    index("recovery_codes_account_idx").on(t.tenantId, t.accountId),
    tenantIsolation(t.tenantId),
  ],
);

export const passkeys = pgTable(
  "passkeys",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    // WebAuthn credential id, base64url; unique across tenants so a discoverable sign-in finds its tenant.
    credentialId: text("credential_id").notNull(),
    publicKey: bytea("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports").array(),
    deviceType: text("device_type"),
    backedUp: boolean("backed_up").notNull().default(false),
    name: text("name").notNull(),
    ...timestamps,
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("passkeys_credential_id_key").on(t.credentialId),
    index("passkeys_account_idx").on(t.tenantId, t.accountId),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }).onDelete(
      "cascade",
    ),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Resellers and the operator ───────────────────────────────────────────────────────────────────

/** A reseller linked to a customer (owned by the customer): lets the reseller *request* delegations. */
export const resellerLinks = pgTable(
  "reseller_links",
  {
    tenantId: uuid("tenant_id").notNull(),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => organisations.id),
    linkedBy: uuid("linked_by"),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.resellerId] }), tenantIsolation(t.tenantId)],
);

/** A reseller's access to a customer, owned by the customer. Staff and requester live in the reseller tenant. */
export const delegations = pgTable(
  "delegations",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    number: integer("number").notNull(),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => organisations.id),
    roles: adminRole("roles").array().notNull(),
    status: delegationStatus("status").notNull().default("requested"),
    message: text("message"),
    requestedBy: uuid("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    durationDays: integer("duration_days").notNull(),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    endedBy: uuid("ended_by"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Why the client declined or revoked it, when its admin said: the reseller reads it on /partner. */
    endedReason: text("ended_reason"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    /** When each side was emailed that the delegation expires within 14 days, and within 1 day. */
    expiryNotice14At: timestamp("expiry_notice_14_at", { withTimezone: true }),
    expiryNotice1At: timestamp("expiry_notice_1_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("delegations_number_key").on(t.tenantId, t.number),
    foreignKey({
      columns: [t.tenantId, t.resellerId],
      foreignColumns: [resellerLinks.tenantId, resellerLinks.resellerId],
    }),
    foreignKey({ columns: [t.tenantId, t.approvedBy], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("delegations_reseller_idx").on(t.resellerId, t.status),
    tenantIsolation(t.tenantId),
  ],
);

export const delegationStaff = pgTable(
  "delegation_staff",
  {
    tenantId: uuid("tenant_id").notNull(),
    delegationId: uuid("delegation_id").notNull(),
    // An account of the reseller organisation (another tenant), so no foreign key.
    staffAccountId: uuid("staff_account_id").notNull(),
    addedBy: uuid("added_by"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.delegationId, t.staffAccountId] }),
    foreignKey({
      columns: [t.tenantId, t.delegationId],
      foreignColumns: [delegations.tenantId, delegations.id],
    }).onDelete("cascade"),
    tenantIsolation(t.tenantId),
  ],
);

export const operatorAccessRequests = pgTable(
  "operator_access_requests",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    /** Numbered per customer, like delegations: what people say ("operator access #3"). */
    number: integer("number").notNull(),
    operatorAccountId: uuid("operator_account_id").notNull(),
    /** The operator organisation and the staff member's name when they asked (another tenant: no key). */
    operatorTenantId: uuid("operator_tenant_id").notNull(),
    operatorName: text("operator_name").notNull(),
    subjectAccountId: uuid("subject_account_id"),
    readOnly: boolean("read_only").notNull().default(true),
    actions: text("actions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ticketReference: text("ticket_reference").notNull(),
    justification: text("justification").notNull(),
    status: operatorAccessStatus("status").notNull().default("requested"),
    /** The customer's setting when it was asked: `notify` starts it at once, `approve` waits for a domain admin. */
    mode: operatorAccessMode("mode").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    endedBy: uuid("ended_by"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("operator_access_requests_number_key").on(t.tenantId, t.number),
    index("operator_access_requests_operator_idx").on(t.operatorAccountId, t.status),
    foreignKey({ columns: [t.tenantId, t.subjectAccountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Legal holds and privacy locks ────────────────────────────────────────────────────────────────

export const legalHolds = pgTable(
  "legal_holds",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    reference: text("reference"),
    scope: holdScope("scope").notNull(),
    discloseToSubject: boolean("disclose_to_subject").notNull().default(false),
    createdBy: uuid("created_by").notNull(),
    ...timestamps,
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releasedBy: uuid("released_by"),
    releaseReason: text("release_reason"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation(t.tenantId)],
);

export const legalHoldAccounts = pgTable(
  "legal_hold_accounts",
  {
    tenantId: uuid("tenant_id").notNull(),
    holdId: uuid("hold_id").notNull(),
    accountId: uuid("account_id").notNull(),
    addedBy: uuid("added_by").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.holdId, t.accountId] }),
    foreignKey({ columns: [t.tenantId, t.holdId], foreignColumns: [legalHolds.tenantId, legalHolds.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("legal_hold_accounts_account_idx").on(t.tenantId, t.accountId),
    tenantIsolation(t.tenantId),
  ],
);

export const privacyLocks = pgTable(
  "privacy_locks",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    // Null: the lock covers every account of the organisation.
    accountId: uuid("account_id"),
    setting: text("setting").notNull(),
    reason: text("reason").notNull(),
    lockedBy: uuid("locked_by").notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: uuid("cleared_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("privacy_locks_account_idx").on(t.tenantId, t.accountId),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Policies and the audit trail ─────────────────────────────────────────────────────────────────

export const tenantPolicies = pgTable(
  "tenant_policies",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    source: text("source").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    updatedBy: uuid("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation(t.tenantId)],
);

/** One row per tenant, locked while appending so concurrent actions never fork the chain. */
export const auditChainHeads = pgTable(
  "audit_chain_heads",
  {
    tenantId: uuid("tenant_id").notNull().primaryKey(),
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    hash: text("hash").notNull(),
  },
  (t) => [tenantIsolation(t.tenantId)],
);

export const auditEntries = pgTable(
  "audit_entries",
  {
    tenantId: uuid("tenant_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    id: uuid("id").notNull().defaultRandom(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid("actor_account_id"),
    actorTenantId: uuid("actor_tenant_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    delegationId: uuid("delegation_id"),
    operatorAccessId: uuid("operator_access_id"),
    action: text("action").notNull(),
    outcome: auditOutcome("outcome").notNull(),
    subjectAccountId: uuid("subject_account_id"),
    target: jsonb("target"),
    reason: text("reason"),
    policyIds: text("policy_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sentence: text("sentence"),
    changes: jsonb("changes"),
    requestId: text("request_id"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    visibility: text("visibility").notNull().default("tenant"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /**
     * Set when a purge replaced the personal fields (actor name, target, reason, sentence, changes, IP
     * address, user agent): `hash` then no longer matches the contents, so `sealedHash` is the hash of the
     * contents now (same encoding, same prev_hash), `pseudonymisedBy` the latest seal, and
     * audit_seal_entries holds every replacement, which the purges' own entries vouch for
     * (app/audit/pseudonymise.server.ts; docs/decisions/008).
     */
    pseudonymisedAt: timestamp("pseudonymised_at", { withTimezone: true }),
    pseudonymisedBy: uuid("pseudonymised_by"),
    sealedHash: text("sealed_hash"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index("audit_entries_subject_idx").on(t.tenantId, t.subjectAccountId, t.seq),
    index("audit_entries_actor_idx").on(t.tenantId, t.actorAccountId, t.seq),
    index("audit_entries_action_idx").on(t.tenantId, t.action, t.seq),
    // A delegation's or an operator access's activity in the client's trail (and when it was last used).
    index("audit_entries_delegation_idx")
      .on(t.tenantId, t.delegationId, t.seq)
      .where(sql`${t.delegationId} is not null`),
    index("audit_entries_operator_access_idx")
      .on(t.tenantId, t.operatorAccessId, t.seq)
      .where(sql`${t.operatorAccessId} is not null`),
    tenantIsolation(t.tenantId),
  ],
);

/**
 * One line per entry a purge pseudonymised: under which seal, the hash its contents had (the entry's
 * `hash`, or the previous seal's `sealed_hash`) and the hash they have after. Append-only, like the trail;
 * each seal's lines are vouched for (count, digest, signature) by the purge's own audit entry.
 */
export const auditSealEntries = pgTable(
  "audit_seal_entries",
  {
    tenantId: uuid("tenant_id").notNull(),
    sealId: uuid("seal_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    replacedHash: text("replaced_hash").notNull(),
    sealedHash: text("sealed_hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sealId, t.seq] }),
    index("audit_seal_entries_seq_idx").on(t.tenantId, t.seq),
    tenantIsolation(t.tenantId),
  ],
);

export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    tenantId: uuid("tenant_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
    keyId: text("key_id").notNull(),
    signature: text("signature").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), tenantIsolation(t.tenantId)],
);

// ─── Data-subject requests, consent, mail ─────────────────────────────────────────────────────────

export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    kind: dataRequestKind("kind").notNull(),
    status: dataRequestStatus("status").notNull().default("received"),
    details: text("details"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    assignedTo: uuid("assigned_to"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    resolution: text("resolution"),
    // The latest word to the person from whoever handles the request (each step is also in the audit trail).
    response: text("response"),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    foreignKey({ columns: [t.tenantId, t.assignedTo], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("data_subject_requests_status_idx").on(t.tenantId, t.status, t.dueAt),
    index("data_subject_requests_account_idx").on(t.tenantId, t.accountId, t.receivedAt),
    // One open request of a kind with the same details per person: a second click files nothing twice.
    uniqueIndex("data_subject_requests_open_key")
      .on(t.tenantId, t.accountId, t.kind, sql`md5(coalesce(${t.details}, ''))`)
      .where(sql`${t.status} in ('received', 'in_progress', 'waiting_on_hold')`),
    tenantIsolation(t.tenantId),
  ],
);

export const consentRecords = pgTable(
  "consent_records",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    purpose: text("purpose").notNull(),
    granted: boolean("granted").notNull(),
    method: text("method").notNull(),
    policyVersion: text("policy_version"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("consent_records_account_idx").on(t.tenantId, t.accountId, t.recordedAt),
    tenantIsolation(t.tenantId),
  ],
);

// Which significant privacy-policy version each person was emailed about (app/jobs/privacy-notice.server.ts):
// one row per person and version, so a notice is sent once however often the sweep runs.
export const privacyNotices = pgTable(
  "privacy_notices",
  {
    tenantId: uuid("tenant_id").notNull(),
    accountId: uuid("account_id").notNull(),
    version: text("version").notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId, t.version] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Bulk runs ────────────────────────────────────────────────────────────────────────────────────

export const bulkRunStatus = pgEnum("bulk_run_status", ["queued", "running", "done"]);
export const bulkItemOutcome = pgEnum("bulk_item_outcome", ["pending", "succeeded", "refused", "failed"]);

/**
 * One bulk action an admin started (`bulk.start`): what to do, why, and who asked. Each account is then
 * decided and audited on its own by the job runner (app/bulk/process.server.ts), which keeps the counts.
 */
export const bulkRuns = pgTable(
  "bulk_runs",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    operation: text("operation").notNull(),
    /** The action each account goes through, and its input besides the account (a hold, a setting). */
    action: text("action").notNull(),
    options: jsonb("options").notNull().default({}),
    reason: text("reason").notNull(),
    /** How the accounts were chosen: `{ kind: "ids" }` or `{ kind: "filter", filter }`. */
    selection: jsonb("selection").notNull(),
    requestedBy: uuid("requested_by").notNull(),
    /** The request that started the run, carried into every item's audit entry. */
    requestId: text("request_id"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    status: bulkRunStatus("status").notNull().default("queued"),
    total: integer("total").notNull(),
    succeeded: integer("succeeded").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    ...timestamps,
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("bulk_runs_created_idx").on(t.tenantId, t.createdAt),
    tenantIsolation(t.tenantId),
  ],
);

export const bulkRunItems = pgTable(
  "bulk_run_items",
  {
    tenantId: uuid("tenant_id").notNull(),
    runId: uuid("run_id").notNull(),
    position: integer("position").notNull(),
    // No foreign key: an account chosen may be gone by the time its turn comes (that is its outcome).
    accountId: uuid("account_id").notNull(),
    outcome: bulkItemOutcome("outcome").notNull().default("pending"),
    /** Why it was refused or failed: the policy's sentence or the action's message. */
    message: text("message"),
    /** What kind of reason: the deciding policy's id for a refusal, "failed" or "invalid" otherwise. */
    code: text("code"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.runId, t.position] }),
    foreignKey({ columns: [t.tenantId, t.runId], foreignColumns: [bulkRuns.tenantId, bulkRuns.id] }).onDelete(
      "cascade",
    ),
    index("bulk_run_items_outcome_idx").on(t.tenantId, t.runId, t.outcome, t.position),
    tenantIsolation(t.tenantId),
  ],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    toAddress: text("to_address").notNull(),
    toAccountId: uuid("to_account_id"),
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    ...timestamps,
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** How it went out: "smtp" (accepted by the SMTP server) or "outbox" (kept here only, no SMTP_URL). */
    deliveredVia: text("delivered_via"),
    /** Tries so far; the last refusal's message; when the next try is due (null: at once). */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** Given up on (a permanent refusal, or too many tries): never tried again, shown as failed. */
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("email_outbox_created_idx").on(t.tenantId, t.createdAt),
    // What a delivery round takes: unsent, not given up, in order.
    index("email_outbox_pending_idx")
      .on(t.tenantId, t.createdAt, t.id)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
    tenantIsolation(t.tenantId),
  ],
);

// ─── Devices and app-install telemetry ────────────────────────────────────────────────────────────

export const ingestionKeys = pgTable(
  "ingestion_keys",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdBy: uuid("created_by").notNull(),
    ...timestamps,
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
    /** A rotated key keeps working until then (the overlap for deployed clients); null: no end set. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** The key that rotation made to replace this one. */
    replacedBy: uuid("replaced_by"),
    /** The per-key rate's token bucket (glasshouse_use_ingestion_key, db/migrations/0018). */
    rateTokens: doublePrecision("rate_tokens"),
    rateAt: timestamp("rate_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Only the SHA-256 of the whole key is kept (app/telemetry/ingestion-keys.server.ts); the lookup of a
    // presented key goes through glasshouse_find_ingestion_key (db/migrations/0016).
    uniqueIndex("ingestion_keys_hash_key").on(t.keyHash),
    uniqueIndex("ingestion_keys_prefix_key").on(t.tenantId, t.prefix),
    foreignKey({ columns: [t.tenantId, t.replacedBy], foreignColumns: [t.tenantId, t.id] }),
    tenantIsolation(t.tenantId),
  ],
);

export const devices = pgTable(
  "devices",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    deviceIdentifier: text("device_identifier").notNull(),
    accountId: uuid("account_id"),
    model: text("model"),
    os: text("os"),
    osVersion: text("os_version"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    /** The latest event (by time, then id): it decides model and OS. Null on rows from before 0019. */
    lastEventId: uuid("last_event_id"),
    /** When the latest event that named a known account was sent (its account is account_id). */
    accountSeenAt: timestamp("account_seen_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("devices_identifier_key").on(t.tenantId, t.deviceIdentifier),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    index("devices_account_idx").on(t.tenantId, t.accountId),
    tenantIsolation(t.tenantId),
  ],
);

export const appInstallations = pgTable(
  "app_installations",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    // The unique application number the installed app reports.
    installationNumber: text("installation_number").notNull(),
    accountId: uuid("account_id"),
    deviceId: uuid("device_id"),
    app: text("app").notNull(),
    appVersion: text("app_version").notNull(),
    os: text("os").notNull(),
    osVersion: text("os_version"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    /** The latest event (by time, then id): it decides version, OS and whether the app is uninstalled. */
    lastEventId: uuid("last_event_id"),
    uninstalledAt: timestamp("uninstalled_at", { withTimezone: true }),
    /** When the latest event that named a known account was sent (its account is account_id). */
    accountSeenAt: timestamp("account_seen_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("app_installations_number_key").on(t.tenantId, t.installationNumber),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
    foreignKey({ columns: [t.tenantId, t.deviceId], foreignColumns: [devices.tenantId, devices.id] }),
    index("app_installations_account_idx").on(t.tenantId, t.accountId),
    index("app_installations_app_idx").on(t.tenantId, t.app, t.appVersion),
    tenantIsolation(t.tenantId),
  ],
);

/**
 * Raw events, range-partitioned by month of occurred_at (db/migrations/0018: drizzle-kit cannot declare
 * partitions, so the migration is written by hand). The key includes the partition key, as it must.
 */
export const installEvents = pgTable(
  "install_events",
  {
    tenantId: uuid("tenant_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    id: uuid("id").notNull(),
    installationNumber: text("installation_number").notNull(),
    kind: installEventKind("kind").notNull(),
    accountId: uuid("account_id"),
    accountRef: text("account_ref"),
    app: text("app").notNull(),
    appVersion: text("app_version").notNull(),
    os: text("os").notNull(),
    osVersion: text("os_version"),
    deviceModel: text("device_model"),
    deviceIdentifier: text("device_identifier"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.occurredAt, t.id] }),
    index("install_events_installation_idx").on(t.tenantId, t.installationNumber, t.occurredAt),
    index("install_events_account_idx")
      .on(t.tenantId, t.accountId, t.kind, t.occurredAt)
      .where(sql`${t.accountId} is not null`),
    tenantIsolation(t.tenantId),
  ],
);

export const installDailyRollups = pgTable(
  "install_daily_rollups",
  {
    tenantId: uuid("tenant_id").notNull(),
    day: date("day").notNull(),
    app: text("app").notNull(),
    appVersion: text("app_version").notNull(),
    os: text("os").notNull(),
    installs: integer("installs").notNull().default(0),
    uninstalls: integer("uninstalls").notNull().default(0),
    heartbeats: integer("heartbeats").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.app, t.appVersion, t.os] }), tenantIsolation(t.tenantId)],
);
