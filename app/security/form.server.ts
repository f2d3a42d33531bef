// Reading a form post. A body that is not a form (JSON, garbage, a wrong content type) is the sender's
// mistake: it is answered 415 with what to send, never a 500 from deep inside the route.
export const FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (FORM_CONTENT_TYPES.includes(type)) {
    try {
      return withoutNul(await request.formData());
    } catch {
      // A malformed multipart body: fall through to the same answer.
    }
  }
  throw new Response(`Send this form as ${FORM_CONTENT_TYPES.join(" or ")}.`, {
    status: 415,
    statusText: "Unsupported Media Type",
  });
}

/**
 * The form with every NUL character taken out of its text: no one types one, PostgreSQL cannot store one in
 * text, and a value carrying one would otherwise fail deep in a write as a 500.
 */
function withoutNul(form: FormData): FormData {
  const entries = [...form];
  if (!entries.some(([, value]) => typeof value === "string" && value.includes("\u0000"))) return form;
  const clean = new FormData();
  for (const [name, value] of entries) {
    clean.append(name, typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  }
  return clean;
}

/**
 * A small JSON body (the passkey ceremonies): 415 for another content type, 413 past `maxBytes` (counted as
 * the body streams in, so a body without a Content-Length cannot run the server out of memory either), 400
 * for text that is not JSON.
 */
export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<unknown> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json") throw answer(415, "Send a JSON body (Content-Type: application/json).");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw answer(413, `The body is larger than ${maxBytes} bytes.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw answer(413, `The body is larger than ${maxBytes} bytes.`);
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw answer(400, "The body is not valid JSON.");
  }
}

function answer(status: number, message: string): Response {
  return Response.json({ ok: false, message, fieldErrors: {} }, { status });
}
