/** The header carrying a request's id: set by proxy.ts on the request (for logs) and on the response (for users). */
export const REQUEST_ID_HEADER = "x-request-id";

/** The request id out of a header bag such as instrumentation's onRequestError receives. */
export function requestIdFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const value = headers[REQUEST_ID_HEADER];
  return Array.isArray(value) ? value[0] : value;
}
