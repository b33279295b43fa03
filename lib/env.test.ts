import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

const base = { DATABASE_URL: "file:./prisma/test.db", NODE_ENV: "test" } as const;

describe("OpenID Connect configuration", () => {
  it("is off when none of it is set, with a default button name", () => {
    const env = readEnv({ ...base });
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env.OIDC_NAME).toBe("single sign-on");
  });

  it("takes an issuer, a client and a name", () => {
    const env = readEnv({
      ...base,
      OIDC_ISSUER: "https://sso.example.org/realms/agora",
      OIDC_CLIENT_ID: "agora",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_NAME: " Example SSO ",
    });
    expect(env).toMatchObject({ OIDC_ISSUER: "https://sso.example.org/realms/agora", OIDC_CLIENT_ID: "agora", OIDC_NAME: "Example SSO" });
  });

  it("refuses half a provider, naming what is missing", () => {
    expect(() => readEnv({ ...base, OIDC_ISSUER: "https://sso.example.org" })).toThrow(
      /OIDC_CLIENT_ID: must be set too[\s\S]*OIDC_CLIENT_SECRET: must be set too/,
    );
    expect(() => readEnv({ ...base, OIDC_CLIENT_ID: "agora", OIDC_CLIENT_SECRET: "s3cret" })).toThrow(/OIDC_ISSUER: must be set too/);
  });

  it("refuses an issuer that is not an http(s) URL", () => {
    for (const issuer of ["sso.example.org", "javascript:alert(1)", "ftp://sso.example.org"]) {
      expect(() => readEnv({ ...base, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "agora", OIDC_CLIENT_SECRET: "s3cret" }), issuer).toThrow(
        /OIDC_ISSUER: must be an http\(s\) URL/,
      );
    }
  });
});

describe("moderation and rate-limit settings", () => {
  it("have working defaults", () => {
    const env = readEnv({ ...base });
    expect(env.RATE_LIMIT_COMMENT_USER).toEqual({ points: 10, duration: 60 });
    expect(env.PREMODERATION_FIRST_COMMENTS).toBe(0);
    expect(env.ADMIN_EMAILS).toEqual([]);
    expect(env.LIVE_UPDATES_POLL_SECONDS).toBe(15);
  });

  it("read a limit as points per seconds, and the admins' addresses as a trimmed, lower-cased list", () => {
    const env = readEnv({ ...base, RATE_LIMIT_REPORT_USER: "5/600", ADMIN_EMAILS: " Ann@Example.org, ,bo@example.org " });
    expect(env.RATE_LIMIT_REPORT_USER).toEqual({ points: 5, duration: 600 });
    expect(env.ADMIN_EMAILS).toEqual(["ann@example.org", "bo@example.org"]);
  });

  it.each([
    ["RATE_LIMIT_COMMENT_USER", "ten a minute"],
    ["PREMODERATION_FIRST_COMMENTS", "-1"],
    ["LIVE_UPDATES_POLL_SECONDS", "0"],
    ["BENCH_METRICS", "yes"],
  ])("refuse %s=%j at start, naming it", (name, value) => {
    expect(() => readEnv({ ...base, [name]: value })).toThrow(new RegExp(name));
  });
});
