import { NextResponse } from "next/server";
import { executedQueryCount } from "@/lib/db";
import { benchRoutesDisabled, benchRoutesEnabled } from "../enabled";

// What the benchmark samples between sequential requests: SQL statements sent so far, the process to watch,
// and its memory as V8 sees it (live heap versus what the process holds).
export const dynamic = "force-dynamic";

export function GET() {
  if (!benchRoutesEnabled()) return benchRoutesDisabled();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return NextResponse.json({ queries: executedQueryCount(), pid: process.pid, rss, heapUsed, heapTotal, external, arrayBuffers });
}
