// What a new password must be, after NIST SP 800-63B: long enough, not one attackers try first, and not
// made of the person's own email or name. No rules about character classes: they push people to
// "Password1!" and add nothing a length minimum does not. The common list is zxcvbn-ts's (about 49,000
// passwords from real breaches), maintained upstream rather than typed here.
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password.server";

/** Far beyond any passphrase; it only bounds the work argon2 is asked to do. */
export const MAX_PASSWORD_LENGTH = 1024;

// Digits, punctuation, symbols and spaces at the end: "sunshine2024!!" is "sunshine" to a guessing tool,
// whose first rules append exactly these.
const TRAILING_DECORATION = /[\d\p{P}\p{S}\s]+$/u;

let commonPasswords: Set<string> | undefined;

function isCommon(candidate: string): boolean {
  // Decompressed on first use, not at import: routes import the form field without checking a password.
  commonPasswords ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(candidate.toLowerCase());
}

/** Why this new password is refused, as a sentence for the person; null when it is acceptable. */
export function newPasswordProblem(
  password: string,
  person?: { email?: string | null; displayName?: string | null },
): string | null {
  // Characters as a person counts them (code points), so "é" or an emoji counts once.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;

  const lower = password.toLowerCase();
  const email = person?.email?.trim().toLowerCase();
  if (email) {
    const at = email.lastIndexOf("@");
    const localPart = at > 0 ? email.slice(0, at) : email;
    // A short local part ("jo") would turn up inside too many unrelated passwords.
    if (lower === email || lower === localPart || (localPart.length >= 4 && lower.includes(localPart))) {
      return "Choose a password that does not contain your email address.";
    }
  }
  const name = person?.displayName?.replace(/\s+/g, "").toLowerCase();
  if (name && name.length >= 4 && lower.replace(/\s+/g, "").includes(name)) {
    return "Choose a password that does not contain your name.";
  }

  if (isCommon(password)) {
    return "This is one of the most common passwords, which attackers try first. Choose another: a few unrelated words work well.";
  }
  const base = password.replace(TRAILING_DECORATION, "");
  if (base && isCommon(base)) {
    // Not quoting the part that matched: field errors travel further than the password (logs, reports).
    return "This is a common password with digits or symbols added at the end, which attackers try early. Choose another: a few unrelated words work well.";
  }
  return null;
}

/**
 * zod field for forms: a new password (applies newPasswordProblem in a superRefine; person-specific checks are
 * done by the caller).
 */
export const newPasswordField: z.ZodType<string> = z
  .string({ error: "Enter a new password." })
  .superRefine((password, ctx) => {
    const problem = newPasswordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
