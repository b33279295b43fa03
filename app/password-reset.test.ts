// Forgotten password below the browser: the request and reset actions with the real Auth.js, the real database and
// a local SMTP server (lib/testing/smtp-sink.ts). next/headers is mocked (next-auth reads the request through it);
// next/server's after() runs its task at once and keeps its promise here.
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const sink = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("@/lib/testing/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  process.env.AUTH_URL = "https://agora.example.test";
  process.env.AUTH_SECRET = "reset-secret-reset-secret-reset-secret-reset";
  return started;
});
const request = vi.hoisted(() => ({ ip: "10.9.0.1", cookies: new Map<string, string>() }));
const background = vi.hoisted(() => ({ tasks: [] as Promise<unknown>[] }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => request.ip }));
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("@/lib/testing/cookie-jar");
  return {
    headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": request.ip }),
    cookies: async () => cookieJar(request.cookies),
  };
});
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => {
    background.tasks.push(task());
  },
}));

import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/password";
import { createSession, findActiveSessionUser } from "@/lib/queries/sessions";
import { hashAccountToken, PASSWORD_RESET_TTL_MS } from "@/lib/queries/password-resets";
import { callAction, databaseChanges, databaseState, DatabaseTracker, expectClearRefusal, expectDatabaseUnchanged } from "@/lib/testing/action-harness";
import { hostileForm, hostileText } from "@/lib/testing/hostile-input";
import { hashPassword } from "@/lib/password";
import { createUserWithPassword } from "@/lib/queries/users";
import { RESET_LINK_SENT, RESET_LINK_UNUSABLE } from "@/lib/validations/password-reset";
import { sendSignInLink } from "@/lib/sign-in-link";
import { requestPasswordResetAction, requestSignInLinkAction, resetPasswordAction } from "@/lib/actions/auth";
import { useEnv } from "@/lib/testing/env";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_RESET_IP: "100000/3600" });

const OLD_PASSWORD = "the old password";
const NEW_PASSWORD = "a fresh new password";
let member: { id: string; email: string };

async function settle() {
  await Promise.all(background.tasks.splice(0));
}

/** The token in the newest email's link. */
function tokenFromMail(text: string): string {
  const link = /https:\/\/agora\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
  expect(link, text).not.toBeNull();
  return link![1]!;
}

async function askForLink(email = member.email): Promise<string> {
  const answer = await callAction(requestPasswordResetAction, { email });
  expect(answer).toMatchObject({ ok: true, message: RESET_LINK_SENT });
  await settle();
  const [mail] = await sink.waitFor(1);
  return tokenFromMail(mail!.text);
}

beforeEach(async () => {
  request.ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  request.cookies.clear();
  const email = `reset-${crypto.randomUUID()}@example.test`;
  const user = await createUserWithPassword({ name: `Ada ${email.slice(6, 14)}`, email, passwordHash: await hashPassword(OLD_PASSWORD) });
  member = { id: user.id, email };
  await settle();
  sink.messages.length = 0;
});

afterAll(async () => {
  await settle();
  await sink.close();
});

