import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth";

/**
 * Signing out: the header's "Sign out" is a plain form posting here, on every page of a signed-in member. A server
 * action's form would carry an empty `action=""` (invalid HTML) twice on each of them. A foreign Origin never gets
 * here (proxy.ts); the session's row goes with its cookie (lib/auth.ts, events.signOut). Home, as a 303: the browser
 * asks for it with GET.
 */
export async function POST(): Promise<NextResponse> {
  await signOut({ redirect: false });
  return new NextResponse(null, { status: 303, headers: { location: "/" } });
}
