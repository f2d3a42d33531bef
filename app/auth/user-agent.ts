// A readable name for the device behind a session ("Chrome 131 on Windows 10"), so a person can tell their
// sessions apart and spot one that is not theirs. ua-parser-js stays on v1: v2 is AGPL. Only what the
// User-Agent header claims, which the client chooses freely: a description, never evidence.
import UAParser from "ua-parser-js";

export interface DeviceDescription {
  browser: string;
  os: string;
  /** "Chrome 131 on Windows 10" */
  label: string;
}

const UNKNOWN_BROWSER = "Unknown browser";
const UNKNOWN_SYSTEM = "unknown system";

// The parser's names where a person knows the product by another: a headless Chrome is still Chrome, and
// "Mobile Safari" is just Safari once the system says iOS.
const BROWSER_NAMES: Record<string, string> = {
  "Chrome Headless": "Chrome",
  "Mobile Safari": "Safari",
  "Mobile Firefox": "Firefox",
};
const SYSTEM_NAMES: Record<string, string> = { "Mac OS": "macOS" };

// Browsers have reported macOS as 10.15.7 since macOS 11, whatever the real version; showing it would mislead.
const FROZEN_SYSTEM_VERSIONS = new Set(["macOS"]);

// A command-line client or library names itself first ("curl/8.5.0", "python-requests/2.32"); browsers
// start with "Mozilla/", which names nothing.
const LEADING_PRODUCT = /^([A-Za-z][\w.-]*)\/(\d+)/;

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const ua = userAgent?.trim() ?? "";
  const { browser: parsedBrowser, os: parsedOs } = new UAParser(ua).getResult();

  let browser = UNKNOWN_BROWSER;
  if (parsedBrowser.name) {
    const name = BROWSER_NAMES[parsedBrowser.name] ?? parsedBrowser.name;
    const major = parsedBrowser.version?.split(".")[0];
    browser = major ? `${name} ${major}` : name;
  } else {
    const product = LEADING_PRODUCT.exec(ua);
    if (product && product[1] !== "Mozilla") browser = `${product[1]} ${product[2]}`;
  }

  let os = UNKNOWN_SYSTEM;
  if (parsedOs.name) {
    const name = SYSTEM_NAMES[parsedOs.name] ?? parsedOs.name;
    os = parsedOs.version && !FROZEN_SYSTEM_VERSIONS.has(name) ? `${name} ${parsedOs.version}` : name;
  }

  return { browser, os, label: `${browser} on ${os}` };
}
