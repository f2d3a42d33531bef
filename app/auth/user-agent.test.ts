import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

const UNKNOWN = { browser: "Unknown browser", os: "unknown system", label: "Unknown browser on unknown system" };

describe("describing the device behind a session", () => {
  it.each([
    [
      "Chrome on Windows",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      { browser: "Chrome 131", os: "Windows 10", label: "Chrome 131 on Windows 10" },
    ],
    [
      "Safari on an iPhone",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      { browser: "Safari 17", os: "iOS 17.5", label: "Safari 17 on iOS 17.5" },
    ],
    [
      "Firefox on Linux",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      { browser: "Firefox 133", os: "Linux", label: "Firefox 133 on Linux" },
    ],
    [
      "Edge, which also claims to be Chrome",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
      { browser: "Edge 131", os: "Windows 10", label: "Edge 131 on Windows 10" },
    ],
    [
      "headless Chrome as plain Chrome",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36",
      { browser: "Chrome 131", os: "Linux", label: "Chrome 131 on Linux" },
    ],
    [
      "Safari on a Mac, without the frozen 10.15.7",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
      { browser: "Safari 17", os: "macOS", label: "Safari 17 on macOS" },
    ],
    [
      "curl by its own name",
      "curl/8.5.0",
      { browser: "curl 8", os: "unknown system", label: "curl 8 on unknown system" },
    ],
  ])("describes %s", (_, userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toEqual(expected);
  });

  it.each([[""], ["   "], [null], [undefined], ["Mozilla/5.0"]])("describes %j as unknown", (userAgent) => {
    expect(describeUserAgent(userAgent)).toEqual(UNKNOWN);
  });
});
