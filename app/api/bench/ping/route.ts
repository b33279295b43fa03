import { NextResponse } from "next/server";
import { benchRoutesDisabled, benchRoutesEnabled } from "../enabled";

// The framework's own ceiling for the benchmark: a dynamic route that touches neither the database nor React.
export const dynamic = "force-dynamic";

export function GET() {
  if (!benchRoutesEnabled()) return benchRoutesDisabled();
  return NextResponse.json({ ok: true, at: Date.now() });
}
