import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  canonicalJson,
  computeEntryHash,
  encodeCheckpoint,
  encodeEntry,
  encodeEntryAround,
  isSecretKey,
  redactSecrets,
  storedJson,
  storedText,
  type AuditEntryFields,
} from "./chain";

const fields: AuditEntryFields = {
  tenantId: "0b0e9c9e-5d1f-4f43-9c55-6a0a4e1f0001",
  seq: 7,
  id: "6f2d7c1a-9c1b-4b8e-8f0e-1d2c3b4a5f60",
  occurredAt: new Date("2026-11-03T09:41:07.120Z"),
  actorAccountId: "1a2b3c4d-0000-4000-8000-000000000001",
  actorTenantId: "0b0e9c9e-5d1f-4f43-9c55-6a0a4e1f0001",
  actorName: "Dana Admin",
  actorRole: "domain_admin",
  delegationId: null,
  operatorAccessId: null,
  action: "account.resetPassword",
  outcome: "allowed",
  subjectAccountId: "1a2b3c4d-0000-4000-8000-000000000002",
  target: { type: "account", id: "1a2b3c4d-0000-4000-8000-000000000002", name: "Sam" },
  reason: "locked out, ticket 4711",
  policyIds: ["builtin.admin-acts-in-own-tenant", "builtin.step-up"],
  sentence: "Allowed: Dana Admin is a domain admin of Acme.",
  changes: { before: { mustChangePassword: false }, after: { mustChangePassword: true } },
  requestId: "req-1",
  ipAddress: "203.0.113.9",
  userAgent: "Mozilla/5.0",
  visibility: "subject",
};

