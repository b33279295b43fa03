// Confirming an address and changing it, below the browser: the sign-up, email-change and resend actions with the
// real Auth.js (its email provider sends the confirmation), the real database and a local SMTP server
// (lib/testing/smtp-sink.ts). The signed-in member is set through a mocked getCurrentUser.
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const sink = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("@/lib/testing/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  process.env.AUTH_URL = "https://agora.example.test";
  process.env.AUTH_SECRET = "change-secret-change-secret-change-secret-ch";
  return started;
});
const request = vi.hoisted(() => ({ ip: "10.7.0.1", cookies: new Map<string, string>() }));
const background = vi.hoisted(() => ({ tasks: [] as Promise<unknown>[] }));
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; role: "member"; suspension: null; emailUnconfirmed: boolean } }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => request.ip }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
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
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

import { db } from "@/lib/db";
import { CONFIRM_EMAIL_FIRST, mustConfirmEmail } from "@/lib/email-confirmation";
import { hashPassword } from "@/lib/password";
import { hashAccountToken } from "@/lib/queries/password-resets";
import { createSession, findActiveSessionUser } from "@/lib/queries/sessions";
import { createUserWithPassword } from "@/lib/queries/users";
import { SIGN_UP_CHECK_EMAIL_PATH } from "@/lib/sign-up-confirmation";
import { callAction, databaseState, expectClearRefusal, expectDatabaseUnchanged } from "@/lib/testing/action-harness";
import { createTestThreads } from "@/lib/testing/factories";
import { hostileForm, hostileText } from "@/lib/testing/hostile-input";
import { EMAIL_CHANGE_LINK_UNUSABLE } from "@/lib/validations/email-change";
import { signUpAction } from "@/lib/actions/auth";
import { confirmEmailChangeAction, requestEmailChangeAction, resendConfirmationAction } from "@/lib/actions/email";
import { createCommentAction } from "@/lib/actions/comments";
import { useEnv } from "@/lib/testing/env";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_RESET_IP: "100000/3600", RATE_LIMIT_SIGNUP_IP: "100000/3600", RATE_LIMIT_ACCOUNT_PASSWORD: "100000/3600" });

const PASSWORD = "the member's password";
let member: { id: string; email: string; name: string };

async function settle() {
  await Promise.all(background.tasks.splice(0));
}

function linkIn(text: string, path: string): string {
  const link = new RegExp(`https://agora\\.example\\.test${path.replace(/[/?]/g, "\\$&")}\\S+`).exec(text);
  expect(link, text).not.toBeNull();
  return link![0];
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

beforeEach(async () => {
  request.ip = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  request.cookies.clear();
  const email = `change-${crypto.randomUUID()}@example.test`;
  const user = await createUserWithPassword({ name: `Cleo ${email.slice(7, 15)}`, email, passwordHash: await hashPassword(PASSWORD) });
  member = { id: user.id, email, name: user.name! };
  session.user = { id: user.id, name: user.name!, role: "member", suspension: null, emailUnconfirmed: true };
  await settle();
  sink.messages.length = 0;
});

afterAll(async () => {
  await settle();
  await sink.close();
});

describe("signing up where email is configured", () => {
  it("creates the account unconfirmed, signs nobody in, and emails a link that confirms and signs in", async () => {
    const email = `new-${crypto.randomUUID()}@example.test`;
    const answer = await callAction(signUpAction, { name: `Nova ${email.slice(4, 12)}`, email, password: "a long enough password", callbackUrl: "/t/x" });
    expect(answer.redirectedTo).toBe(SIGN_UP_CHECK_EMAIL_PATH);
    await settle();
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([email]);
    expect(mail!.subject).toBe("Confirm your Agora account");
    expect(linkIn(mail!.text, "/api/auth/callback/nodemailer?")).toContain("callbackUrl=https%3A%2F%2Fagora.example.test%2Ft%2Fx");
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, emailVerified: true, role: true, passwordHash: true } });
    expect(user.emailVerified).toBeNull();
    expect(mustConfirmEmail({ role: user.role, emailVerified: user.emailVerified, hasPassword: user.passwordHash !== null }, true)).toBe(true);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.verificationToken.count({ where: { identifier: email } })).toBe(1);
  });

  it("answers a taken address exactly as a new one, creates nothing, and tells the address's owner", async () => {
    const before = await databaseState();
    const answer = await callAction(signUpAction, {
      name: `Other ${crypto.randomUUID().slice(0, 8)}`,
      email: member.email,
      password: "a long enough password",
      callbackUrl: "/",
    });
    expect(answer.redirectedTo).toBe(SIGN_UP_CHECK_EMAIL_PATH);
    await settle();
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([member.email]);
    expect(mail!.subject).toBe("Someone tried to create an Agora account with your address");
    expect(mail!.text).toContain("https://agora.example.test/forgot-password");
    expect(mail!.text).not.toMatch(/token=/);
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
  });

  it("does not flood the owner: repeated sign-ups with a taken address share the address's email budget", async () => {
    for (let i = 0; i < 5; i++) {
      request.ip = `10.6.0.${i + 1}`;
      await callAction(signUpAction, {
        name: `Flood ${i} ${crypto.randomUUID().slice(0, 6)}`,
        email: member.email,
        password: "a long enough password",
        callbackUrl: "/",
      });
    }
    await settle();
    expect(sink.messages).toHaveLength(3);
  });
});

