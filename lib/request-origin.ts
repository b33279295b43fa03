const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type RequestLike = { method: string; headers: Headers };

/**
 * Whether a state-changing request may proceed: a foreign Origin is refused, and so is a missing Origin
 * unless the browser vouches with Sec-Fetch-Site: same-origin (Next.js itself only warns on a missing Origin).
 */
export function isAllowedOrigin(request: RequestLike): boolean {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const origin = request.headers.get("origin");
  if (origin) {
    try {
      return host !== null && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}
