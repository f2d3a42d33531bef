// The languages we ship: every catalogue complete (same keys as English, same placeholders in each text),
// and an email rendered in its reader's language, with dates and plurals of that language.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderEmail } from "~/mail/outbox.server";
import { actionLabel } from "~/policy/labels";
import { ACTION_IDS, AUTH_EVENTS } from "~/policy/types";
import { describeDecision, sentenceCatalogue, SENTENCE_LOCALES } from "~/policy/sentences";
import type { DecisionRequest } from "~/policy/types";
import { CATALOGUES, LOCALES, localiseMessage, toLocale } from "./i18n";

type Tree = { [key: string]: string | Tree };

/** Every text of a catalogue by its dotted key. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text);
  }
  return found;
}

/** The {{placeholders}} and $t(nested keys) a text uses. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|\$t\(([^)]+)\)/g)]
    .map((match) => match[1] ?? `$t(${match[2]})`)
    .sort();
}

describe("the catalogues", () => {
  const english = leaves(CATALOGUES.en as unknown as Tree);

  it("name every action and sign-in event, and the labels follow the language", () => {
    for (const id of [...ACTION_IDS, ...AUTH_EVENTS]) expect(english.has(`actions.${id}`), id).toBe(true);
    expect([...english.keys()].filter((key) => key.startsWith("actions.")).length).toBe(
      ACTION_IDS.length + AUTH_EVENTS.length,
    );
    expect(actionLabel("account.suspend")).toBe("Suspend");
    expect(actionLabel("account.suspend", "de")).toBe("Sperren");
    expect(actionLabel("some.unknownThing", "de")).toBe("some.unknownThing");
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))("%s has every English key, and no other", (locale) => {
    const other = leaves(CATALOGUES[locale] as unknown as Tree);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of other) expect(text.trim(), key).not.toBe("");
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))(
    "%s uses the same placeholders as English in each text",
    (locale) => {
      const other = leaves(CATALOGUES[locale] as unknown as Tree);
      for (const [key, text] of english) expect(placeholders(other.get(key) ?? ""), key).toEqual(placeholders(text));
    },
  );

  it("never nests with $t(…): a value containing it would turn nesting off (see renderEmail)", () => {
    for (const locale of LOCALES) {
      for (const [key, text] of leaves(CATALOGUES[locale] as unknown as Tree)) expect(text, key).not.toContain("$t(");
    }
  });
});

describe("choosing a language", () => {
  it("takes the language of a stored or asked-for locale, and English for anything else", () => {
    expect(toLocale("de")).toBe("de");
    expect(toLocale("de-AT")).toBe("de");
    expect(toLocale(" DE_ch ")).toBe("de");
    expect(toLocale("en-US")).toBe("en");
    expect(toLocale("fr")).toBe("en");
    expect(toLocale("")).toBe("en");
    expect(toLocale(null)).toBe("en");
  });
});

describe("an email in its reader's language", () => {
  const happenedAt = new Date("2026-11-26T16:30:00Z");
  const suspended = {
    template: "account.suspended" as const,
    params: { actor: "Dana Okafor", organisation: "Acme Ltd" },
    reason: "Vertrag beendet, Ticket 4711",
    happenedAt,
    toAccountId: "7d0c4d7e-0000-4000-8000-000000000001",
  };

  it("says what happened, who did it, why, when in their zone, and where to see the details", () => {
    const german = renderEmail(suspended, "de", "Europe/Berlin");
    expect(german.subject).toBe("Ihr Konto bei Acme Ltd wurde gesperrt");
    expect(german.bodyText).toContain("Dana Okafor hat Ihr Konto bei Acme Ltd gesperrt.");
    expect(german.bodyText).toContain("Begründung: Vertrag beendet, Ticket 4711");
    // 16:30 UTC is 17:30 in Berlin, written the German way.
    expect(german.bodyText).toMatch(/Wann: 26\.11\.2026, 17:30 \(Europe\/Berlin\)/);
    expect(german.bodyText).toMatch(/Details: .*Mein Konto → Aktivitäten: .*\/me\/activity$/);

    const english = renderEmail(suspended, "en", "America/New_York");
    expect(english.subject).toBe("Your Acme Ltd account has been suspended");
    expect(english.bodyText).toContain("Dana Okafor suspended your Acme Ltd account.\nReason: Vertrag beendet");
    expect(english.bodyText).toContain("When: 26 Nov 2026, 11:30 (America/New_York)");
  });

  it("writes what a person typed as it is, and keeps the warning whatever they typed", () => {
    for (const name of ["$t(email.self.notYou) x", "{{organisation}}", "<b>Work key</b>"]) {
      const { bodyText } = renderEmail({ template: "self.passkeyAdded", params: { name } }, "en", "UTC");
      expect(bodyText).toContain(`A passkey named “${name}” was added to your account.`);
      expect(bodyText).toContain("If this was not you, change your password");
    }
  });

  it("writes a day and a count the reader's way", () => {
    const closed = {
      template: "account.terminated" as const,
      params: { actor: "Dana", organisation: "Acme", purgeDay: new Date("2026-12-26T12:00:00Z") },
      reason: "left",
    };
    expect(renderEmail(closed, "de", "Europe/Berlin").bodyText).toContain("bis zum 26. Dezember 2026 erhalten");
    expect(renderEmail(closed, "en", "Europe/London").bodyText).toContain("kept until 26 December 2026,");

    const changed = (count: number, locale: "en" | "de") =>
      renderEmail({ template: "self.passwordChanged", params: { count } }, locale, "UTC").bodyText;
    expect(changed(1, "en")).toContain("1 other session ended.");
    expect(changed(3, "en")).toContain("3 other sessions ended.");
    expect(changed(1, "de")).toContain("1 andere Sitzung wurde beendet.");
    expect(changed(3, "de")).toContain("3 andere Sitzungen wurden beendet.");
    expect(changed(3, "de")).toContain("Wenn Sie das nicht waren");
  });
});

describe("the policy engine's sentences", () => {
  const english = sentenceCatalogue("en");
  const braces = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

  it.each(SENTENCE_LOCALES.filter((locale) => locale !== "en"))(
    "%s has every sentence, with the same placeholders",
    (locale) => {
      const other = sentenceCatalogue(locale);
      expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) expect(braces(other[key] ?? ""), key).toEqual(braces(text));
    },
  );

  it("writes a refusal in the reader's language, dates included", () => {
    const request: DecisionRequest = {
      principal: {
        accountId: "a",
        name: "Dana Okafor",
        homeTenantId: "t",
        homeTenantKind: "customer",
        actingTenantId: "t",
        roles: ["domain_admin"],
        access: { kind: "member" },
        secondFactorAt: null,
      },
      action: "account.purge",
      resource: {
        type: "Account",
        id: "h",
        tenantId: "t",
        name: "Hank Ito",
        status: "terminated",
        roles: [],
        managerId: null,
        holds: [{ id: "x", name: "Matter 14", placedByName: "Cora", placedAt: new Date("2026-11-03T10:00:00Z") }],
        locks: [],
      },
      context: { now: new Date("2026-11-20T10:00:00Z") },
    };
    expect(describeDecision("legal-hold.nothing-deleted", request)).toBe(
      "Blocked: Hank Ito's account is under legal hold 'Matter 14', placed by Cora on 3 Nov 2026.",
    );
    expect(describeDecision("legal-hold.nothing-deleted", request, undefined, "de")).toBe(
      "Gesperrt: Das Konto von Hank Ito unterliegt der rechtlichen Aufbewahrung 'Matter 14', veranlasst von Cora am 3. Nov. 2026.",
    );
    expect(describeDecision("default-deny", { ...request, action: "account.suspend" }, undefined, "de")).toBe(
      "Keine Richtlinie erlaubt Dana Okafor (Domain-Admin), Konten zu sperren.",
    );
  });
});

describe("messages the server writes in English", () => {
  it("are each held once, so each text has one translation", () => {
    const texts = [...Object.values(CATALOGUES.en.messages), ...Object.values(CATALOGUES.en.messagePatterns)];
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("come back in the reader's language when the catalogue holds them, and as written otherwise", () => {
    expect(localiseMessage("Enter a valid email address, like name@example.com.", "de")).toBe(
      "Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.",
    );
    expect(localiseMessage("Enter a valid email address, like name@example.com.", "en")).toBe(
      "Enter a valid email address, like name@example.com.",
    );
    expect(localiseMessage("Alice Ng's account is already suspended.", "de")).toBe(
      "Das Konto von Alice Ng ist bereits gesperrt.",
    );
    expect(
      localiseMessage("Bo Lee reports to Alice Ng, directly or through others; that would make a loop.", "de"),
    ).toBe("Bo Lee berichtet direkt oder über andere an Alice Ng; das ergäbe einen Kreis.");
    expect(localiseMessage("Legal hold 'Matter (2026) 14.' has been released.", "de")).toBe(
      "Die rechtliche Aufbewahrung 'Matter (2026) 14.' wurde aufgehoben.",
    );
    expect(localiseMessage("Something no catalogue holds.", "de")).toBe("Something no catalogue holds.");
  });
});

describe("the keys the code asks for", () => {
  /** Every source file of the app, but the catalogues themselves. */
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "messages" ? [] : sources(path);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
    });
  }

  it("are all in the English catalogue (and so, by the test above, in every other)", () => {
    const english = leaves(CATALOGUES.en as unknown as Tree);
    const missing: string[] = [];
    for (const file of sources("app")) {
      const text = readFileSync(file, "utf8");
      // t("a.b.c") and t("a.b.c", {...}) with a literal key; keys built at run time are checked where their
      // parts are listed (actions, roles, statuses...).
      for (const match of text.matchAll(/\bt\(\s*"([A-Za-z][\w-]*(?:\.[\w-]+)+)"/g)) {
        const key = match[1]!;
        const plural = english.has(`${key}_one`) && english.has(`${key}_other`);
        if (!english.has(key) && !plural) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
