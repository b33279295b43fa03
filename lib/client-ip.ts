import { headers } from "next/headers";

/**
 * The caller's address for per-IP limits. Next.js fills X-Forwarded-For from the socket when a request
 * has none; behind a reverse proxy, the proxy must overwrite the header (see README: Deployment).
 */
export async function getClientIp(): Promise<string> {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || list.get("x-real-ip") || "unknown";
}
