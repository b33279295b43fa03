// Runs a request through proxy.ts and then, if the proxy lets it pass, through a route handler with the request
// headers the proxy rewrote: what `next start` does, minus the network.
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

type Handler = (request: NextRequest) => Promise<Response> | Response;

/** `makeRequest` is called twice when the proxy passes the request on: the proxy may have read the first body. */
export async function throughProxy(makeRequest: () => NextRequest, handler: Handler): Promise<Response> {
  const request = makeRequest();
  const verdict = await proxy(request);
  if (verdict.headers.get("x-middleware-next") !== "1") return verdict;

  const original = makeRequest();
  // NextResponse.next({ request: { headers } }) names the full new header set and carries each value.
  const names = verdict.headers.get("x-middleware-override-headers")?.split(",").filter(Boolean);
  const headers = names ? new Headers() : new Headers(original.headers);
  for (const name of names ?? []) headers.set(name, verdict.headers.get(`x-middleware-request-${name}`) ?? "");
  const body = original.body ? await original.arrayBuffer() : undefined;
  return handler(new NextRequest(original.url, { method: original.method, headers, body }));
}
