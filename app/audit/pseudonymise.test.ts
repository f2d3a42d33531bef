// What a purge leaves of an entry: the person's names and addresses go wherever they appear, their own
// connection details and profile values go, and everything that says what happened (and other people's
// names, namesakes included) stays.
import { describe, expect, it } from "vitest";
import type { AuditEntryFields } from "./chain";
import { ERASED_VALUE, identifierScrubber, identifiersIn, pseudonymiseEntry, type PersonToErase } from "./pseudonymise";

const ALICE = "aaaaaaaa-0000-4000-8000-000000000001";
const DANA = "dddddddd-0000-4000-8000-000000000002";
const BOB = "bbbbbbbb-0000-4000-8000-000000000003";
const TENANT = "77777777-0000-4000-8000-000000000004";

const alice: PersonToErase = {
  accountId: ALICE,
  pseudonym: "Erased account aaaaaaaa",
  identifiers: ["Alice Ng", "alice@acme.example", "alice.ng@old.example", "+44 20 7946 0001"],
};

function entry(overrides: Partial<AuditEntryFields>): AuditEntryFields {
  return {
    tenantId: TENANT,
    seq: 7,
    id: "eeeeeeee-0000-4000-8000-000000000007",
    occurredAt: "2026-11-03T09:41:07.120Z",
    actorAccountId: DANA,
    actorTenantId: TENANT,
    actorName: "Dana Okafor",
    actorRole: "domain_admin",
    delegationId: null,
    operatorAccessId: null,
    action: "account.suspend",
    outcome: "allowed",
    subjectAccountId: ALICE,
    target: null,
    reason: "Alice Ng left; ticket 77",
    policyIds: ["role.domain-admin"],
    sentence: "Allowed: Dana Okafor is a domain admin of this organisation.",
    changes: { before: { status: "active" }, after: { status: "suspended" } },
    requestId: "req-1",
    ipAddress: "203.0.113.9",
    userAgent: "Firefox",
    visibility: "subject",
    ...overrides,
  };
}

describe("identifierScrubber", () => {
  const scrub = identifierScrubber(alice.identifiers, "[X]");

  it("replaces whole names and addresses in any letter case, the longest first", () => {
    expect(scrub("ALICE NG asked alice.ng@old.example and alice@acme.example; call +44 20 7946 0001.")).toBe(
      "[X] asked [X] and [X]; call [X].",
    );
    expect(scrub("Alice Ng's account")).toBe("[X]'s account");
  });

  it("leaves a longer name, or an address, that merely contains one", () => {
    expect(scrub("Alice Ngozi and malice@acme.example and bob.alice@acme.example")).toBe(
      "Alice Ngozi and malice@acme.example and bob.alice@acme.example",
    );
  });

  it("ignores identifiers too short to be safe, those kept, and reads regular-expression characters literally", () => {
    expect(identifierScrubber(["Al", "Bo"], "[X]")("Al and Bo")).toBe("Al and Bo");
    expect(identifierScrubber(["Alice Ng"], "[X]", ["alice ng"])("Alice Ng")).toBe("Alice Ng");
    expect(
      identifierScrubber(
        ["a+b@x-y.example", "O'Brien (Jr.)", "Anne-Marie Ng"],
        "[X]",
      )("a+b@x-y.example, O'Brien (Jr.), Anne-Marie Ng, aab@x-y.example"),
    ).toBe("[X], [X], [X], aab@x-y.example");
  });
});

