// The events API's client against a real local HTTP server that answers as the API can: a retried batch is
// the very same request, a 429 is waited out for as long as Retry-After says, and a refused key or a server
// that cannot be reached ends the run.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encodeBatch, FatalClientError, postBatch } from "./client";
import type { WireEvent } from "./generate";

interface Received {
  method?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Reply = (response: ServerResponse) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (response) => {
    response.writeHead(status, { "Content-Type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server that answers its requests with `replies`, in order, and records what it was sent. */
async function serve(replies: Reply[]): Promise<{ endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  server = http.createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method,
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const reply = replies[received.length - 1] ?? json(500, { error: "no more replies" });
      reply(response);
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server!.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/api/v1/events`, received };
}

const events: WireEvent[] = [
  {
    id: "0b5c7f4e-8d0a-4f57-9a43-3f0d2f8a1c01",
    installationNumber: "inst-1",
    kind: "install",
    occurredAt: "2026-11-27T10:00:00Z",
    app: "Outlook",
    appVersion: "16.0",
    os: "Windows",
  },
];
const KEY = "ghk_0123abcd_" + "A".repeat(43);

describe("the events API client", () => {
  it("re-sends the very same batch after a 5xx and waits out a 429's Retry-After", async () => {
    const { endpoint, received } = await serve([
      json(503, { error: "try again" }, { "Retry-After": "1" }),
      json(429, { error: "slow down" }, { "Retry-After": "7" }),
      json(200, { accepted: 1, duplicates: 0, rejected: [] }),
    ]);
    const waits: number[] = [];
    const batch = encodeBatch(events, "json");
    const outcome = await postBatch({ endpoint, key: KEY, sleep: async (ms) => void waits.push(ms) }, batch);

    expect(outcome).toMatchObject({ status: 200, accepted: 1, duplicates: 0, retries: 1, throttled: 1 });
    expect(waits[1]).toBe(7000);
    expect(received).toHaveLength(3);
    for (const request of received) {
      expect(request).toEqual({
        method: "POST",
        authorization: `Bearer ${KEY}`,
        contentType: "application/json",
        body: batch.body,
      });
    }
  });

  it("reports the rejected events of a 422, and the message of a 400", async () => {
    const rejected = [
      { index: 0, errors: [{ field: "kind", message: "must be one of install, uninstall, heartbeat" }] },
    ];
    const { endpoint } = await serve([
      json(422, { accepted: 0, duplicates: 0, rejected }),
      json(400, { error: "The body is not valid JSON." }),
    ]);
    const batch = encodeBatch(events, "ndjson");
    expect(await postBatch({ endpoint, key: KEY }, batch)).toMatchObject({ status: 422, accepted: 0, rejected });
    expect(await postBatch({ endpoint, key: KEY }, batch)).toMatchObject({
      status: 400,
      error: "400: The body is not valid JSON.",
    });
  });

  it("stops for good when the key is refused", async () => {
    const { endpoint, received } = await serve([json(401, { error: "That app key was revoked." })]);
    await expect(postBatch({ endpoint, key: KEY }, encodeBatch(events, "json"))).rejects.toThrow(
      new FatalClientError("The key was refused (401: That app key was revoked.)."),
    );
    expect(received).toHaveLength(1);
  });

  it("gives up on a server it cannot reach after its attempts, with the reason", async () => {
    const { endpoint } = await serve([]);
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    let waited = 0;
    const attempt = postBatch(
      { endpoint, key: KEY, maxAttempts: 3, sleep: async () => void waited++ },
      encodeBatch(events, "json"),
    );
    await expect(attempt).rejects.toThrow(/could not be reached \(.*ECONNREFUSED/);
    expect(waited).toBe(2);
  });
});
