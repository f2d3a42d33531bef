import { isDatabaseReachable } from "~/db.server";

/** Liveness and database reachability, for load balancers and the e2e runner. */
export async function loader() {
  const ok = await isDatabaseReachable();
  return Response.json(
    { status: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