describe("identifierScrubber across scripts and spellings", () => {
  it("matches a single-word name only in its own letter case, so an ordinary word stays", () => {
    const scrub = identifierScrubber(["Admin", "Support"], "[X]");
    expect(scrub("Allowed: Admin is a domain admin; Support asked support")).toBe(
      "Allowed: [X] is a domain admin; [X] asked support",
    );
  });

  it("finds names in scripts written without spaces, two characters long included", () => {
    const scrub = identifierScrubber(["王小明", "李娜"], "[X]");
    expect(scrub("王小明的账户，李娜批准")).toBe("[X]的账户，[X]批准");
  });

  it("matches across Unicode normal forms and runs of spaces", () => {
    const scrub = identifierScrubber(["Zoë Ångström"], "[X]");
    expect(scrub("Asked by Zoe\u0308  A\u030angstro\u0308m today")).toBe("Asked by [X] today");
    expect(scrub("Zoë Ångströmer")).toBe("Zoë Ångströmer");
  });

  it("leaves text it does not change exactly as it was, even in another normal form", () => {
    const decomposed = "Re\u0301sume\u0301 of Bob";
    expect(identifierScrubber(["Alice Ng"], "[X]")(decomposed)).toBe(decomposed);
  });
});

describe("pseudonymiseEntry", () => {
  it("keeps what an admin did to the person and why, without the person's name, and keeps the admin's own details", () => {
    const before = entry({});
    const after = pseudonymiseEntry(before, alice)!;
    expect(after).toEqual({ ...before, reason: "Erased account aaaaaaaa left; ticket 77" });
  });

  it("replaces the person's name where they acted, and drops where they connected from", () => {
    const after = pseudonymiseEntry(
      entry({
        actorAccountId: ALICE,
        actorName: "Alice Ng",
        actorRole: "self",
        action: "self.renamePasskey",
        reason: null,
        sentence: "Allowed: this is Alice Ng's own account.",
        target: { type: "passkey", id: "pk-1", name: "Alice's YubiKey" },
        changes: { after: { name: "Alice's YubiKey" } },
      }),
      alice,
    )!;
    expect(after).toMatchObject({
      actorAccountId: ALICE,
      actorName: "Erased account aaaaaaaa",
      sentence: "Allowed: this is Erased account aaaaaaaa's own account.",
      target: { type: "passkey", id: "pk-1", name: ERASED_VALUE },
      ipAddress: null,
      userAgent: null,
      action: "self.renamePasskey",
      policyIds: ["role.domain-admin"],
    });
  });

  it("erases the profile values of a change to the person's profile, at any depth, and keeps the field names", () => {
    const after = pseudonymiseEntry(
      entry({
        action: "account.updateProfile",
        reason: null,
        changes: {
          before: { email: "alice.ng@old.example", displayName: "Alice Ng", jobTitle: "Buyer", status: "active" },
          after: { email: "alice@acme.example", phone: "+44 20 7946 0001", mustChangePassword: true },
        },
      }),
      alice,
    )!;
    expect(after.changes).toEqual({
      before: { email: ERASED_VALUE, displayName: ERASED_VALUE, jobTitle: ERASED_VALUE, status: "active" },
      after: { email: ERASED_VALUE, phone: ERASED_VALUE, mustChangePassword: true },
    });
  });

  it("treats a sign-in attempt on the person's account (no actor) as theirs: its IP address and browser go", () => {
    const after = pseudonymiseEntry(
      entry({
        actorAccountId: null,
        actorName: null,
        action: "auth.signInFailed",
        reason: null,
        sentence: "Someone entered a wrong password.",
      }),
      alice,
    )!;
    expect(after).toMatchObject({ ipAddress: null, userAgent: null, sentence: "Someone entered a wrong password." });
  });

  it("treats a refused attempt that named the person's account as about them", () => {
    const after = pseudonymiseEntry(
      entry({
        subjectAccountId: null,
        outcome: "failed",
        reason: null,
        target: { requested: { accountId: ALICE, email: "new.alice@acme.example" } },
        changes: null,
      }),
      alice,
    )!;
    expect(after.target).toEqual({ requested: { accountId: ALICE, email: ERASED_VALUE } });
    expect(after.ipAddress).toBe("203.0.113.9");
  });

  it("in an entry about someone else, replaces only the person's names and leaves the profile values alone", () => {
    const after = pseudonymiseEntry(
      entry({
        subjectAccountId: BOB,
        action: "account.setManager",
        reason: null,
        changes: { before: { manager: "Alice Ng", email: "bob@acme.example" }, after: { manager: "Dana Okafor" } },
      }),
      alice,
    )!;
    expect(after.changes).toEqual({
      before: { manager: "Erased account aaaaaaaa", email: "bob@acme.example" },
      after: { manager: "Dana Okafor" },
    });
    expect(after.ipAddress).toBe("203.0.113.9");
  });

  it("decides a name beside an id by the id: the person's goes, a namesake's stays", () => {
    const namesake = "cccccccc-0000-4000-8000-000000000005";
    const after = pseudonymiseEntry(
      entry({
        subjectAccountId: BOB,
        action: "account.setManager",
        reason: null,
        changes: {
          before: { managerId: ALICE, manager: "Alice Ng" },
          after: { managerId: namesake, manager: "Alice Ng" },
        },
      }),
      alice,
    )!;
    expect(after.changes).toEqual({
      before: { managerId: ALICE, manager: "Erased account aaaaaaaa" },
      after: { managerId: namesake, manager: "Alice Ng" },
    });
  });

  it("erases her passkeys' names in entries about her, sentences included", () => {
    const after = pseudonymiseEntry(
      entry({
        actorAccountId: ALICE,
        actorName: "Alice Ng",
        action: "auth.signIn",
        reason: null,
        sentence: "Signed in with a passkey (“Work key”).",
        target: { method: "passkey", passkey: "Work key" },
        changes: null,
      }),
      { ...alice, erasedValues: ["Work key"] },
    )!;
    expect(after).toMatchObject({
      sentence: `Signed in with a passkey (“${ERASED_VALUE}”).`,
      target: { method: "passkey", passkey: ERASED_VALUE },
    });
    // In an entry about someone else a passkey name is not hers to erase.
    expect(
      pseudonymiseEntry(entry({ subjectAccountId: BOB, reason: "Work key reset", changes: null }), {
        ...alice,
        erasedValues: ["Work key"],
      }),
    ).toBeNull();
  });

  it("leaves a namesake's name where the namesake is the one named, and answers null when nothing changes", () => {
    const namesake = entry({
      subjectAccountId: BOB,
      reason: "Alice Ng (the other one) asked",
      sentence: "Blocked: Alice Ng is a domain admin.",
      changes: null,
    });
    expect(pseudonymiseEntry(namesake, alice, ["Alice Ng"])).toBeNull();
    expect(pseudonymiseEntry(entry({ subjectAccountId: BOB, reason: "tidy-up" }), alice)).toBeNull();
  });
});

