/** Whether a Host or X-Forwarded-Host value is a host name or address, with an optional port, and nothing else. */
export function isHost(value: string): boolean {
  return /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(value) && URL.canParse(`http://${value}`);
}

/**
 * The forum's public origin, for links that leave the page (feeds, Open Graph): AUTH_URL when the operator
 * set it, otherwise the host the request came to (X-Forwarded-Host/-Proto from a proxy, as Auth.js trusts).
 */
export function siteOrigin(headers: Headers): string {
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed AUTH_URL fails Auth.js loudly; here the request's own host is a fine fallback.
    }
  }
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  // Any client can send these headers: one that is no host ("a b") must not reach new URL() (a 500 on every page).
  for (const host of [headers.get("x-forwarded-host"), headers.get("host"), "localhost:3000"]) {
    if (host && isHost(host)) return new URL(`${proto}://${host}`).origin;
  }
  return "http://localhost:3000";
}
