// Requests Next.js cannot parse, refused before it sees them: a path with bad percent-encoding ("/u/%FF",
// "/t/%C0%AF") makes Next.js answer a bare 500 without the security headers. Here they get a 400 with them, and a
// friendly page (or JSON under /api). Called for every request by lib/peer-address.ts's server hook.
import type http from "node:http";
import { randomUUID } from "node:crypto";
import { contentSecurityPolicy } from "@/lib/content-security-policy";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { SECURITY_HEADERS } from "@/lib/security-headers.mjs";

/** Why a request target cannot be served, or null when it can. */
export function malformedTarget(target: string | undefined): string | null {
  if (!target || (!target.startsWith("/") && target !== "*")) return "The address is not a path.";
  const url = URL.parse(target, "http://agora.invalid");
  if (!url) return "The address cannot be read.";
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return "The address has a malformed percent-encoding (such as %FF or a cut-off %E0%A4).";
  }
  return null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 400 answer itself: security headers, a request id, and a page or JSON naming the problem. */
export function badRequestResponse(path: string | undefined, accept: string | undefined, message: string) {
  const requestId = randomUUID();
  const nonce = Buffer.from(requestId).toString("base64");
  const json = (path ?? "").startsWith("/api/") || !/text\/html/.test(accept ?? "");
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value]));
  headers["content-security-policy"] = contentSecurityPolicy(nonce);
  headers[REQUEST_ID_HEADER] = requestId;
  headers["cache-control"] = "no-store";
  if (json) {
    headers["content-type"] = "application/json";
    return { headers, body: JSON.stringify({ error: { code: "bad_request", message } }) };
  }
  headers["content-type"] = "text/html; charset=utf-8";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad request · Agora</title><style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#9cf}}</style></head><body><h1>That address doesn’t work</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the front page</a></p><p><small>Reference: ${requestId}</small></p></body></html>`;
  return { headers, body };
}

/** Answers a malformed request with a 400 and returns true; false (untouched) when Next.js can serve it. */
export function refuseMalformed(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const problem = malformedTarget(request.url);
  if (!problem) return false;
  const { headers, body } = badRequestResponse(request.url, request.headers.accept, problem);
  response.writeHead(400, headers);
  response.end(body);
  request.resume();
  return true;
}