describe("an unconfirmed member", () => {
  it("is refused when they post, with what to do, and nothing is stored", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const before = await databaseState();
    const answer = await callAction(createCommentAction, { threadId, body: "Hello, I just joined." });
    expectClearRefusal(answer);
    expect(answer.message).toBe(CONFIRM_EMAIL_FIRST);
    await expectDatabaseUnchanged(before);
  });

  it("is marked unconfirmed by the session read, and confirmed once the address is verified", async () => {
    const sessionToken = await createSession(member.id);
    expect((await findActiveSessionUser(sessionToken))!.hasPassword).toBe(true);
    const unconfirmed = (await findActiveSessionUser(sessionToken))!;
    expect(mustConfirmEmail({ role: unconfirmed.role, emailVerified: unconfirmed.emailVerified, hasPassword: unconfirmed.hasPassword }, true)).toBe(true);
    await db.user.update({ where: { id: member.id }, data: { emailVerified: new Date() } });
    const confirmed = (await findActiveSessionUser(sessionToken))!;
    expect(mustConfirmEmail({ role: confirmed.role, emailVerified: confirmed.emailVerified, hasPassword: confirmed.hasPassword }, true)).toBe(false);
    expect(JSON.stringify(confirmed)).not.toContain("argon2");
  });

  it("asks for a new confirmation link; a confirmed member is told there is nothing to confirm", async () => {
    const answer = await callAction(resendConfirmationAction, {});
    expect(answer).toMatchObject({ ok: true, message: `We sent a new link to ${member.email}. Following it confirms your address.` });
    await settle();
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe("Confirm your Agora account");
    session.user!.emailUnconfirmed = false;
    const again = await callAction(resendConfirmationAction, {});
    expect(again).toMatchObject({ ok: false, message: "Your address is already confirmed." });
  });
});