describe("the canonical encoding", () => {
  it("is the JSON text of the fields in their documented order, with the previous hash last", () => {
    const decoded = JSON.parse(encodeEntry(fields, GENESIS_HASH)) as unknown[];
    expect(decoded).toEqual([
      "glasshouse.audit.v1",
      fields.tenantId,
      7,
      fields.id,
      "2026-11-03T09:41:07.120Z",
      fields.actorAccountId,
      fields.actorTenantId,
      "Dana Admin",
      "domain_admin",
      null,
      null,
      "account.resetPassword",
      "allowed",
      fields.subjectAccountId,
      { id: fields.subjectAccountId, name: "Sam", type: "account" },
      "locked out, ticket 4711",
      ["builtin.admin-acts-in-own-tenant", "builtin.step-up"],
      "Allowed: Dana Admin is a domain admin of Acme.",
      { after: { mustChangePassword: true }, before: { mustChangePassword: false } },
      "req-1",
      "203.0.113.9",
      "Mozilla/5.0",
      "subject",
      GENESIS_HASH,
    ]);
  });

  it("hashes to the SHA-256 of that text, in lowercase hex", () => {
    const expected = createHash("sha256").update(encodeEntry(fields, GENESIS_HASH), "utf8").digest("hex");
    expect(computeEntryHash(fields, GENESIS_HASH)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stable whatever order the keys of target and changes come in, at any depth", () => {
    const reordered: AuditEntryFields = {
      ...fields,
      target: { name: "Sam", type: "account", id: fields.subjectAccountId },
      changes: { after: { mustChangePassword: true }, before: { mustChangePassword: false } },
    };
    expect(computeEntryHash(reordered, GENESIS_HASH)).toBe(computeEntryHash(fields, GENESIS_HASH));
    expect(canonicalJson({ b: [{ z: 1, a: { y: null, x: "é" } }], a: true })).toBe(
      '{"a":true,"b":[{"a":{"x":"é","y":null},"z":1}]}',
    );
  });

  it("reads the same time as a Date or as its canonical string", () => {
    const asString = { ...fields, occurredAt: "2026-11-03T09:41:07.120Z" };
    expect(computeEntryHash(asString, GENESIS_HASH)).toBe(computeEntryHash(fields, GENESIS_HASH));
  });

  it("treats absent JSON as null and absent policies as an empty list", () => {
    const empty = { ...fields, target: undefined, changes: undefined, policyIds: null };
    const decoded = JSON.parse(encodeEntry(empty, GENESIS_HASH)) as unknown[];
    expect(decoded[14]).toBeNull();
    expect(decoded[16]).toEqual([]);
    expect(decoded[18]).toBeNull();
  });

  it("changes with every field, the sequence number and the previous hash", () => {
    const base = computeEntryHash(fields, GENESIS_HASH);
    const variants: Partial<AuditEntryFields>[] = [
      { seq: 8 },
      { reason: "locked out, ticket 4712" },
      { actorName: null },
      { occurredAt: new Date("2026-11-03T09:41:07.121Z") },
      { policyIds: ["builtin.step-up", "builtin.admin-acts-in-own-tenant"] },
      { changes: { before: { mustChangePassword: false }, after: { mustChangePassword: false } } },
      { visibility: "admins" },
    ];
    for (const variant of variants) {
      expect(computeEntryHash({ ...fields, ...variant }, GENESIS_HASH), JSON.stringify(variant)).not.toBe(base);
    }
    expect(computeEntryHash(fields, "f".repeat(64))).not.toBe(base);
  });

  it("cannot be fooled by moving text between neighbouring fields", () => {
    const a = { ...fields, actorName: "Dana", actorRole: "Admin,domain_admin" };
    const b = { ...fields, actorName: "Dana,Admin", actorRole: "domain_admin" };
    expect(computeEntryHash(a, GENESIS_HASH)).not.toBe(computeEntryHash(b, GENESIS_HASH));
  });

  it("encodes a checkpoint as the JSON text of tenant, seq, hash and time", () => {
    const text = encodeCheckpoint({
      tenantId: fields.tenantId,
      seq: 7,
      hash: GENESIS_HASH,
      signedAt: "2026-11-03T10:00:00.000Z",
    });
    expect(JSON.parse(text)).toEqual([
      "glasshouse.audit.checkpoint.v1",
      fields.tenantId,
      7,
      GENESIS_HASH,
      "2026-11-03T10:00:00.000Z",
    ]);
  });
});

describe("the encoding the database completes under the chain-head lock", () => {
  it.each([1, 7, 1_000_000_000_000])("equals the full encoding at seq %d", (seq) => {
    const { seq: _seq, occurredAt: _at, ...rest } = fields;
    const around = encodeEntryAround({ ...rest, target: { b: 1, a: [{ z: 1, y: "\u00e9\n" }] } });
    const prevHash = "ab".repeat(32);
    const at = "2026-11-03T09:41:07.120Z";
    const assembled = `${around.before}${seq}${around.afterSeq}${at}${around.afterTime}${prevHash}${around.end}`;
    expect(assembled).toBe(
      encodeEntry({ ...fields, seq, occurredAt: at, target: { b: 1, a: [{ z: 1, y: "\u00e9\n" }] } }, prevHash),
    );
  });
});

describe("what the database can hold", () => {
  it("replaces NUL and lone surrogates, which PostgreSQL text cannot store", () => {
    expect(storedText("a\u0000b")).toBe("a\uFFFDb");
    expect(storedText("x\uD800y")).toBe("x\uFFFDy");
    expect(storedText("ok 😀")).toBe("ok 😀");
  });

  it("turns a value into what jsonb hands back: no undefined, Dates as strings, storable keys", () => {
    expect(
      storedJson({ at: new Date("2026-01-02T03:04:05.006Z"), gone: undefined, nan: Number.NaN, "k\u0000": "v\u0000" }),
    ).toEqual({ at: "2026-01-02T03:04:05.006Z", nan: null, "k\uFFFD": "v\uFFFD" });
    expect(storedJson(undefined)).toBeNull();
    expect(storedJson(null)).toBeNull();
  });
});

describe("redacting secrets", () => {
  it.each([
    ["password", true],
    ["newPassword", true],
    ["passwordHash", true],
    ["password_hash", true],
    ["tokenHash", true],
    ["secretEncrypted", true],
    ["totpSecret", true],
    ["apiKey", true],
    ["APIKey", true],
    ["x-api-key", true],
    ["recoveryCodes", true],
    ["code", true],
    ["accessToken", true],
    ["keys", true],
    ["keyboard", false],
    ["keyboardLayout", false],
    ["monkey", false],
    ["hashtag", false],
    ["secretary", false],
    ["tokenizer", false],
    ["countryCode", false],
    ["postal_code", false],
    ["passwordChangedAt", false],
    ["keyId", false],
    ["displayName", false],
  ])("%s names a secret: %s", (key, expected) => {
    expect(isSecretKey(key)).toBe(expected);
  });

  it("replaces secret values at any depth and leaves everything else alone", () => {
    const changes = {
      before: { status: "active", passwordHash: "$argon2id$v=19$…", mustChangePassword: false },
      after: {
        status: "active",
        passwordHash: "$argon2id$v=19$other",
        mustChangePassword: true,
        mfa: { totpSecret: "JBSWY3DPEHPK3PXP", recoveryCodes: ["a1", "b2"], enrolled: true },
        devices: [{ name: "Phone", token: "t0k3n" }],
        keyboard: "dvorak",
        resetToken: null,
      },
    };
    expect(redactSecrets(changes)).toEqual({
      before: { status: "active", passwordHash: "[redacted]", mustChangePassword: false },
      after: {
        status: "active",
        passwordHash: "[redacted]",
        mustChangePassword: true,
        mfa: { totpSecret: "[redacted]", recoveryCodes: "[redacted]", enrolled: true },
        devices: [{ name: "Phone", token: "[redacted]" }],
        keyboard: "dvorak",
        resetToken: null,
      },
    });
    expect(changes.after.passwordHash).toBe("$argon2id$v=19$other");
  });
});
