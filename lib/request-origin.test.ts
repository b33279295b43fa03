import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./request-origin";

const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers({ host: "agora.example", ...headers }) });

describe("isAllowedOrigin", () => {
  it.each([
    ["a same-origin POST", request("POST", { origin: "https://agora.example" }), true],
    ["a POST from another site", request("POST", { origin: "https://evil.example" }), false],
    ["a POST from a look-alike port", request("POST", { origin: "https://agora.example:8443" }), false],
    ["a POST with a garbage Origin", request("POST", { origin: "null" }), false],
    ["a POST with no Origin and no Sec-Fetch-Site", request("POST", {}), false],
    ["a POST with no Origin, cross-site fetch metadata", request("POST", { "sec-fetch-site": "cross-site" }), false],
    ["a POST with no Origin, same-origin fetch metadata", request("POST", { "sec-fetch-site": "same-origin" }), true],
    ["a DELETE from another site", request("DELETE", { origin: "https://evil.example" }), false],
    ["a GET from anywhere", request("GET", { origin: "https://evil.example" }), true],
  ])("%s → %s", (_name, req, expected) => {
    expect(isAllowedOrigin(req)).toBe(expected);
  });

  it("compares with the forwarded host behind a proxy", () => {
    expect(isAllowedOrigin(request("POST", { origin: "https://public.example", "x-forwarded-host": "public.example" }))).toBe(true);
  });
});
