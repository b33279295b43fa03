import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { E2E_ADMIN, newAccount, type Account } from "./accounts";
import { createMember, signInWithoutForm } from "./members";

export { newAccount, PASSWORD, unique, type Account } from "./accounts";

/**
 * A made-up client address. The app's per-IP rate limits (sign-in 30/15 min, comments 30/min by default) key on
 * X-Forwarded-For, which `next start` passes through when the request carries one; every test gets its own
 * address so the suite, run from one machine, looks like many visitors instead of tripping the limits.
 */
export function visitorIp(): string {
  const byte = () => 1 + Math.floor(Math.random() * 254);
  return `10.${byte()}.${byte()}.${byte()}`;
}

/** Use this `test` in every spec: each test's browser contexts come from their own visitor address. */
export const test = base.extend<{ visitorAddress: string }>({
  visitorAddress: async ({}, use) => {
    await use(visitorIp());
  },
  extraHTTPHeaders: async ({ extraHTTPHeaders, visitorAddress }, use) => {
    await use({ ...extraHTTPHeaders, "x-forwarded-for": visitorAddress });
  },
});

export { expect };

export function accountNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Account" });
}

/** Asserts the header shows the user's name and a Sign out button (on a phone, in its Menu, opened and closed again). */
export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  const menu = accountNav(page).locator("details.account-menu");
  const opened = (await menu.isVisible()) && (await menu.getAttribute("open")) === null;
  if (opened) await menu.locator("summary").click();
  await expect(accountNav(page).getByRole("link", { name, exact: true })).toBeVisible();
  await expect(accountNav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  if (opened) await menu.locator("summary").click();
}

