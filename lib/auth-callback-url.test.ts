import { describe, expect, it } from "vitest";
import { dropUnusableCallbackCookies, isUsableCallbackUrl } from "./auth-callback-url";

const ORIGIN = "http://localhost:3000";

describe("isUsableCallbackUrl (what Auth.js accepts without a 500)", () => {
  it.each([
    ["/t/abc", true],
    ["//evil.example/", true],
    ["https://evil.example/", true],
    ["http://localhost:3000/t/abc", true],
    ["abc", false],
    ["../../etc/passwd", false],
    ["javascript:alert(1)", false],
    ["", false],
  ])("%j → %s", (url, expected) => {
    expect(isUsableCallbackUrl(url, ORIGIN)).toBe(expected);
  });
});

describe("dropUnusableCallbackCookies", () => {
  it("drops a forged callback-url cookie and keeps every other cookie byte for byte", () => {
    const header = "authjs.session-token=abc.def+ghi=; authjs.callback-url=abc; theme=dark%20mode";
    expect(dropUnusableCallbackCookies(header, ORIGIN)).toEqual({
      header: "authjs.session-token=abc.def+ghi=; theme=dark%20mode",
      dropped: ["authjs.callback-url"],
    });
  });

  it("keeps the cookie Auth.js itself sets, percent-encoded", () => {
    const header = "__Secure-authjs.callback-url=http%3A%2F%2Flocalhost%3A3000%2Ft%2Fabc";
    expect(dropUnusableCallbackCookies(header, ORIGIN)).toEqual({ header, dropped: [] });
  });

  it("drops one that does not decode, and leaves a request without cookies alone", () => {
    expect(dropUnusableCallbackCookies("authjs.callback-url=%E0%A4%A", ORIGIN).dropped).toEqual(["authjs.callback-url"]);
    expect(dropUnusableCallbackCookies(null, ORIGIN)).toEqual({ header: null, dropped: [] });
  });
});
