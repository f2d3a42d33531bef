// The table issue 8 asks for, for a reviewer to read: every state a reseller's delegation or an operator's
// access can be in × who uses it and how far it reaches × every action in the catalogue → what the real
// engine decides. The expected decision of each cell comes from the few plain rules below, not from the
// engine. Everything else that can refuse is kept out of the way — a second factor confirmed a minute
// ago, a written reason, a plain member's account with no hold, lock or admin role — so each cell shows
// the delegation and operator rules alone (engine.test.ts covers the others).
import { describe, expect, it } from "vitest";
import type { AdminRole } from "~db/schema";
import { decide } from "./engine.server";
import {
  ACTIONS,
  ACTION_IDS,
  CUSTOMER_ONLY_ACTIONS,
  OPERATOR_GRANTABLE_ACTIONS,
  OPERATOR_READ_ACTIONS,
  type AccessPath,
  type AccountResource,
  type ActionId,
  type Decision,
  type DelegationStatus,
  type OperatorAccessMode,
  type OperatorAccessStatus,
  type Outcome,
  type PrincipalFacts,
  type ResourceFacts,
} from "./types";

const NOW = new Date("2027-03-03T10:00:00Z");
const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(NOW.getTime() + offset);

// ---------------------------------------------------------------------------------------------------
// The world: Acme, a customer that linked the reseller Northwind; the platform operator Glasshouse.

function member(id: string, name: string): AccountResource {
  return {
    type: "Account",
    id,
    tenantId: "acme",
    name,
    status: "active",
    roles: [],
    managerId: null,
    holds: [],
    locks: [],
  };
}

const alice = member("alice", "Alice Ng");
const ben = member("ben", "Ben Ode");

/** What each action is done to in Acme; an account action is done to Alice unless said otherwise. */
function resourceFor(action: ActionId, account: AccountResource = alice): ResourceFacts {
  switch (ACTIONS[action].resource) {
    case "Account":
      return account;
    case "Organisation":
      return { type: "Organisation", id: "acme", name: "Acme", kind: "customer", linkedResellerIds: ["northwind"] };
    case "LegalHold":
      return { type: "LegalHold", id: "hold-1", tenantId: "acme", name: "Matter 2027-3", released: false };
    case "Delegation":
      return {
        type: "Delegation",
        id: "delegation-12",
        tenantId: "acme",
        number: 12,
        resellerId: "northwind",
        resellerName: "Northwind",
        status: "active",
        roles: ["helpdesk_admin"],
        durationDays: 90,
      };
    case "OperatorAccess":
      return {
        type: "OperatorAccess",
        id: "operator-access-3",
        tenantId: "acme",
        status: "active",
        operatorAccountId: "imogen",
        operatorName: "Imogen Hart",
      };
  }
}

function decisionFor(principal: PrincipalFacts, action: ActionId, resource: ResourceFacts) {
  return decide({ principal, action, resource, context: { now: NOW, reason: "ticket 4711, locked out" } });
}

interface Expected {
  outcome: Outcome;
  policy: string;
}
const allow = (policy: string): Expected => ({ outcome: "allow", policy });
const deny = (policy: string): Expected => ({ outcome: "deny", policy });
const describeExpected = ({ outcome, policy }: Expected) => `${outcome} (${policy})`;

interface Cell {
  name: string;
  decided: () => Decision;
  expected: Expected;
}

/**
 * Compares a row of the table at once, one line per cell ("revoked × assigned × account.resetPassword →
 * deny (delegation.not-live)"), so a failure shows exactly the cells that differ.
 */
function expectTable(cells: readonly Cell[]) {
  const actual = cells.map(({ name, decided }) => {
    const decision = decided();
    return `${name} → ${describeExpected({ outcome: decision.outcome, policy: decision.policyIds[0] ?? "none" })}`;
  });
  expect(actual).toEqual(cells.map(({ name, expected }) => `${name} → ${describeExpected(expected)}`));
}

const isSelfService = (action: ActionId) => action.startsWith("self.");

/** The reseller's own actions: done from the reseller's organisation, never from inside a client. */
function resellersOwnAction(action: ActionId): Expected | null {
  if (action === "delegation.request") return deny("delegation.request-unlinked");
  if (action === "delegation.assignStaff") return deny("delegation.assign-other-reseller");
  return null;
}

/** The operator's own actions: done by its staff from the operator's organisation. */
const OPERATOR_STAFF_ACTIONS: readonly ActionId[] = [
  "organisation.create",
  "organisation.linkReseller",
  "operatorAccess.request",
];

