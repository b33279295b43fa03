import { db } from "@/lib/db";
import { checkDatabase } from "@/lib/health";
import { log } from "@/lib/logger";
import { REQUEST_ID_HEADER } from "@/lib/request-id";

export const dynamic = "force-dynamic";

// For load balancers and uptime checks: 200 while the database answers, 503 when it does not. The reason
// goes to the log, not to the caller.
export async function GET(request: Request) {
  const database = await checkDatabase(db);
  const headers = { "cache-control": "no-store" };
  if (database.reachable) {
    return Response.json({ status: "ok", database: { reachable: true, latencyMs: database.latencyMs } }, { headers });
  }
  log("error", "health check: database unreachable", {
    requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined,
    error: database.error,
    latencyMs: database.latencyMs,
  });
  return Response.json(
    {
      status: "unavailable",
      database: { reachable: false },
      error: { code: "database_unreachable", message: "The database is not answering." },
    },
    { status: 503, headers },
  );
}
