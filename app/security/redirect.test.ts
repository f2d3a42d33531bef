import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/t/acme/", "/t/acme/"],
    ["/me?tab=security#sessions", "/me?tab=security#sessions"],
    ["/t/acme/../../me", "/me"],
  ])("keeps the local path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example/x",
    "/%2e//evil.example",
    "/./\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/\tevil",
    "/%0d%0aSet-Cookie:x",
    "",
    "me",
    undefined,
    42,
  ])("refuses %s", (input) => {
    const result = safeRedirectPath(input, "/fallback");
    if (input === "/%0d%0aSet-Cookie:x") {
      // Percent-encoded control characters stay encoded: a harmless local path.
      expect(result).toBe("/%0d%0aSet-Cookie:x");
    } else {
      expect(result).toBe("/fallback");
    }
  });
});
