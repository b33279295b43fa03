// How large a request body Agora accepts, enforced in proxy.ts with a 413 in the house error shape (Next.js's own
// server-action limit answers an oversized body with a bare 500). next.config.js repeats the numbers (it cannot
// import TypeScript); lib/request-size.test.ts keeps the two in step.

/**
 * Server actions (every POST to a page). The largest legitimate form is a comment at its textarea's limit:
 * 20,000 UTF-16 units (twice COMMENT_MAX_LENGTH, so an over-long paste gets its message), up to 3 bytes each in
 * UTF-8, sent twice by useActionState (the form, and the refused previous state echoing it back): ~120 KB.
 */
export const ACTION_BODY_LIMIT_BYTES = 160 * 1024;

/** Route handlers under /api: Auth.js's credential form is the largest (email, password, callback path, token), under 10 KB. */
export const API_BODY_LIMIT_BYTES = 16 * 1024;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function bodyLimitFor(pathname: string): number {
  return pathname === "/api" || pathname.startsWith("/api/") ? API_BODY_LIMIT_BYTES : ACTION_BODY_LIMIT_BYTES;
}

export function describeLimit(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/**
 * Whether a request's body is over `limit`: by its Content-Length when it declares one, otherwise (a chunked
 * body) by counting it as it arrives, stopping at the first byte past the limit. Reads the proxy's copy of the
 * body; the route's own copy is untouched.
 */
export async function isBodyTooLarge(request: { method: string; headers: Headers; body: ReadableStream<Uint8Array> | null }, limit: number): Promise<boolean> {
  if (!BODY_METHODS.has(request.method.toUpperCase())) return false;
  const declared = request.headers.get("content-length");
  if (declared !== null && declared.trim() !== "") return !(Number(declared) <= limit);
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return true;
    }
  }
}
