import { NextResponse, type NextRequest } from "next/server";
import { isCacheRender, isCacheable, sharedAnonymousCache, withNonce } from "@/lib/anonymous-page-cache";
import { contentSecurityPolicy } from "@/lib/content-security-policy";
import { dropUnusableCallbackCookies, isUsableCallbackUrl } from "@/lib/auth-callback-url";
import { isAllowedOrigin } from "@/lib/request-origin";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { bodyLimitFor, describeLimit, isBodyTooLarge } from "@/lib/request-size";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import { requestHostFrom } from "@/lib/client-address";

// The process's one cache (on globalThis), which a moderator's action empties (lib/anonymous-cache-purge.ts).
const anonymousCache = env.ANONYMOUS_CACHE_SECONDS > 0 ? sharedAnonymousCache(env.ANONYMOUS_CACHE_SECONDS * 1000) : null;

// Runs before every page, action and route. Authorization does not live here: every action and page
// checks the caller itself, so a request that skips this layer still reaches nothing it should not.
export async function proxy(request: NextRequest) {
  // The header behind the 2025 middleware bypass (CVE-2025-29927) has no business coming from outside.
  if (request.headers.has("x-middleware-subrequest")) {
    return NextResponse.json({ error: { code: "bad_request", message: "Request refused." } }, { status: 400 });
  }
  // A NUL in a path or query reaches database lookups as text, which PostgreSQL refuses with an error (a 500).
  if (/%00/.test(request.nextUrl.pathname + request.nextUrl.search)) {
    return NextResponse.json({ error: { code: "bad_request", message: "Request refused." } }, { status: 400 });
  }
  // X-Forwarded-Host and -Proto as far as a trusted proxy vouches for them (TRUST_PROXY, lib/client-ip.ts): what
  // every later reader (Auth.js, Next.js, the anonymous cache, siteOrigin) sees. Otherwise the Host header, and no
  // forwarded host at all when that is no host either ("a b" would throw in new URL() on every page).
  const forwarded = requestHostFrom(request.headers);
  const requestHeaders = new Headers(request.headers);
  if (forwarded.host) requestHeaders.set("x-forwarded-host", forwarded.host);
  else requestHeaders.delete("x-forwarded-host");
  requestHeaders.set("x-forwarded-proto", forwarded.proto);

  if (!isAllowedOrigin({ method: request.method, headers: requestHeaders })) {
    return NextResponse.json({ error: { code: "forbidden", message: "Cross-site request refused." } }, { status: 403 });
  }
  // Next.js answers an oversized server action with a bare 500, and buffers a route's body before anything looks.
  const limit = bodyLimitFor(request.nextUrl.pathname);
  if (await isBodyTooLarge(request, limit)) {
    const message = `The request is too large: at most ${describeLimit(limit)}.`;
    return NextResponse.json({ error: { code: "payload_too_large", message } }, { status: 413 });
  }
  // A server action's arguments come as JSON (text/plain) or a multipart form; JSON that does not parse ("[{")
  // makes Next.js answer a bare 500.
  if (request.headers.has("next-action") && !request.bodyUsed && /^text\/plain\b/i.test(request.headers.get("content-type") ?? "")) {
    const text = await request
      .clone()
      .text()
      .catch(() => null);
    if (text === null || !isJson(text)) {
      return NextResponse.json({ error: { code: "bad_request", message: "The action's arguments are not valid JSON." } }, { status: 400 });
    }
  }
  // Auth.js answers a callback URL it cannot parse with a 500: refuse it here instead, or drop the cookie holding it.
  const { origin, pathname, searchParams } = request.nextUrl;
  if (pathname.startsWith("/api/auth/") && searchParams.getAll("callbackUrl").some((url) => !isUsableCallbackUrl(url, origin))) {
    return NextResponse.json({ error: { code: "bad_request", message: "Invalid callback URL." } }, { status: 400 });
  }
  const cookies = dropUnusableCallbackCookies(request.headers.get("cookie"), origin);

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  // One id per request, in the logs (instrumentation.ts) and on the response, so a user's report can be matched.
  // Always ours: a client-sent id is replaced, so nobody can write into the logs or borrow another's id.
  const requestId = crypto.randomUUID();

  // A signed-out reader's page from the anonymous cache (lib/anonymous-page-cache.ts), with this answer's own nonce.
  const pageRequest = { method: request.method, url: request.nextUrl, headers: requestHeaders };
  if (anonymousCache && forwarded.host && !cookies.dropped.length && isCacheable(pageRequest)) {
    const page = await anonymousCache.get(pageRequest);
    metrics().anonymousCache.inc({ result: page ? "hit" : "miss" });
    if (page) {
      const { body, headers } = withNonce(page, nonce);
      headers.set("content-security-policy", policy);
      headers.set(REQUEST_ID_HEADER, requestId);
      return new NextResponse(body, { status: 200, headers });
    }
  }

  if (cookies.dropped.length) requestHeaders.set("cookie", cookies.header ?? "");
  // The cache's own render is a signed-out reader's: whatever else came with it, no cookie goes through.
  if (isCacheRender(request.headers)) requestHeaders.delete("cookie");
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const name of cookies.dropped) response.cookies.delete(name);
  return response;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