// ---------------------------------------------------------------------------------------------------
// Delegations: Sam Porter of Northwind acts in Acme through delegation #12.

/** What each role is granted in a customer's organisation (role-grants.cedar), written out. */
const GRANTED: Record<"helpdesk_admin" | "domain_admin", (action: ActionId) => boolean> = {
  helpdesk_admin: (action) =>
    [
      "account.view",
      "account.viewApps",
      "account.updateProfile",
      "account.resetPassword",
      "account.revokeSessions",
      "account.resetMfa",
      "apps.viewStats",
      "bulk.start",
    ].includes(action),
  // Everything a customer's admin does: all but self-service and the reseller's and operator's own actions.
  domain_admin: (action) =>
    !isSelfService(action) && !resellersOwnAction(action) && !OPERATOR_STAFF_ACTIONS.includes(action),
};

/** The customer's own powers; ending an operator's access is one of them too. */
const STAYS_WITH_CUSTOMER: readonly ActionId[] = [...CUSTOMER_ONLY_ACTIONS, "operatorAccess.revoke"];

interface DelegationState {
  name: string;
  status: DelegationStatus;
  expiresAt: Date | null;
}

const DELEGATION_STATES: DelegationState[] = [
  { name: "requested", status: "requested", expiresAt: null },
  { name: "active", status: "active", expiresAt: at(30 * DAY) },
  { name: "expired, not yet ended by the job", status: "active", expiresAt: at(-DAY) },
  { name: "expired", status: "expired", expiresAt: at(-DAY) },
  { name: "declined", status: "declined", expiresAt: null },
  { name: "revoked", status: "revoked", expiresAt: at(30 * DAY) },
  { name: "lapsed", status: "lapsed", expiresAt: null },
];

function viaDelegation(state: DelegationState, assigned: boolean, roles: AdminRole[]): PrincipalFacts {
  return {
    accountId: "sam",
    name: "Sam Porter",
    homeTenantId: "northwind",
    homeTenantKind: "reseller",
    actingTenantId: "acme",
    roles,
    access: {
      kind: "delegation",
      delegationId: "delegation-12",
      number: 12,
      resellerId: "northwind",
      resellerName: "Northwind",
      status: state.status,
      expiresAt: state.expiresAt,
      roles,
      assigned,
    },
    secondFactorAt: at(-60 * SECOND),
  };
}

/**
 * A delegation grants its roles' actions while it is active and before its expiry, to the staff the
 * reseller chose, except self-service and the customer's own powers; the reseller's and the operator's
 * own actions are never done from inside a client.
 */
function expectedUnderDelegation(
  state: DelegationState,
  assigned: boolean,
  role: keyof typeof GRANTED,
  action: ActionId,
) {
  const live = state.status === "active" && state.expiresAt !== null && NOW < state.expiresAt;
  if (!live) return deny("delegation.not-live");
  if (!assigned) return deny("delegation.not-assigned");
  if (isSelfService(action)) return deny("delegation.no-self-service");
  if (STAYS_WITH_CUSTOMER.includes(action)) return deny("delegation.customer-only");
  const resellers = resellersOwnAction(action);
  if (resellers) return resellers;
  if (OPERATOR_STAFF_ACTIONS.includes(action)) return deny("operator.staff-only");
  if (!GRANTED[role](action)) return deny("default-deny");
  return allow(role === "domain_admin" ? "role.domain-admin" : "role.helpdesk-admin");
}

describe.each([
  ["helpdesk admin", "helpdesk_admin"],
  ["domain admin", "domain_admin"],
] as const)("delegation #12 granting %s", (_label, role) => {
  const rows = DELEGATION_STATES.flatMap((state) =>
    [true, false].map((assigned) => {
      const row = `${state.name} × ${assigned ? "assigned" : "not assigned"}`;
      const principal = viaDelegation(state, assigned, [role]);
      const cells = ACTION_IDS.map((action) => ({
        name: `${row} × ${action}`,
        decided: () => decisionFor(principal, action, resourceFor(action)),
        expected: expectedUnderDelegation(state, assigned, role, action),
      }));
      return [row, cells] as const;
    }),
  );

  it.each(rows)("%s × every action", (_row, cells) => expectTable(cells));
});

it("a live helpdesk delegation lets the staff chosen for it do what a helpdesk admin does, but start no bulk run", () => {
  const sam = viaDelegation({ name: "active", status: "active", expiresAt: at(30 * DAY) }, true, ["helpdesk_admin"]);
  const allowed = ACTION_IDS.filter((action) => decisionFor(sam, action, resourceFor(action)).outcome === "allow");
  expect(allowed).toEqual([
    "account.view",
    "account.viewApps",
    "account.updateProfile",
    "account.resetPassword",
    "account.revokeSessions",
    "account.resetMfa",
    "apps.viewStats",
  ]);
});