describe("asking for a reset link", () => {
  it("emails a single-use link to a known address, and stores only the token's hash", async () => {
    const token = await askForLink();
    const [mail] = sink.messages;
    expect(mail!.to).toEqual([member.email]);
    expect(mail!.subject).toBe("Reset your Agora password");
    const rows = await db.accountToken.findMany({ where: { userId: member.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashAccountToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeCloseTo(PASSWORD_RESET_TTL_MS, -3);
  });

  it("answers an unknown address exactly as a known one, and sends nothing and stores no token", async () => {
    const before = await databaseState();
    const answer = await callAction(requestPasswordResetAction, { email: "nobody-here@example.test" });
    await settle();
    expect(answer).toEqual({ ok: true, message: RESET_LINK_SENT, values: { email: "nobody-here@example.test" } });
    expect(sink.messages).toEqual([]);
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
  });

  it("limits the emails per address: the fourth request in an hour is refused in writing, and sends nothing", async () => {
    for (let i = 0; i < 3; i++) await callAction(requestPasswordResetAction, { email: member.email });
    await settle();
    expect(sink.messages).toHaveLength(3);
    request.ip = "10.8.8.8";
    const answer = await callAction(requestPasswordResetAction, { email: member.email });
    await settle();
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(/^You're doing that too often\. Try again in \d+ minutes?\.$/);
    expect(sink.messages).toHaveLength(3);
  });
});

describe("asking for a sign-in link (the same email budget)", () => {
  it("emails a link on the public origin to a known address, nothing to an unknown one, and shares the reset's per-address limit", async () => {
    const known = await callAction(requestSignInLinkAction, { email: member.email, callbackUrl: "/" });
    // Auth.js sends the browser on to its verify-request page, which is ours (/signin/email/sent).
    expect(known.redirectedTo).toMatch(/\/api\/auth\/verify-request\?provider=nodemailer/);
    await settle();
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([member.email]);
    expect(mail!.text).toMatch(/https:\/\/agora\.example\.test\/api\/auth\/callback\/nodemailer\?\S*token=/);

    const unknown = await callAction(requestSignInLinkAction, { email: "nobody-at-all@example.test", callbackUrl: "/" });
    expect(unknown.redirectedTo).toBe(known.redirectedTo);
    await settle();
    expect(sink.messages).toHaveLength(1);

    // Two resets and the link make three emails for this address within the hour: the fourth ask is refused in
    // writing, from another client address too, and sends nothing.
    for (let i = 0; i < 2; i++) await callAction(requestPasswordResetAction, { email: member.email });
    await settle();
    expect(sink.messages).toHaveLength(3);
    request.ip = "10.8.8.9";
    const refused = await callAction(requestSignInLinkAction, { email: member.email, callbackUrl: "/" });
    await settle();
    expectClearRefusal(refused);
    expect(refused.message).toMatch(/^Too many emails were asked for\. Try again in \d+ minutes?\.$/);
    expect(sink.messages).toHaveLength(3);
    // Straight at Auth.js's endpoint (no form asking first), the provider still spends the limit and sends nothing.
    const direct = new Request("https://agora.example.test/api/auth/signin/nodemailer", { headers: { "x-forwarded-for": "10.8.8.10" } });
    await sendSignInLink({ identifier: member.email, url: "https://agora.example.test/api/auth/callback/nodemailer?token=x", request: direct });
    await settle();
    expect(sink.messages).toHaveLength(3);
  });
});

describe("using a reset link", () => {
  it("sets the new password, ends every session of the account, signs in the browser that used it, and confirms the address", async () => {
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).emailVerified).toBeNull();
    const elsewhere = await createSession(member.id);
    const token = await askForLink();
    const answer = await callAction(resetPasswordAction, { token, password: NEW_PASSWORD });
    expect(answer.redirectedTo).toBe("https://agora.example.test/");
    expect(await findActiveSessionUser(elsewhere)).toBeNull();
    const sessions = await db.session.findMany({ where: { userId: member.id } });
    expect(sessions).toHaveLength(1);
    const stored = await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { passwordHash: true, emailVerified: true } });
    expect(stored.emailVerified).not.toBeNull();
    expect(await verifyPassword(stored.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, OLD_PASSWORD)).toBe(false);
    expect([...request.cookies.keys()].some((name) => name.includes("session-token"))).toBe(true);
  });

  it("works once: a second use is refused and changes nothing", async () => {
    const token = await askForLink();
    await callAction(resetPasswordAction, { token, password: NEW_PASSWORD });
    const before = await databaseState();
    const again = await callAction(resetPasswordAction, { token, password: "somebody else's password" });
    expect(again).toMatchObject({ ok: false, message: RESET_LINK_UNUSABLE });
    await expectDatabaseUnchanged(before);
  });

  it("a newer link does not revive an older one once either was used", async () => {
    const first = await askForLink();
    sink.messages.length = 0;
    const second = await askForLink();
    await callAction(resetPasswordAction, { token: second, password: NEW_PASSWORD });
    expect(await callAction(resetPasswordAction, { token: first, password: "another password here" })).toMatchObject({
      ok: false,
      message: RESET_LINK_UNUSABLE,
    });
  });

  it("refuses an expired link (older than an hour) and changes nothing", async () => {
    const token = await askForLink();
    await db.accountToken.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await databaseState();
    expect(await callAction(resetPasswordAction, { token, password: NEW_PASSWORD })).toMatchObject({ ok: false, message: RESET_LINK_UNUSABLE });
    await expectDatabaseUnchanged(before);
  });

  it("refuses a forged token and a malformed one, changing nothing", async () => {
    await askForLink();
    const before = await databaseState();
    const forged = "A".repeat(43);
    expect(await callAction(resetPasswordAction, { token: forged, password: NEW_PASSWORD })).toMatchObject({ ok: false, message: RESET_LINK_UNUSABLE });
    expect(await callAction(resetPasswordAction, { token: "not a token", password: NEW_PASSWORD })).toMatchObject({
      ok: false,
      message: "This reset link is not valid.",
    });
    // The stored hash is no token either.
    const [row] = await db.accountToken.findMany({ where: { userId: member.id } });
    expect(await callAction(resetPasswordAction, { token: row!.tokenHash, password: NEW_PASSWORD })).toMatchObject({ ok: false });
    await expectDatabaseUnchanged(before);
  });

  it("refuses a too-short new password and keeps the link usable", async () => {
    const token = await askForLink();
    expect(await callAction(resetPasswordAction, { token, password: "short" })).toMatchObject({
      ok: false,
      fieldErrors: { password: ["Passwords are at least 8 characters."] },
    });
    expect((await callAction(resetPasswordAction, { token, password: NEW_PASSWORD })).redirectedTo).toBeDefined();
  });
});

