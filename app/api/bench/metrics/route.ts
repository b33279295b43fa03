import { NextResponse } from "next/server";
import { executedQueryCount } from "@/lib/db";
import { benchRoutesDisabled, benchRoutesEnabled } from "../enabled";

// What the benchmark samples between sequential requests: SQL statements sent so far, and the process to watch.
export const dynamic = "force-dynamic";

export function GET() {
  if (!benchRoutesEnabled()) return benchRoutesDisabled();
  return NextResponse.json({ queries: executedQueryCount(), pid: process.pid, rss: process.memoryUsage().rss });
}
