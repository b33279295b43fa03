import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_DATABASE, randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { comment, expectSignedInAs, newAccount, newCommentBox, openAt, openThread, postComment, signUp, unique } from "./helpers";

// Two `next start` processes of the same build on one PostgreSQL database, as behind a load balancer: nothing
// that matters may live in one process's memory. Sessions, comments, rate-limit counters (rate-limiter-flexible's
// Prisma store) and suspensions all live in the database, so what one instance does, the other sees at once.

const COMMENT_LIMIT = 3;
const moderator = newAccount({ name: `Moderator ${randomVisitorIp().replaceAll(".", "")}` });

test.describe("two app instances on one PostgreSQL database", () => {
  test.skip(
    E2E_DATABASE !== "postgres",
    "needs PostgreSQL (E2E_DATABASE=postgres): a SQLite database is one file on one machine, so Agora on SQLite runs as a single instance",
  );
  test.describe.configure({ timeout: 90_000 });

  let first: AppServer;
  let second: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const env = {
      RATE_LIMIT_COMMENT_USER: `${COMMENT_LIMIT}/600`,
      ADMIN_EMAILS: moderator.email,
      DATABASE_POOL_SIZE: "3",
    };
    [first, second] = await Promise.all([startAppServer(env), startAppServer(env)]);
  });

  test.afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  /** A browser context (own cookies, own client address) whose relative URLs go to `server`. */
  async function contextOn(browser: Browser, server: AppServer): Promise<BrowserContext> {
    return browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
  }

  /** Opens the same page on the other instance, keeping the context's cookies (127.0.0.1 cookies ignore the port). */
  async function openOn(page: Page, server: AppServer, path: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
  }

  test("a comment posted through one instance is read through the other, by a session started on the first", async ({ browser }) => {
    const author = await contextOn(browser, first);
    const page = await author.newPage();
    const account = await signUp(page);
    const thread = await openThread(page, 1);
    const body = unique("Posted through the first instance");
    const id = await postComment(page, body);

    const reader = await contextOn(browser, second);
    const readerPage = await reader.newPage();
    await openAt(readerPage, thread.path, id);
    await expect(comment(readerPage, id)).toContainText(body);

    // The session is a database row, so the author is signed in on the second instance as well.
    await openOn(page, second, `${thread.path}?at=${id}`);
    await expectSignedInAs(page, account.name);
    await expect(comment(page, id)).toContainText(body);
    await Promise.all([author.close(), reader.close()]);
  });

  test("a comment rate limit spent through one instance holds on the other", async ({ browser }) => {
    const context = await contextOn(browser, first);
    const page = await context.newPage();
    await signUp(page);
    const thread = await openThread(page, 2);
    for (let i = 1; i <= COMMENT_LIMIT; i++) await postComment(page, unique(`Allowed comment ${i} of ${COMMENT_LIMIT}`));

    // The limit is spent on the first instance; the second refuses the next comment.
    await openOn(page, second, thread.path);
    const refused = unique("One too many");
    await newCommentBox(page).fill(refused);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/You're doing that too often\. Try again in \d+ minutes?\./);

    await page.reload();
    await expect(page.getByText(refused)).toHaveCount(0);
    // ...and so does the first.
    await openOn(page, first, thread.path);
    await newCommentBox(page).fill(refused);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("You're doing that too often");
    await context.close();
  });

  test("a suspension set through one instance holds on the other", async ({ browser }) => {
    // A member, on the second instance, with the comment box open.
    const memberContext = await contextOn(browser, second);
    const memberPage = await memberContext.newPage();
    await signUp(memberPage);
    const thread = await openThread(memberPage, 3);
    const commentId = await postComment(memberPage, unique("Before the suspension"));
    await newCommentBox(memberPage).fill(unique("After the suspension"));

    // A moderator (an admin through ADMIN_EMAILS), on the first instance, suspends them from their comment.
    const modContext = await contextOn(browser, first);
    const modPage = await modContext.newPage();
    await signUp(modPage, moderator);
    await openAt(modPage, thread.path, commentId);
    const target = comment(modPage, commentId);
    await target.getByRole("button", { name: "Suspend author" }).click();
    const form = target.getByRole("form", { name: "Suspend author" });
    await form.getByLabel(/^For/).selectOption("1d");
    await form.getByLabel("Reason (shown to the member)").fill("Cooling off");
    await form.getByRole("button", { name: "Suspend", exact: true }).click();
    await expect(form.getByRole("status")).toBeVisible();

    // The second instance refuses the comment the member had already written...
    await memberPage.getByRole("button", { name: "Post comment" }).click();
    await expect(memberPage.getByRole("main").getByRole("alert")).toContainText(/Your account is suspended .*Reason: Cooling off/);
    // ...and shows the suspension instead of a comment box.
    await memberPage.reload();
    await expect(memberPage.getByRole("main").getByText(/Your account is suspended/)).toBeVisible();
    await expect(newCommentBox(memberPage)).toHaveCount(0);
    await Promise.all([memberContext.close(), modContext.close()]);
  });
});
