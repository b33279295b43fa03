import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { comment, expect, newContext, openThread, postComment, signUp, test, unique } from "./helpers";

// An open thread learns of comments others post, without a reload: "N new comments — show". The count comes
// from the database, so it works whichever app instance the comment went through (the suite's server and the
// extra one here share the database: one SQLite file, or one PostgreSQL database).

test.describe("live updates on an open thread", () => {
  test.describe.configure({ timeout: 120_000 });
  let other: AppServer | undefined;
  test.afterAll(async () => {
    await other?.stop();
  });

  test("a reader sees 'N new comments — show' when someone else posts, and 'show' brings them in", async ({ page, browser }, testInfo) => {
    const thread = await openThread(page, 3);
    const notice = page.getByRole("status").filter({ hasText: /new comment/ });
    await expect(notice).toHaveCount(0);

    const writer = await newContext(browser, testInfo);
    const writerPage = await writer.newPage();
    await signUp(writerPage);
    await writerPage.goto(thread.path);
    const first = unique("Live one");
    const firstId = await postComment(writerPage, first);
    await expect(page.getByRole("button", { name: "1 new comment — show" })).toBeVisible({ timeout: 15_000 });
    await postComment(writerPage, unique("Live two"));
    await expect(page.getByRole("button", { name: "2 new comments — show" })).toBeVisible({ timeout: 15_000 });

    await page.getByRole("button", { name: /new comments — show/ }).click();
    await expect(comment(page, firstId)).toContainText(first);
    await expect(page.getByRole("button", { name: /new comments? — show/ })).toHaveCount(0);
    // The writer is not told about their own comments.
    await expect(writerPage.getByRole("button", { name: /new comments? — show/ })).toHaveCount(0);
    await writer.close();
  });

  test("a comment posted through another app instance on the same database is announced too", async ({ page, browser }) => {
    other = await startAppServer({ LIVE_UPDATES_POLL_SECONDS: "1" });
    const thread = await openThread(page, 5);

    const writer = await browser.newContext({ baseURL: other.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const writerPage = await writer.newPage();
    await signUp(writerPage);
    await writerPage.goto(thread.path);
    await postComment(writerPage, unique("Through the other instance"));
    await expect(page.getByRole("button", { name: "1 new comment — show" })).toBeVisible({ timeout: 15_000 });
    await writer.close();
  });
});