export async function expectSignedOut(page: Page): Promise<void> {
  await expect(accountNav(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(accountNav(page).getByRole("link", { name: "Sign up", exact: true })).toBeVisible();
}

/** Fills and submits the real /signup form; does not wait for the outcome. */
export async function fillSignUp(page: Page, account: Account): Promise<void> {
  await page.getByLabel("Display name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * Creates a unique user through the real /signup form and waits until the header shows them signed in: for specs
 * of signing up. With `callbackUrl`, signs up from /signup?callbackUrl=… and waits to land there.
 */
export async function signUpThroughForm(page: Page, overrides: Partial<Account> & { callbackUrl?: string } = {}): Promise<Account> {
  const { callbackUrl, ...rest } = overrides;
  const account = newAccount(rest);
  await page.goto(callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup");
  await fillSignUp(page, account);
  await page.waitForURL((url) => url.pathname === (callbackUrl ?? "/"));
  await expectSignedInAs(page, account.name);
  return account;
}

/** A unique new member with a password, stored without signing anyone in (e2e/members.ts). */
export async function createAccount(overrides: Partial<Account> = {}): Promise<Account> {
  const account = newAccount(overrides);
  await createMember(account);
  return account;
}

/**
 * A unique new member, signed in in the page's browser context without the sign-up form (e2e/members.ts), on the
 * server the context is based on: the page is not navigated, so open what the test is about next. With
 * `callbackUrl`, opens it.
 */
export async function signUp(page: Page, overrides: Partial<Account> & { callbackUrl?: string } = {}): Promise<Account> {
  const { callbackUrl, ...rest } = overrides;
  const account = await createAccount(rest);
  await signInWithoutForm(page.context(), account);
  if (callbackUrl) await page.goto(callbackUrl);
  return account;
}

/** Fills and submits the /signin form on the current page; does not wait for the outcome. */
export async function fillSignIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(credentials.email);
  await page.getByLabel("Password", { exact: true }).fill(credentials.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Submits the /signin form and waits until the server has answered and the form is ready again. */
export async function attemptSignIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/signin");
  await fillSignIn(page, credentials);
  await answered;
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/signin");
  await fillSignIn(page, account);
  await page.waitForURL((url) => url.pathname === "/");
  await expectSignedInAs(page, account.name);
}

export async function signOut(page: Page): Promise<void> {
  await accountNav(page).getByRole("button", { name: "Sign out" }).click();
  await expectSignedOut(page);
}

/** A new browser context (its own cookies, its own visitor address) on the suite's base URL. */
export async function newContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": visitorIp() } });
}

export type ThreadRef = { id: string; title: string; path: string };

/** The seeded article's page (the home page lists every article; this one's points are the specs' threads). */
export const SEEDED_ARTICLE = "/a/tiktok-sparks-good";

/** The thread cards of an article's page (the points' own list, not the stance tallies inside them). */
export function threadCards(page: Page): Locator {
  return page.getByRole("region", { name: /The points it makes/ }).locator("ol.thread-list > li");
}

/** Opens the n-th thread (1-based) by clicking its card's title on the seeded article's page. */
export async function openThread(page: Page, n: number): Promise<ThreadRef> {
  await page.goto(SEEDED_ARTICLE);
  const link = threadCards(page)
    .nth(n - 1)
    .getByRole("heading", { level: 3 })
    .getByRole("link");
  const title = (await link.textContent())?.trim() ?? "";
  await link.click();
  await page.waitForURL(/\/t\/[a-z0-9]+$/i);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { id: path.split("/").at(-1) ?? "", title, path };
}

/**
 * Opens the page of a thread that holds `commentId` (its `?at=` permalink). Other tests keep posting to the same
 * threads, so a comment posted a moment ago need not be on the first page by the time it is read again.
 */
export async function openAt(page: Page, threadPath: string, commentId: string): Promise<void> {
  await page.goto(`${threadPath}?at=${commentId}#c-${commentId}`);
}

/** The comment count a thread's card shows on the seeded article's page (navigates there). */
export async function homeCommentCount(page: Page, threadTitle: string): Promise<number> {
  await page.goto(SEEDED_ARTICLE);
  const card = threadCards(page).filter({ has: page.getByRole("link", { name: threadTitle, exact: true }) });
  const stats = await card.getByText(/^\d+ comments?\b/).textContent();
  return Number.parseInt(stats ?? "", 10);
}

/** The "N comments" heading of a thread page. */
export function threadCountHeading(page: Page): Locator {
  return page.getByRole("heading", { level: 2, name: /^\d+ comments?$/ });
}

export async function threadPageCommentCount(page: Page): Promise<number> {
  return Number.parseInt((await threadCountHeading(page).textContent()) ?? "", 10);
}

/** One comment's article element, by id. */
export function comment(page: Page, id: string): Locator {
  return page.locator(`article#c-${id}`);
}

/**
 * The parts of one comment that belong to it and not to its nested replies: elements whose nearest
 * enclosing <article> is this comment. Independent of how the markup inside the article is arranged.
 */
export function commentParts(page: Page, id: string) {
  const article = comment(page, id);
  const mine = (locator: Locator) => locator.and(page.locator(`xpath=//*[ancestor::article[1][@id="c-${id}"]]`));
  return {
    article,
    /** The rendered body (or the [deleted] tombstone). */
    body: mine(article.locator(".comment-body")),
    button: (name: string) => mine(article.getByRole("button", { name, exact: true })),
    /** Reply / Edit / Delete, whichever are shown. */
    actionButtons: mine(article.getByRole("button", { name: /^(Reply|Edit|Delete)$/ })),
    textbox: (name?: string | RegExp) => mine(article.getByRole("textbox", name === undefined ? {} : { name })),
    alert: mine(article.getByRole("alert")),
    editedMark: mine(article.getByText("edited", { exact: true })),
    /** The time link in the comment's header, pointing at its permalink page. */
    permalink: mine(article.getByTitle("Permalink to this comment")),
  };
}

/** Runs `submit` and waits for the redirect to a comment anchor (#c-<id>); returns that comment's id. */
export async function submitAndGetCommentId(page: Page, submit: () => Promise<void>): Promise<string> {
  const before = page.url();
  await submit();
  await page.waitForURL((url) => url.href !== before && /^#c-[a-z0-9]+$/i.test(url.hash));
  const id = new URL(page.url()).hash.slice("#c-".length);
  await expect(comment(page, id)).toBeVisible();
  return id;
}

export function newCommentBox(page: Page): Locator {
  return page.getByRole("textbox", { name: "Add to the discussion" });
}

/** Posts a top-level comment on the open thread page; returns its id. */
export async function postComment(page: Page, body: string): Promise<string> {
  await newCommentBox(page).fill(body);
  return submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post comment" }).click());
}

/** Replies to a comment visible on the current page; returns the reply's id. */
export async function replyTo(page: Page, parentId: string, body: string): Promise<string> {
  const parent = commentParts(page, parentId);
  await parent.button("Reply").click();
  await parent.textbox(/^Reply to /).fill(body);
  return submitAndGetCommentId(page, () => parent.button("Post reply").click());
}

/**
 * Signs in as the suite's admin (made admin by ADMIN_EMAILS at every sign-in), creating the account on first use;
 * like signUp, without a form and without navigating.
 */
export async function signInAsAdmin(page: Page): Promise<void> {
  await createMember(E2E_ADMIN, { ifMissing: true });
  await signInWithoutForm(page.context(), E2E_ADMIN);
}
