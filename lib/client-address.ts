// The client's address and the address it reached us at, as far as trusted proxies (TRUST_PROXY) vouch for them,
// read from a request's headers. Every per-IP limit and log asks here (or lib/client-ip.ts for the current
// request); nothing else reads X-Forwarded-For, X-Forwarded-Host or -Proto.
//
// The socket's own address comes from lib/peer-address.ts (installed by instrumentation.ts), which writes it on
// every request in PEER_ADDRESS_HEADER, over anything a client sent under that name.
import { env } from "@/lib/env";
import { isCacheRender } from "@/lib/anonymous-page-cache";
import { isHost, isTrustedHop, normalizeAddress, parseTrustProxy, type TrustProxy } from "@/lib/trust-proxy";
import { PEER_ADDRESS_HEADER, isPeerAddressInstalled } from "@/lib/peer-address";

let parsed: { raw: string | undefined; trust: TrustProxy } | undefined;
function trustProxy(): TrustProxy {
  if (!parsed || parsed.raw !== env.TRUST_PROXY) parsed = { raw: env.TRUST_PROXY, trust: parseTrustProxy(env.TRUST_PROXY) };
  return parsed.trust;
}

/** The addresses a request came through, nearest first: the socket's peer, then X-Forwarded-For from right to left. */
function hops(list: Headers): { peer: string | null; forwarded: string[] } {
  const forwarded = (list.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  if (isPeerAddressInstalled()) return { peer: normalizeAddress(list.get(PEER_ADDRESS_HEADER)), forwarded };
  // Without the socket's address (a unit test, a server not started by instrumentation.ts), Next.js's own
  // X-Forwarded-For (the socket's address when the client sent none) is the best there is: its last entry.
  const [last, ...rest] = forwarded;
  return { peer: normalizeAddress(last), forwarded: rest };
}

/** The client's address: the nearest hop that is not a trusted proxy; "unknown" when there is none to read. */
export function clientIpFrom(list: Headers, trust: TrustProxy = trustProxy()): string {
  const { peer, forwarded } = hops(list);
  if (!peer) return "unknown";
  let client = peer;
  let index = 0;
  while (isTrustedHop(trust, client, index) && index < forwarded.length) {
    const next = normalizeAddress(forwarded[index]);
    // A trusted proxy passed on something that is no address: the proxy's own is the most specific one there is.
    if (!next) break;
    client = next;
    index++;
  }
  return client;
}

/** Whether the socket's peer is a trusted proxy, whose X-Forwarded-Host and -Proto therefore count. */
export function isForwardingTrusted(list: Headers, trust: TrustProxy = trustProxy()): boolean {
  const { peer } = hops(list);
  return peer !== null && isTrustedHop(trust, peer, 0);
}

/**
 * The host and protocol the client reached us at: X-Forwarded-Host/-Proto from a trusted proxy, else the Host
 * header and plain http (Agora itself speaks no TLS). The host is null when there is no usable one.
 */
export function requestHostFrom(list: Headers, trust: TrustProxy = trustProxy()): { host: string | null; proto: "http" | "https" } {
  // The anonymous cache's own render (lib/anonymous-page-cache.ts) forwards what was already worked out here.
  const trusted = isCacheRender(list) || isForwardingTrusted(list, trust);
  const forwardedHost = trusted ? list.get("x-forwarded-host")?.trim() : undefined;
  const forwardedProto = trusted ? list.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const proto = forwardedProto === "https" ? "https" : "http";
  const host = [forwardedHost, list.get("host")].find((value): value is string => Boolean(value && isHost(value))) ?? null;
  return { host, proto };
}
