// TRUST_PROXY: which hops in front of Agora may speak for the client (lib/client-ip.ts reads it).
//   unset or "" or "0"   no proxy: the socket's address is the client, X-Forwarded-* headers are ignored
//   a whole number n     the n nearest hops are proxies (n = 1: one nginx in front)
//   a list               addresses and CIDRs, "loopback" and "private" as shorthands, comma-separated:
//                        a hop is a proxy when its address is in the list
import net from "node:net";

export type TrustProxy = { hops: number } | { list: net.BlockList; source: string };

const SHORTHANDS: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** "::ffff:10.0.0.1" (an IPv4 address on a dual-stack socket) as "10.0.0.1"; null for anything not an address. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return net.isIP(address) ? address : null;
}

/** Parses TRUST_PROXY; throws a message naming the bad entry (lib/env.ts reports it as the variable's problem). */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false") return { hops: 0 };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 20) throw new Error("a hop count must be at most 20");
    return { hops };
  }
  const list = new net.BlockList();
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    for (const item of SHORTHANDS[entry.toLowerCase()] ?? [entry]) {
      const [address, prefix] = item.split("/");
      const family = net.isIP(address ?? "");
      if (!family) throw new Error(`"${entry}" is not an address, a CIDR, "loopback" or "private"`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) list.addAddress(address!, type);
      else {
        const bits = Number(prefix);
        if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has a bad prefix length`);
        list.addSubnet(address!, bits, type);
      }
    }
  }
  return { list, source: value };
}

/** Whether the hop at `index` (0: the socket's peer, 1: the address that peer forwarded, …) is a trusted proxy. */
export function isTrustedHop(trust: TrustProxy, address: string, index: number): boolean {
  if ("hops" in trust) return index < trust.hops;
  return trust.list.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/** Whether a Host or X-Forwarded-Host value is a host name or address, with an optional port, and nothing else. */
export function isHost(value: string): boolean {
  return /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(value) && URL.canParse(`http://${value}`);
}
