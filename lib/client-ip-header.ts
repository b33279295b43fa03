/**
 * The caller's address for per-IP limits, from a request's headers. Next.js fills X-Forwarded-For from the socket
 * when a request has none; behind a reverse proxy, the proxy must overwrite the header (see README: Deployment).
 */
export function clientIpFrom(list: Headers): string {
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || list.get("x-real-ip") || "unknown";
}
