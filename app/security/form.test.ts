import { describe, expect, it } from "vitest";
import { readForm, readJson } from "./form.server";

function post(body: BodyInit, contentType?: string): Request {
  return new Request("http://localhost/login", {
    method: "POST",
    headers: contentType ? { "Content-Type": contentType } : {},
    body,
  });
}

async function refusal(request: Request): Promise<Response> {
  try {
    await readForm(request);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("Expected a refusal");
}

describe("readForm", () => {
  it("reads url-encoded and multipart forms", async () => {
    const encoded = await readForm(post("email=a%40b.example&x=1", "application/x-www-form-urlencoded"));
    expect(encoded.get("email")).toBe("a@b.example");
    const multipart = new FormData();
    multipart.set("email", "c@d.example");
    const request = new Request("http://localhost/login", { method: "POST", body: multipart });
    expect((await readForm(request)).get("email")).toBe("c@d.example");
  });

  it.each([
    ["JSON", '{"email":"a@b.example"}', "application/json"],
    ["no content type", "email=a", undefined],
    ["text", "email=a", "text/plain"],
    ["a broken multipart body", "--nope\r\n\r\n", "multipart/form-data; boundary=xyz"],
  ])("answers %s with 415 instead of failing", async (_name, body, type) => {
    const response = await refusal(post(body, type));
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/application\/x-www-form-urlencoded/);
  });
});

describe("readJson", () => {
  async function status(request: Request): Promise<number> {
    try {
      await readJson(request, 1024);
      return 200;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status;
      throw thrown;
    }
  }

  it("reads a small JSON body", async () => {
    expect(await readJson(post('{"intent":"options"}', "application/json"))).toEqual({ intent: "options" });
  });

  it("refuses another content type, a body too large (declared or streamed) and text that is not JSON", async () => {
    expect(await status(post("{}", "text/plain"))).toBe(415);
    expect(await status(post("x".repeat(2048), "application/json"))).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let chunk = 0; chunk < 4; chunk++) controller.enqueue(new Uint8Array(512).fill(32));
        controller.close();
      },
    });
    const chunked = new Request("http://localhost/auth/passkey", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: streamed,
      duplex: "half",
    } as RequestInit);
    expect(await status(chunked)).toBe(413);
    expect(await status(post("{not json", "application/json"))).toBe(400);
  });
});
