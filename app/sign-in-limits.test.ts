// Sign-in and sign-up limits as an attacker meets them: the real Auth.js, the real database, the caller's address
// taken from X-Forwarded-For (next/headers is mocked: next-auth reads the request through it).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => {
  process.env.AUTH_SECRET = "limits-secret-limits-secret-limits-secret";
  return { ip: "10.0.0.1", cookies: new Map<string, string>() };
});
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("@/lib/testing/cookie-jar");
  return {
    headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": request.ip }),
    cookies: async () => cookieJar(request.cookies),
  };
});

import { SIGNIN_SLOWDOWN_MS } from "@/lib/auth";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createUserWithPassword } from "@/lib/queries/users";
import { callAction } from "@/lib/testing/action-harness";
import { signInAction, signUpAction } from "@/lib/actions/auth";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

const PASSWORD = "the owner's password";
let email = "";

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

beforeEach(async () => {
  resetEnv();
  request.cookies.clear();
  email = `owner-${crypto.randomUUID()}@example.test`;
  await createUserWithPassword({ name: `Owner ${email.slice(0, 12)}`, email, passwordHash: await hashPassword(PASSWORD) });
});

describe("sign-in limits", () => {
  it("wrong passwords from one address make that address wait, while the owner signs in from another at once", async () => {
    request.ip = randomIp();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await callAction(signInAction, { email, password: `wrong ${attempt}` })).toMatchObject({ ok: false, message: "Email or password is incorrect." });
    }
    const blocked = await callAction(signInAction, { email, password: PASSWORD });
    expect(blocked.message).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes?\.$/);

    request.ip = randomIp();
    const owner = await callAction(signInAction, { email, password: PASSWORD });
    expect(owner.redirectedTo).toBeDefined();
    expect(await db.session.count({ where: { user: { email } } })).toBe(1);
  });

  it("once the account has had too many failures from everywhere, each attempt is slowed, never refused: the owner still gets in", async () => {
    overrideEnv({ RATE_LIMIT_SIGNIN_ACCOUNT: "3/900" });
    for (let attempt = 0; attempt < 4; attempt++) {
      request.ip = randomIp();
      await callAction(signInAction, { email, password: `wrong ${attempt}` });
    }
    request.ip = randomIp();
    const started = Date.now();
    const owner = await callAction(signInAction, { email, password: PASSWORD });
    expect(owner.redirectedTo).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SIGNIN_SLOWDOWN_MS - 50);
  }, 30_000);
});

describe("sign-up limit", () => {
  it("refuses an address its third account within the hour (limit 2), in writing, creating nothing; another address signs up", async () => {
    overrideEnv({ RATE_LIMIT_SIGNUP_IP: "2/3600" });
    request.ip = randomIp();
    const signUp = () =>
      callAction(signUpAction, {
        name: `Newcomer ${crypto.randomUUID().slice(0, 8)}`,
        email: `new-${crypto.randomUUID()}@example.test`,
        password: "a long enough password",
      });
    expect((await signUp()).redirectedTo).toBeDefined();
    expect((await signUp()).redirectedTo).toBeDefined();
    const users = await db.user.count();
    const refused = await signUp();
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/^Too many new accounts from your address\. Try again in \d+ minutes?\.$/);
    expect(await db.user.count()).toBe(users);
    request.ip = randomIp();
    expect((await signUp()).redirectedTo).toBeDefined();
  }, 30_000);
});
