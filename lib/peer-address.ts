// The socket's remote address, on every request: Next.js keeps a client's own X-Forwarded-For as it is, so
// without this nobody could tell the address that connected from the one it claims to speak for.
// instrumentation.ts installs it once per server process, before the first request is handled.
import http from "node:http";
import { refuseMalformed } from "@/lib/request-gate";

/** Written on every request by the server itself, over any value a client sent under this name. */
export const PEER_ADDRESS_HEADER = "x-agora-peer-address";

const INSTALLED = Symbol.for("agora.peerAddressInstalled");
type WithFlag = typeof globalThis & { [INSTALLED]?: boolean };

export function isPeerAddressInstalled(): boolean {
  return (globalThis as WithFlag)[INSTALLED] === true;
}

/** Makes every HTTP server of this process stamp each request with its socket's address, and refuse unparseable ones. */
export function installPeerAddress(): void {
  const shared = globalThis as WithFlag;
  if (shared[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: any[]) {
    if (event === "request" || event === "upgrade") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
      // A request Next.js cannot parse gets its 400 here (lib/request-gate.ts) and goes no further.
      if (event === "request" && refuseMalformed(request, args[1] as http.ServerResponse)) return true;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  shared[INSTALLED] = true;
}
