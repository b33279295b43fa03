// Members for specs that need one signed in but do not test signing up: the account written to the suite's
// database as the sign-up form writes it (lib/queries/users.ts: the name, its key, the email, an argon2 hash of
// the password), then signed in through Auth.js's own credentials endpoint, which sets the session cookie in the
// browser context (the cookie a saved Playwright storageState would hold). The server makes the session as for
// any sign-in: the Session row, ADMIN_EMAILS' role. No page is rendered: a spec then opens the page it tests.
// Specs of signing up itself use the form (helpers.ts: signUpThroughForm).
import { randomBytes } from "node:crypto";
import { expect, type BrowserContext } from "@playwright/test";
import { displayNameKey } from "../lib/display-name";
import { hashPassword } from "../lib/password";
import { PASSWORD, type Account } from "./accounts";
import { withSuiteDatabase } from "./database";

// Every e2e account has the same password: hashed once per worker (argon2 takes a moment, by design).
let passwordHash: Promise<string> | undefined;

function hashFor(password: string): Promise<string> {
  if (password !== PASSWORD) return hashPassword(password);
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
}

/** A cuid-shaped id, as Prisma's @default(cuid()) would give. */
function newUserId(): string {
  return `c${randomBytes(12).toString("hex")}`;
}

/**
 * Stores `account` as a member with a password. With `ifMissing`, an existing account of that email is kept as
 * it is (the suite's admin, made by whichever spec signs in first); otherwise an existing email or name fails.
 */
export async function createMember(account: Account, { ifMissing = false }: { ifMissing?: boolean } = {}): Promise<void> {
  const now = new Date();
  const values = [newUserId(), account.name, displayNameKey(account.name), account.email.toLowerCase(), await hashFor(account.password), now];
  await withSuiteDatabase(
    (run) =>
      run(
        `INSERT INTO "User" ("id", "name", "nameKey", "email", "passwordHash", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $6)` +
          (ifMissing ? ` ON CONFLICT ("email") DO NOTHING` : ""),
        values,
      ),
    "agora-e2e-members",
  );
}

/**
 * Signs `context` in as the account through Auth.js's credentials callback on the server the context is based on
 * (its baseURL: the suite's, or another instance's with its own ADMIN_EMAILS), a CSRF token first as the form's own
 * request carries one, and checks that the server answered with a session rather than the sign-in page's error.
 */
export async function signInWithoutForm(context: BrowserContext, account: Pick<Account, "email" | "password">): Promise<void> {
  const csrf = await context.request.get("/api/auth/csrf");
  expect(csrf.ok(), "Auth.js hands out a CSRF token").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const origin = new URL(csrf.url()).origin;
  const response = await context.request.post("/api/auth/callback/credentials", {
    headers: { origin },
    form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  // Home, not the sign-in page with an error (the host may be the one the server listens on: localhost).
  const location = new URL(response.headers()["location"] ?? "/signin?error=none", origin);
  expect(`${location.pathname}${location.search}`, `signing in ${account.email} redirects home, not to an error`).toBe("/");
  const cookies = await context.cookies(origin);
  expect(
    cookies.some((cookie) => cookie.name.endsWith("authjs.session-token")),
    "a session cookie is set",
  ).toBe(true);
}
