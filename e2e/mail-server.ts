import type { Browser, BrowserContext, Page } from "@playwright/test";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../lib/testing/smtp-sink";
import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { expect, expectSignedInAs, fillSignUp, newAccount, test, type Account } from "./helpers";

/**
 * A server of this build that sends its email to a local SMTP sink (lib/testing/smtp-sink.ts), its AUTH_URL its
 * own address so emailed links open on it: for the specs that follow a link from an email.
 */
export async function startMailingServer(): Promise<{ sink: SmtpSink; server: AppServer }> {
  const sink = await startSmtpSink();
  const server = await startAppServer((url) => ({ SMTP_URL: sink.url, AUTH_URL: url, MAIL_FROM: "Agora <no-reply@agora.test>" }));
  return { sink, server };
}

/**
 * For a describe block whose tests follow emailed links: a mailing server started before its tests and stopped
 * after them. `visitor` opens a page on it from a client address of its own; its browser context is closed after
 * the test.
 */
export function useMailingServer() {
  let started: { sink: SmtpSink; server: AppServer } | undefined;
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    started = await startMailingServer();
  });
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  test.afterAll(async () => {
    // Stopping waits for open requests; every browser context is closed by now, so no stream keeps it waiting.
    test.setTimeout(60_000);
    await started?.server.stop();
    await started?.sink.close();
  });
  return {
    get sink(): SmtpSink {
      return started!.sink;
    },
    get server(): AppServer {
      return started!.server;
    },
    async visitor(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
      const context = await browser.newContext({ baseURL: started!.server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() }, ...options });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** The newest email to `to` with this subject, once it has arrived. */
export async function mailTo(sink: SmtpSink, to: string, subject: string): Promise<ReceivedMail> {
  const find = () => sink.messages.findLast((mail) => mail.to.includes(to) && mail.subject === subject);
  await expect.poll(() => find() !== undefined, { message: `an email "${subject}" to ${to}`, timeout: 15_000 }).toBe(true);
  return find()!;
}

/** The first link in an email's text that goes to `path` on the server. */
export function linkTo(mail: ReceivedMail, path: string): string {
  const link = mail.text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && new URL(word).pathname === path);
  expect(link, mail.text).toBeDefined();
  return link!;
}

/**
 * Signs up through the real form on a server that sends email: the answer is "Check your email"; following the
 * emailed link confirms the address and signs in.
 */
export async function signUpAndConfirm(page: Page, sink: SmtpSink, overrides: Partial<Account> = {}): Promise<Account> {
  const account = newAccount(overrides);
  await page.goto("/signup");
  await fillSignUp(page, account);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await mailTo(sink, account.email, "Confirm your Agora account");
  await page.goto(linkTo(mail, "/api/auth/callback/nodemailer"));
  await page.waitForURL((url) => url.pathname === "/");
  await expectSignedInAs(page, account.name);
  return account;
}
