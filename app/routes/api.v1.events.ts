// The events API (app/telemetry/events-api.server.ts): POST only, authenticated by an app key, never by a
// session cookie, so it is exempt from the origin check (app/security/origin.ts) and answers JSON.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db.server";
import { handleEventsRequest } from "~/telemetry/events-api.server";
import { MAX_EVENTS_PER_BATCH } from "~/telemetry/events";

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const rate = getConfig().INGEST_EVENTS_PER_SECOND;
  try {
    return await handleEventsRequest(request, {
      db: getDatabase().db,
      rate: { eventsPerSecond: rate, burst: Math.max(rate, MAX_EVENTS_PER_BATCH) },
    });
  } catch (error) {
    console.error(`Events API request ${context.requestId} failed:`, error);
    return Response.json(
      { error: "The events could not be stored just now; send the same batch again.", requestId: context.requestId },
      { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
}

export function loader() {
  return methodNotAllowed();
}

function methodNotAllowed() {
  return Response.json(
    { error: "Post events to this address: POST /api/v1/events." },
    { status: 405, headers: { Allow: "POST" } },
  );
}
