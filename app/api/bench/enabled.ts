import { NextResponse } from "next/server";
import { env } from "@/lib/env";

/** The benchmark's routes answer only when the server was started with BENCH_METRICS=1 (bench/run.ts does). */
export function benchRoutesEnabled(): boolean {
  return env.BENCH_METRICS === "1";
}

export function benchRoutesDisabled() {
  return NextResponse.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
}
