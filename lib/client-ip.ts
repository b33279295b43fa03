// The current request's client address, for per-IP limits and logs; the rule itself is lib/client-address.ts.
// (Kept apart so tests can stand in for the request with a fixed address.)
import { headers } from "next/headers";
import { clientIpFrom } from "@/lib/client-address";

/** The caller's address for per-IP limits and logs (see clientIpFrom). */
export async function getClientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
