import { describe, expect, it } from "vitest";
import { clientIpFrom, isForwardingTrusted, requestHostFrom } from "./client-address";
import { installPeerAddress, PEER_ADDRESS_HEADER } from "./peer-address";
import { siteOrigin } from "./site-url";
import { parseTrustProxy } from "./trust-proxy";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

installPeerAddress();
const none = parseTrustProxy(undefined);
const oneHop = parseTrustProxy("1");
const loopback = parseTrustProxy("loopback, 10.0.0.0/8");

const from = (peer: string, extra: Record<string, string> = {}) => new Headers({ [PEER_ADDRESS_HEADER]: peer, host: "127.0.0.1:3000", ...extra });

describe("clientIpFrom", () => {
  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientIpFrom(from("203.0.113.5", { "x-forwarded-for": "1.2.3.4" }), none)).toBe("203.0.113.5");
    expect(clientIpFrom(from("::ffff:203.0.113.5"), none)).toBe("203.0.113.5");
  });

  it("takes X-Forwarded-For's entries only through trusted hops (a count)", () => {
    // nginx appends the address it saw; what the client itself sent sits to the left and is not believed.
    expect(clientIpFrom(from("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" }), oneHop)).toBe("198.51.100.7");
    expect(clientIpFrom(from("127.0.0.1"), oneHop)).toBe("127.0.0.1");
  });

  it("takes X-Forwarded-For's entries only through trusted hops (a list)", () => {
    expect(clientIpFrom(from("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.1.1" }), loopback)).toBe("198.51.100.7");
    // An untrusted peer speaks for nobody.
    expect(clientIpFrom(from("198.51.100.9", { "x-forwarded-for": "10.1.1.1" }), loopback)).toBe("198.51.100.9");
    // A trusted hop passing on garbage: the nearest real address.
    expect(clientIpFrom(from("127.0.0.1", { "x-forwarded-for": "not an ip" }), loopback)).toBe("127.0.0.1");
  });

  it("knows no client without the socket address (the server always writes it: lib/peer-address.ts)", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "1.2.3.4" }), loopback)).toBe("unknown");
  });
});

describe("requestHostFrom and siteOrigin", () => {
  const evil = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  it("ignore X-Forwarded-Host and -Proto from a peer that is not a trusted proxy", () => {
    expect(isForwardingTrusted(from("198.51.100.9", evil), loopback)).toBe(false);
    expect(requestHostFrom(from("198.51.100.9", evil), loopback)).toEqual({ host: "127.0.0.1:3000", proto: "http" });
    overrideEnv({ AUTH_URL: undefined });
    try {
      expect(siteOrigin(from("198.51.100.9", evil), none)).toBe("http://127.0.0.1:3000");
      expect(siteOrigin(from("127.0.0.1", evil), loopback)).toBe("https://evil.example");
    } finally {
      resetEnv();
    }
  });

  it("believe them from a trusted proxy", () => {
    expect(requestHostFrom(from("127.0.0.1", evil), oneHop)).toEqual({ host: "evil.example", proto: "https" });
  });
});

describe("parseTrustProxy", () => {
  it.each(["banana", "10.0.0.0/99", "300.1.1.1", "21"])("refuses %j", (value) => {
    expect(() => parseTrustProxy(value)).toThrow();
  });
});
