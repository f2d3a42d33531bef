import { sql } from "drizzle-orm";
import { getDatabase } from "~/db.server";

/** Liveness and database reachability, for load balancers and the e2e runner. */
export async function loader() {
  try {
    await getDatabase().db.execute(sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
