// The events API (app/telemetry/events-api.server.ts): POST only, authenticated by an app key, never by a
// session cookie, so it is exempt from the origin check (app/security/origin.ts) and answers JSON.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db.server";
import { BatchSlots } from "~/telemetry/batch-slots.server";
import { handleEventsRequest } from "~/telemetry/events-api.server";
import { MAX_EVENTS_PER_BATCH } from "~/telemetry/events";

/** Batches waiting for a slot before this server answers busy (each holds at most a 1 MiB body). */
const MAX_WAITING_BATCHES = 64;

let slots: BatchSlots | undefined;

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const config = getConfig();
  const rate = config.INGEST_EVENTS_PER_SECOND;
  slots ??= new BatchSlots(config.INGEST_CONCURRENT_BATCHES, MAX_WAITING_BATCHES);
  try {
    return await handleEventsRequest(request, {
      db: getDatabase().db,
      rate: { eventsPerSecond: rate, burst: Math.max(rate, MAX_EVENTS_PER_BATCH) },
      slots,
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
