import { NextResponse, type NextRequest } from "next/server";
import { db, executedQueryCount } from "@/lib/db";
import { benchRoutesDisabled, benchRoutesEnabled } from "../enabled";

// What the benchmark samples between sequential requests: SQL statements sent so far, the process to watch,
// its memory as V8 sees it (live heap versus what the process holds), and with ?log=1 the latest statements
// with their durations (to see what a request runs).
export const dynamic = "force-dynamic";

type Logged = { sql: string; ms: number };
const shared = globalThis as unknown as { agoraBenchQueryLog?: Logged[] };
const LOG_SIZE = 200;

function queryLog(): Logged[] {
  if (!shared.agoraBenchQueryLog) {
    const log: Logged[] = [];
    shared.agoraBenchQueryLog = log;
    db.$on("query", (event) => {
      log.push({ sql: event.query.replace(/\s+/g, " ").slice(0, 240), ms: Math.round(event.duration * 100) / 100 });
      if (log.length > LOG_SIZE) log.shift();
    });
  }
  return shared.agoraBenchQueryLog;
}

export function GET(request: NextRequest) {
  if (!benchRoutesEnabled()) return benchRoutesDisabled();
  const log = queryLog();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const body = { queries: executedQueryCount(), pid: process.pid, rss, heapUsed, heapTotal, external, arrayBuffers };
  return NextResponse.json(request.nextUrl.searchParams.has("log") ? { ...body, log } : body);
}