describe("a delegation that grants nothing says why", () => {
  const sentences: [string, boolean, string][] = [
    ["requested", true, "Blocked: Northwind's delegation #12 is still waiting for approval, so it grants nothing."],
    ["active", false, "Blocked: Sam Porter of Northwind is not among the staff Northwind chose to use delegation #12."],
    [
      "expired, not yet ended by the job",
      true,
      "Blocked: Northwind's delegation #12 expired on 2 Mar 2027, so it grants nothing.",
    ],
    ["expired", true, "Blocked: Northwind's delegation #12 expired on 2 Mar 2027, so it grants nothing."],
    ["declined", true, "Blocked: Northwind's delegation #12 is declined, so it grants nothing."],
    ["revoked", false, "Blocked: Northwind's delegation #12 was revoked, so it grants nothing."],
    ["lapsed", true, "Blocked: Northwind's delegation #12 is lapsed, so it grants nothing."],
  ];
  it.each(sentences)("%s (assigned: %s): %s", (stateName, assigned, sentence) => {
    const state = DELEGATION_STATES.find((candidate) => candidate.name === stateName)!;
    const decision = decisionFor(viaDelegation(state, assigned, ["helpdesk_admin"]), "account.view", alice);
    expect(decision.sentence).toBe(sentence);
  });
});

