import { requestHostFrom } from "@/lib/client-address";
import type { TrustProxy } from "@/lib/trust-proxy";
import { env } from "@/lib/env";

export { isHost } from "@/lib/trust-proxy";

/** The public URL the operator configured (AUTH_URL), as an origin; null when unset or unusable. */
export function configuredOrigin(): string | null {
  const configured = env.AUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    // A malformed AUTH_URL fails Auth.js loudly; here the request's own host is a fine fallback.
    return null;
  }
}

/**
 * The forum's public origin, for links that leave the page (feeds, canonical and Open Graph tags): AUTH_URL when
 * the operator set it, otherwise the address the request came to, X-Forwarded-Host/-Proto counting only when a
 * trusted proxy (TRUST_PROXY) sent them (lib/client-ip.ts).
 */
export function siteOrigin(headers: Headers, trust?: TrustProxy): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  const { host, proto } = requestHostFrom(headers, trust);
  return new URL(`${proto}://${host ?? "localhost:3000"}`).origin;
}