// Fuzzing, with email on: whatever is sent, a written answer (never a throw), and a refusal stores nothing but the
// rate limiter's count; the request stores at most one token, for the account named; a reset changes exactly that
// account's password, its tokens and sessions.
describe("the forgotten-password actions under fuzzing", () => {
  const FUZZ_TIMEOUT_MS = 180_000;

  it(
    "requestPasswordResetAction answers the same for any valid address and refuses anything else in writing",
    async () => {
      const tracker = new DatabaseTracker();
      const form = hostileForm({
        email: fc.oneof(
          { arbitrary: fc.constant(member.email), weight: 2 },
          { arbitrary: fc.constant("nobody@example.test"), weight: 1 },
          { arbitrary: hostileText, weight: 2 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(form, async (fields) => {
          const before = await tracker.before();
          const answer = await callAction(requestPasswordResetAction, fields);
          await settle();
          if (!answer.ok) {
            expectClearRefusal(answer);
            await tracker.expectUnchanged({ except: ["rateLimiterFlexible"] });
            return;
          }
          expect(answer.message).toBe(RESET_LINK_SENT);
          const changes = databaseChanges(before, await tracker.after());
          for (const change of changes) expect(["accountToken", "rateLimiterFlexible"]).toContain(change.table);
          for (const change of changes.filter((c) => c.table === "accountToken")) expect(change.columns.userId!.to).toBe(member.id);
        }),
        { numRuns: 25, examples: [[{ email: member.email, userId: "someone-else", purpose: "admin" }]] },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    "resetPasswordAction refuses every token it did not issue in writing, changing nothing",
    async () => {
      const tracker = new DatabaseTracker();
      const form = hostileForm({
        token: fc.oneof(fc.constant("A".repeat(43)), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), hostileText),
        password: fc.oneof(fc.constant(NEW_PASSWORD), hostileText),
      });
      await fc.assert(
        fc.asyncProperty(form, async (fields) => {
          await tracker.before();
          const answer = await callAction(resetPasswordAction, fields);
          expectClearRefusal(answer);
          await tracker.expectUnchanged();
        }),
        { numRuns: 30 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
