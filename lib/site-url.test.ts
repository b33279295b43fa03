import { afterEach, describe, expect, it } from "vitest";
import { isHost, siteOrigin } from "./site-url";
import { parseTrustProxy } from "./trust-proxy";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

const trustAll = parseTrustProxy("1");

afterEach(resetEnv);

describe("siteOrigin", () => {
  it("uses the forwarded host and protocol a trusted proxy sends", () => {
    overrideEnv({ AUTH_URL: undefined });
    const headers = new Headers({
      host: "127.0.0.1:3000",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": "agora.example.org",
      "x-forwarded-proto": "https",
    });
    expect(siteOrigin(headers, trustAll)).toBe("https://agora.example.org");
    expect(siteOrigin(headers, parseTrustProxy(""))).toBe("http://127.0.0.1:3000");
  });

  it.each([["a b"], ["[::1]:99999"], ["evil.example/path?x"], ["@"]])(
    "never fails on a forwarded host that is no host (%j): the request's own host instead",
    (forwarded) => {
      overrideEnv({ AUTH_URL: undefined });
      const origin = siteOrigin(new Headers({ host: "127.0.0.1:3000", "x-forwarded-for": "127.0.0.1", "x-forwarded-host": forwarded }), trustAll);
      expect(() => new URL(origin)).not.toThrow();
      expect(new URL(origin).origin).toBe(origin);
    },
  );

  it("prefers AUTH_URL when the operator set it", () => {
    overrideEnv({ AUTH_URL: "https://forum.example.org/some/path" });
    expect(siteOrigin(new Headers({ host: "a b" }))).toBe("https://forum.example.org");
  });
});

describe("isHost", () => {
  it.each([
    ["agora.example.org", true],
    ["localhost:3000", true],
    ["127.0.0.1:3230", true],
    ["[::1]:3000", true],
    ["a b", false],
    ["evil.example/path", false],
    ["user@evil.example", false],
    ["[::1]:99999", false],
    ["", false],
  ])("%j → %s", (value, expected) => {
    expect(isHost(value)).toBe(expected);
  });
});
