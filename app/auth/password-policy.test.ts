import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, newPasswordField, newPasswordProblem } from "./password-policy.server";

const PASSPHRASE = "violet kettle harbour sings";
const commonList = new Set(dictionary["passwords-common"]);

describe("a new password", () => {
  it("is accepted as a long passphrase", () => {
    expect(newPasswordProblem(PASSPHRASE)).toBeNull();
    expect(newPasswordProblem(PASSPHRASE, { email: "dana@acme.example", displayName: "Dana Okafor" })).toBeNull();
  });

  it("is refused at 11 characters and accepted at 12", () => {
    expect(newPasswordProblem("kettle-harb")).toBe("Use at least 12 characters.");
    expect(newPasswordProblem("kettle-harbo")).toBeNull();
  });

  it("counts characters as a person does, not UTF-16 units", () => {
    expect(newPasswordProblem("🔑".repeat(11))).toBe("Use at least 12 characters.");
    expect(newPasswordProblem("🔑".repeat(12))).toBeNull();
  });

  it(`is refused beyond ${MAX_PASSWORD_LENGTH} characters`, () => {
    const long = `${PASSPHRASE} `.repeat(100);
    expect(newPasswordProblem(long.slice(0, MAX_PASSWORD_LENGTH))).toBeNull();
    expect(newPasswordProblem(long.slice(0, MAX_PASSWORD_LENGTH + 1))).toBe("Use at most 1024 characters.");
  });

  it.each(["qwerty123456", "1qaz2wsx3edc", "administrator", "password1234"])(
    "is refused when it is a common password of 12 or more characters: %s",
    (password) => {
      expect(commonList.has(password)).toBe(true);
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(newPasswordProblem(password)).toMatch(/most common passwords/);
      expect(newPasswordProblem(password.toUpperCase())).toMatch(/most common passwords/);
    },
  );

  it.each(["sunshine2024!!", "Dragon#2024!!", "letmein........"])(
    "is refused when it is a common password with digits or symbols added at the end: %s",
    (password) => {
      expect(commonList.has(password.toLowerCase())).toBe(false);
      expect(newPasswordProblem(password)).toMatch(/common password with digits or symbols added/);
    },
  );

  it("is not refused for a common word inside a longer passphrase", () => {
    expect(commonList.has("sunshine")).toBe(true);
    expect(newPasswordProblem("sunshine over the harbour 42")).toBeNull();
  });

  it("is refused when it is the person's email, or contains its local part", () => {
    const person = { email: "Dana.Okafor@acme.example" };
    const refusal = "Choose a password that does not contain your email address.";
    expect(newPasswordProblem("dana.okafor@acme.example", person)).toBe(refusal);
    expect(newPasswordProblem("my name is dana.okafor!", person)).toBe(refusal);
    expect(newPasswordProblem(PASSPHRASE, person)).toBeNull();
  });

  it("ignores a local part shorter than four characters inside the password", () => {
    expect(newPasswordProblem("jo likes long walks", { email: "jo@acme.example" })).toBeNull();
  });

  it("is refused when it contains the person's name", () => {
    expect(newPasswordProblem("hello I am Dana Okafor", { displayName: "Dana Okafor" })).toBe(
      "Choose a password that does not contain your name.",
    );
  });
});

describe("the new password form field", () => {
  it("passes an acceptable password through unchanged", () => {
    expect(newPasswordField.parse(PASSPHRASE)).toBe(PASSPHRASE);
  });

  it("reports the policy's sentence as the field's error", () => {
    const short = newPasswordField.safeParse("too short");
    expect(short.success).toBe(false);
    expect(short.error?.issues.map((issue) => issue.message)).toEqual(["Use at least 12 characters."]);

    const common = newPasswordField.safeParse("qwerty123456");
    expect(common.error?.issues[0]?.message).toMatch(/most common passwords/);
  });

  it("asks for a password when the field is missing", () => {
    expect(newPasswordField.safeParse(undefined).error?.issues[0]?.message).toBe("Enter a new password.");
  });
});