describe("a delegation at its expiry, to the second", () => {
  const resetAlice = (expiresAt: Date) =>
    decisionFor(
      viaDelegation({ name: "active", status: "active", expiresAt }, true, ["helpdesk_admin"]),
      "account.resetPassword",
      alice,
    );

  it("one second before: allowed", () => {
    expect(resetAlice(at(SECOND))).toMatchObject({ outcome: "allow", policyIds: ["role.helpdesk-admin"] });
  });

  it("at the instant itself: refused", () => {
    expect(resetAlice(NOW)).toMatchObject({ outcome: "deny", policyIds: ["delegation.not-live"] });
  });

  it("one second after: refused, with the date", () => {
    expect(resetAlice(at(-SECOND))).toMatchObject({
      outcome: "deny",
      policyIds: ["delegation.not-live"],
      sentence: "Blocked: Northwind's delegation #12 expired on 3 Mar 2027, so it grants nothing.",
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Operator access: Olga Berg of Glasshouse acts in Acme through an access request for ticket 88123.

interface OperatorState {
  name: string;
  status: OperatorAccessStatus;
  endsAt: Date | null;
}

const ACTIVE: OperatorState = { name: "active", status: "active", endsAt: at(4 * HOUR) };
const OVER: OperatorState = { name: "over, not yet closed by the job", status: "active", endsAt: at(-HOUR) };
const EXPIRED: OperatorState = { name: "expired", status: "expired", endsAt: at(-HOUR) };
const REVOKED: OperatorState = { name: "revoked", status: "revoked", endsAt: at(4 * HOUR) };
const REQUESTED: OperatorState = { name: "requested", status: "requested", endsAt: null };
const DENIED: OperatorState = { name: "denied", status: "denied", endsAt: null };

/**
 * The states each mode can reach: in `notify` mode an access starts active; in `approve` mode it waits
 * for a domain admin first, who may deny it. The mode decides which states occur, not what a state grants.
 */
const OPERATOR_STATES: Record<OperatorAccessMode, OperatorState[]> = {
  notify: [ACTIVE, OVER, EXPIRED, REVOKED],
  approve: [REQUESTED, ACTIVE, OVER, EXPIRED, DENIED, REVOKED],
};

const GRANTS = {
  "read-only": [...OPERATOR_READ_ACTIONS],
  "with actions": [...OPERATOR_GRANTABLE_ACTIONS],
} satisfies Record<string, ActionId[]>;

/** The whole organisation, or Alice's account alone (an account action then done to Alice, or to Ben). */
interface Scope {
  name: string;
  subject: string | null;
  account: AccountResource;
}

function scopesFor(action: ActionId): Scope[] {
  if (ACTIONS[action].resource !== "Account") {
    return [
      { name: "whole organisation", subject: null, account: alice },
      { name: "Alice only", subject: "alice", account: alice },
    ];
  }
  return [
    { name: "whole organisation", subject: null, account: alice },
    { name: "Alice only, on Alice", subject: "alice", account: alice },
    { name: "Alice only, on Ben", subject: "alice", account: ben },
  ];
}

function viaOperatorAccess(
  mode: OperatorAccessMode,
  state: OperatorState,
  actions: ActionId[],
  subject: string | null,
): PrincipalFacts {
  const access: Extract<AccessPath, { kind: "operator" }> = {
    kind: "operator",
    accessId: "operator-access-7",
    operatorName: "Glasshouse",
    status: state.status,
    mode,
    endsAt: state.endsAt,
    subjectAccountId: subject,
    actions,
    ticketReference: "88123",
    justification: "mail sync failure",
  };
  return {
    accountId: "olga",
    name: "Olga Berg",
    homeTenantId: "glasshouse",
    homeTenantKind: "operator",
    actingTenantId: "acme",
    roles: [],
    access,
    secondFactorAt: at(-60 * SECOND),
  };
}

/**
 * Operator access grants the actions it names, on the account it names (or the whole organisation), while
 * it is active and before it ends; never self-service nor the customer's own powers. The reseller's own
 * actions are refused as such first, whoever asks.
 */
function expectedUnderOperatorAccess(state: OperatorState, actions: ActionId[], scope: Scope, action: ActionId) {
  const resellers = resellersOwnAction(action);
  if (resellers) return resellers;
  const live = state.status === "active" && state.endsAt !== null && NOW < state.endsAt;
  if (!live) return deny("operator.not-live");
  if (isSelfService(action)) return deny("operator.no-self-service");
  if ((CUSTOMER_ONLY_ACTIONS as readonly ActionId[]).includes(action)) return deny("operator.customer-only");
  const onTheSubject = ACTIONS[action].resource === "Account" && scope.account.id === scope.subject;
  if (scope.subject !== null && !onTheSubject) return deny("operator.outside-scope");
  if (!actions.includes(action)) return deny("operator.not-granted");
  return allow("operator.granted");
}

describe.each(["notify", "approve"] as const)("operator access in %s mode", (mode) => {
  const rows = OPERATOR_STATES[mode].flatMap((state) =>
    Object.entries(GRANTS).map(([grantName, actions]) => {
      const row = `${state.name} × ${grantName}`;
      const cells = ACTION_IDS.flatMap((action) =>
        scopesFor(action).map((scope) => ({
          name: `${row} × ${scope.name} × ${action}`,
          decided: () =>
            decisionFor(
              viaOperatorAccess(mode, state, actions, scope.subject),
              action,
              resourceFor(action, scope.account),
            ),
          expected: expectedUnderOperatorAccess(state, actions, scope, action),
        })),
      );
      return [row, cells] as const;
    }),
  );

  it.each(rows)("%s × every scope × every action", (_row, cells) => expectTable(cells));
});

describe("operator access that grants nothing says why", () => {
  const sentences: [OperatorAccessMode, OperatorState, string][] = [
    [
      "approve",
      REQUESTED,
      "Blocked: operator access for ticket 88123 is waiting for a domain admin of this organisation to approve it.",
    ],
    ["notify", OVER, "Blocked: operator access for ticket 88123 ended on 3 Mar 2027, so it grants nothing."],
    ["approve", EXPIRED, "Blocked: operator access for ticket 88123 ended on 3 Mar 2027, so it grants nothing."],
    ["approve", DENIED, "Blocked: operator access for ticket 88123 is denied, so it grants nothing."],
    ["notify", REVOKED, "Blocked: operator access for ticket 88123 is ended, so it grants nothing."],
  ];
  it.each(sentences.map(([mode, state, sentence]) => [mode, state.name, sentence, state] as const))(
    "%s mode, %s: %s",
    (mode, _name, sentence, state) => {
      const decision = decisionFor(viaOperatorAccess(mode, state, GRANTS["read-only"], null), "account.view", alice);
      expect(decision.sentence).toBe(sentence);
    },
  );
});

describe("operator access at its end, to the second", () => {
  const viewAlice = (endsAt: Date) =>
    decisionFor(
      viaOperatorAccess("notify", { name: "active", status: "active", endsAt }, GRANTS["read-only"], null),
      "account.view",
      alice,
    );

  it("one second before: allowed", () => {
    expect(viewAlice(at(SECOND))).toMatchObject({ outcome: "allow", policyIds: ["operator.granted"] });
  });

  it("one second after: refused, with the date", () => {
    expect(viewAlice(at(-SECOND))).toMatchObject({
      outcome: "deny",
      policyIds: ["operator.not-live"],
      sentence: "Blocked: operator access for ticket 88123 ended on 3 Mar 2027, so it grants nothing.",
    });
  });
});
