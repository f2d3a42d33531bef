import { describe, expect, it } from "vitest";
import { checkOrigin } from "./origin";

const expectedOrigin = "http://localhost:3000";
const base = { path: "/login", referer: undefined, expectedOrigin };

describe("checkOrigin", () => {
  it.each([
    ["GET from anywhere", { ...base, method: "GET", origin: "https://evil.example" }, true],
    ["POST from our own origin", { ...base, method: "POST", origin: "http://localhost:3000" }, true],
    [
      "POST with only a same-origin Referer",
      { ...base, method: "POST", origin: undefined, referer: "http://localhost:3000/login?x=1" },
      true,
    ],
    ["POST to the bearer-key API", { ...base, method: "POST", path: "/api/v1/events", origin: undefined }, true],
    ["POST from another site", { ...base, method: "POST", origin: "https://evil.example" }, false],
    ["POST from another port", { ...base, method: "POST", origin: "http://localhost:3001" }, false],
    ["POST over another scheme", { ...base, method: "POST", origin: "https://localhost:3000" }, false],
    ["POST with no Origin or Referer", { ...base, method: "POST", origin: undefined }, false],
    ["POST with Origin null (sandboxed frame)", { ...base, method: "POST", origin: "null" }, false],
    ["DELETE from another site", { ...base, method: "DELETE", origin: "https://evil.example" }, false],
    [
      "PUT with a cross-site Referer",
      { ...base, method: "PUT", origin: undefined, referer: "https://evil.example/x" },
      false,
    ],
  ])("%s", (_name, input, ok) => {
    expect(checkOrigin(input).ok).toBe(ok);
  });
});
