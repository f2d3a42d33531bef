// Helpers for tests that drive route modules the way Remix does: a real Request in, a Response (or
// single-fetch data) out, against a real database registered as the app's.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "~db/testing";
import { setDatabase } from "~/db.server";

export const ORIGIN = "http://localhost:3000";

/** A fresh database for this test file, registered as the app's database while the file runs. */
export function setupTestDatabase(): { readonly current: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabase(database);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await database?.close();
  });
  return {
    get current() {
      if (!database) throw new Error("The test database is not open yet");
      return database;
    },
  };
}

export const testContext: AppLoadContext = {
  requestId: "test-request",
  clientIp: "203.0.113.7",
  cspNonce: "dGVzdC1ub25jZQ==",
};

export function getRequest(path: string, cookie?: string): Request {
  return new Request(new URL(path, ORIGIN), { headers: cookie ? { Cookie: cookie } : {} });
}

export function formRequest(path: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: ORIGIN,
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) vitest",
  };
  if (cookie) headers.Cookie = cookie;
  return new Request(new URL(path, ORIGIN), { method: "POST", headers, body: new URLSearchParams(fields) });
}

/** Runs a loader or action and returns the Response it threw or returned (redirects, 404s). */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("Expected a Response, got data");
}

interface DataWithInit<T> {
  type: "DataWithResponseInit";
  data: T;
  init: ResponseInit | null;
}

/** The data and status of a `data(...)` result (Remix single fetch), or a plain returned object. */
export function unwrapData<T>(result: T | DataWithInit<T> | unknown): { data: T; status: number } {
  if (result && typeof result === "object" && (result as DataWithInit<T>).type === "DataWithResponseInit") {
    const wrapped = result as DataWithInit<T>;
    return { data: wrapped.data, status: wrapped.init?.status ?? 200 };
  }
  return { data: result as T, status: 200 };
}

/** The `name=value` pair of a Set-Cookie header, ready to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("The response set no cookie");
  return header.split(";")[0]!;
}

/** Signs in through the real sign-in action and returns the session cookie to send back. */
export async function signInCookie(email: string, password: string): Promise<string> {
  const { action } = await import("~/routes/login");
  const response = await responseOf(() =>
    action({ request: formRequest("/login", { email, password }), params: {}, context: testContext }),
  );
  if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  return cookieFrom(response);
}