describe("identifiersIn", () => {
  it("finds the names and addresses the person went by in changes to their profile and in what they did", () => {
    expect(
      identifiersIn(
        entry({
          changes: {
            before: { email: "alice.ng@old.example", givenName: "Alice", familyName: "Ng-Smith" },
            after: { email: "alice@acme.example", displayName: "Alice N." },
          },
        }),
        ALICE,
      ),
    ).toEqual({ names: ["alice.ng@old.example", "Alice Ng-Smith", "Alice N.", "alice@acme.example"], passkeys: [] });
    expect(
      identifiersIn(entry({ actorAccountId: ALICE, actorName: "Alice Ng", subjectAccountId: BOB }), ALICE),
    ).toEqual({ names: ["Alice Ng"], passkeys: [] });
    expect(
      identifiersIn(entry({ subjectAccountId: BOB, changes: { before: { email: "bob@x.example" } } }), ALICE),
    ).toEqual({ names: [], passkeys: [] });
  });

  it("finds her passkeys' names in passkey entries", () => {
    expect(
      identifiersIn(
        entry({
          action: "self.renamePasskey",
          target: { type: "passkey", id: "pk-1", name: "Work key" },
          changes: { before: { name: "Old key" }, after: { name: "Work key" } },
        }),
        ALICE,
      ).passkeys,
    ).toEqual(["Work key", "Old key", "Work key"]);
  });
});