describe("changing the email address", () => {
  async function askToMove(newEmail: string) {
    const answer = await callAction(requestEmailChangeAction, { newEmail, password: PASSWORD });
    expect(answer).toMatchObject({ ok: true });
    await settle();
    return answer;
  }

  it("sends a single-use link to the new address and a notice to the old; following it moves and confirms the account", async () => {
    const newEmail = `moved-${crypto.randomUUID()}@example.test`;
    await askToMove(newEmail.toUpperCase());
    const mails = await sink.waitFor(2);
    const toNew = mails.find((mail) => mail.to[0] === newEmail)!;
    const toOld = mails.find((mail) => mail.to[0] === member.email)!;
    expect(toNew.subject).toBe("Confirm your new Agora address");
    expect(toOld.subject).toBe("Your Agora address is being changed");
    expect(toOld.text).toContain(newEmail);
    expect(toOld.text).not.toContain("token=");
    const token = tokenOf(linkIn(toNew.text, "/settings/email/confirm?"));
    const row = await db.accountToken.findFirstOrThrow({ where: { userId: member.id, purpose: "email_change" } });
    expect(row.tokenHash).toBe(hashAccountToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe(member.email);

    // No session needed: the link is the proof.
    session.user = null;
    expect((await callAction(confirmEmailChangeAction, { token })).redirectedTo).toBe("/settings/email/changed");
    const moved = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(moved.email).toBe(newEmail);
    expect(moved.emailVerified).not.toBeNull();
    const before = await databaseState();
    expect(await callAction(confirmEmailChangeAction, { token })).toEqual({ ok: false, message: EMAIL_CHANGE_LINK_UNUSABLE });
    await expectDatabaseUnchanged(before);
  });

  it("a newer request replaces the older: the first link no longer works", async () => {
    await askToMove(`first-${crypto.randomUUID()}@example.test`);
    const first = tokenOf(linkIn((await sink.waitFor(2)).find((mail) => mail.subject.startsWith("Confirm"))!.text, "/settings/email/confirm?"));
    sink.messages.length = 0;
    await askToMove(`second-${crypto.randomUUID()}@example.test`);
    await sink.waitFor(2);
    expect(await callAction(confirmEmailChangeAction, { token: first })).toEqual({ ok: false, message: EMAIL_CHANGE_LINK_UNUSABLE });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe(member.email);
  });

  it("answers a taken address as a free one, stores no link, and tells that address's owner nothing moved", async () => {
    const other = await createUserWithPassword({
      name: `Taken ${crypto.randomUUID().slice(0, 8)}`,
      email: `taken-${crypto.randomUUID()}@example.test`,
      passwordHash: "x",
    });
    const free = await callAction(requestEmailChangeAction, { newEmail: `free-${crypto.randomUUID()}@example.test`, password: PASSWORD });
    const taken = await callAction(requestEmailChangeAction, { newEmail: other.email!, password: PASSWORD });
    expect(taken.message!.replace(other.email!, "X")).toBe(free.message!.replace(/free-\S+@example\.test/, "X"));
    await settle();
    const toOther = (await sink.waitFor(4)).filter((mail) => mail.to[0] === other.email);
    expect(toOther.map((mail) => mail.subject)).toEqual(["An Agora address change was refused"]);
    expect(toOther[0]!.text).not.toContain("token=");
    expect(await db.accountToken.count({ where: { userId: member.id, purpose: "email_change", usedAt: null } })).toBe(1);
  });

  it("refuses another member's password, the current address and a signed-out caller, storing nothing and sending nothing", async () => {
    const carol = await createUserWithPassword({
      name: `Carol ${crypto.randomUUID().slice(0, 8)}`,
      email: `carol-${crypto.randomUUID()}@example.test`,
      passwordHash: await hashPassword("carol's password"),
    });
    const cases: [Record<string, string>, string][] = [
      [{ newEmail: "somewhere@example.test", password: "carol's password" }, "That password is incorrect."],
      [{ newEmail: member.email, password: PASSWORD }, "That is already your address."],
      [{ newEmail: "not an address", password: PASSWORD }, "Enter a valid email address."],
      [{ newEmail: "somewhere@example.test" }, "Enter your password."],
    ];
    for (const [form, message] of cases) {
      const before = await databaseState();
      const answer = await callAction(requestEmailChangeAction, { ...form, userId: carol.id });
      expectClearRefusal(answer);
      expect(answer.message).toBe(message);
      await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
    }
    session.user = null;
    expect((await callAction(requestEmailChangeAction, { newEmail: "x@example.test", password: PASSWORD })).message).toBe(
      "Your session has ended. Sign in again to continue.",
    );
    await settle();
    expect(sink.messages).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: carol.id } })).email).toBe(carol.email);
  });

  it("an address taken between the request and the click is refused at the click, and nothing moves", async () => {
    const newEmail = `race-${crypto.randomUUID()}@example.test`;
    await askToMove(newEmail);
    const token = tokenOf(linkIn((await sink.waitFor(2)).find((mail) => mail.to[0] === newEmail)!.text, "/settings/email/confirm?"));
    await createUserWithPassword({ name: `Racer ${crypto.randomUUID().slice(0, 8)}`, email: newEmail, passwordHash: "x" });
    expect(await callAction(confirmEmailChangeAction, { token })).toEqual({
      ok: false,
      message: "That address now belongs to another account, so nothing changed.",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe(member.email);
  });

  it("fuzzed forms are each refused clearly, never with an error, and store nothing", async () => {
    await fc.assert(
      fc.asyncProperty(hostileForm({ newEmail: hostileText, password: hostileText, token: hostileText }), async (form) => {
        // No fuzzed password is the member's and no fuzzed token a live link: every form must be refused.
        for (const action of [requestEmailChangeAction, confirmEmailChangeAction]) {
          const before = await databaseState();
          const answer = await callAction(action, form);
          expectClearRefusal(answer);
          await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
        }
        await settle();
      }),
      { numRuns: 40 },
    );
    // No fuzzed password is the member's, no fuzzed token a link: nothing moved, nothing was sent.
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe(member.email);
    expect(sink.messages).toEqual([]);
    // 80 forms, each with a password check and two whole-database snapshots: 20 s on a loaded 2-core machine.
  }, 60_000);
});
