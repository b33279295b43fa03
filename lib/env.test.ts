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
    const env = readEnv({ ...base, OIDC_ISSUER: "https://sso.example.org/realms/agora", OIDC_CLIENT_ID: "agora", OIDC_CLIENT_SECRET: "s3cret", OIDC_NAME: " Example SSO " });
    expect(env).toMatchObject({ OIDC_ISSUER: "https://sso.example.org/realms/agora", OIDC_CLIENT_ID: "agora", OIDC_NAME: "Example SSO" });
  });

  it("refuses half a provider, naming what is missing", () => {
    expect(() => readEnv({ ...base, OIDC_ISSUER: "https://sso.example.org" })).toThrow(/OIDC_CLIENT_ID: must be set too[\s\S]*OIDC_CLIENT_SECRET: must be set too/);
    expect(() => readEnv({ ...base, OIDC_CLIENT_ID: "agora", OIDC_CLIENT_SECRET: "s3cret" })).toThrow(/OIDC_ISSUER: must be set too/);
  });

  it("refuses an issuer that is not an http(s) URL", () => {
    for (const issuer of ["sso.example.org", "javascript:alert(1)", "ftp://sso.example.org"]) {
      expect(() => readEnv({ ...base, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "agora", OIDC_CLIENT_SECRET: "s3cret" }), issuer).toThrow(/OIDC_ISSUER: must be an http\(s\) URL/);
    }
  });
});
