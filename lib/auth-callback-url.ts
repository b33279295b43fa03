// Auth.js answers a callback URL it cannot parse (in the query, or in its callback-url cookie) with a 500
// "server configuration" error, on every route and on every page that reads the session. proxy.ts refuses
// such a query with a 400 and drops such a cookie before Auth.js sees it.

/** The cookie Auth.js keeps the post-sign-in destination in (the __Secure- one over HTTPS). */
export const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"] as const;

/** What Auth.js accepts as a callback URL (its assertConfig): a path, or an absolute http(s) URL. */
export function isUsableCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * A Cookie header without any callback-url cookie Auth.js would choke on, and the names of those dropped (for
 * the response to expire). Other cookies are kept byte for byte.
 */
export function dropUnusableCallbackCookies(cookieHeader: string | null, origin: string): { header: string | null; dropped: string[] } {
  if (!cookieHeader) return { header: cookieHeader, dropped: [] };
  const dropped: string[] = [];
  const kept = cookieHeader.split(";").filter((pair) => {
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator === -1 ? undefined : separator).trim();
    if (!(CALLBACK_URL_COOKIES as readonly string[]).includes(name)) return true;
    let value = separator === -1 ? "" : pair.slice(separator + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Undecodable: Auth.js's cookie parser keeps it as it is, and so does this check.
    }
    if (isUsableCallbackUrl(value, origin)) return true;
    dropped.push(name);
    return false;
  });
  return { header: dropped.length ? kept.join(";").trim() : cookieHeader, dropped };
}
