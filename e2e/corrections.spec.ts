import { expect, newContext, openThread, signInAsAdmin, signUp, test, unique } from "./helpers";

// Correction requests: a member says the point's summary is wrong; it goes to the editors' queue, not the abuse
// queue; an admin accepts it with a public note, which every reader then sees, dated, on the point.

const day = (date: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);

test.describe("corrections", () => {
  test.describe.configure({ timeout: 150_000 });

  test("a member suggests a correction; an editor accepts it with a note that shows on the thread and article pages", async ({ page, browser }, testInfo) => {
    await signUp(page);
    const thread = await openThread(page, 3);
    const claim = unique("The summary says 21% but the article says 12%");
    await page.getByRole("button", { name: "Suggest a correction" }).click();
    const form = page.getByRole("form", { name: "Suggest a correction" });
    await form.getByLabel("The point's summary").check();
    await form.getByLabel(/What it gets wrong/).fill(claim);
    await page.screenshot({ path: "test-results/screenshots/corrections-form.png" });
    await form.getByRole("button", { name: "Send to the editors" }).click();
    await expect(page.getByText(/The editors will review your correction/)).toBeVisible();
    await page.reload();
    const mine = page.getByRole("list", { name: "Your correction requests" });
    await expect(mine).toContainText("waiting for the editors");

    const editorContext = await newContext(browser, testInfo);
    const editor = await editorContext.newPage();
    await signInAsAdmin(editor);
    await editor.goto("/");
    await editor.getByRole("link", { name: /Moderation queue/ }).click();
    await editor.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Corrections" }).click();
    await expect(editor).toHaveURL(/\/mod\/corrections$/);
    const item = editor.getByRole("article").filter({ hasText: claim });
    await expect(item).toBeVisible();
    await expect(item).toContainText(thread.title);
    // Not in the abuse queue.
    await editor.goto("/mod");
    await expect(editor.getByRole("heading", { level: 1, name: "Moderation queue" })).toBeVisible();
    await expect(editor.getByText(claim)).toHaveCount(0);

    await editor.goto("/mod/corrections");
    const note = unique("The summary now says 12%, as the article does");
    await item
      .getByRole("form", { name: "Accept this correction" })
      .getByLabel(/Public note/)
      .fill(note);
    await editor.screenshot({ path: "test-results/screenshots/corrections-queue.png" });
    await item.getByRole("button", { name: "Accept" }).click();
    // Decided, it leaves the queue.
    await expect(item).toHaveCount(0);
    await editor.reload();
    await expect(editor.getByText(claim)).toHaveCount(0);
    await editorContext.close();

    const readerContext = await newContext(browser, testInfo);
    const reader = await readerContext.newPage();
    await reader.goto(thread.path);
    const expected = `Correction, ${day(new Date())}: ${note}`;
    const onThread = reader.getByRole("list", { name: "Corrections" });
    await expect(onThread).toContainText(expected);
    await onThread.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: "test-results/screenshots/corrections-note-thread.png" });
    await reader.setViewportSize({ width: 375, height: 800 });
    await onThread.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: "test-results/screenshots/corrections-note-thread-375.png" });
    await reader.setViewportSize({ width: 1280, height: 720 });
    await reader.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").first().click();
    await expect(reader).toHaveURL(/\/a\/[^/]+#point-\d+$/);
    const point = reader.locator(`[id^="point-"]`).filter({ hasText: thread.title });
    await expect(point.getByRole("list", { name: "Corrections" })).toContainText(expected);
    await point.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: "test-results/screenshots/corrections-note-article.png" });
    await readerContext.close();

    await page.reload();
    await expect(mine).toContainText("accepted");
    await expect(mine).toContainText(note);
  });

  test("a signed-out reader sees no correction control; a rejected request tells its member why", async ({ page, browser }, testInfo) => {
    const thread = await openThread(page, 4);
    await expect(page.getByRole("button", { name: "Suggest a correction" })).toHaveCount(0);

    await signUp(page);
    await page.goto(thread.path);
    const claim = unique("The article gets the year wrong");
    await page.getByRole("button", { name: "Suggest a correction" }).click();
    await page
      .getByRole("form", { name: "Suggest a correction" })
      .getByLabel(/What it gets wrong/)
      .fill(claim);
    await page.getByRole("form", { name: "Suggest a correction" }).getByLabel("The article").check();
    await page.getByRole("button", { name: "Send to the editors" }).click();
    await expect(page.getByText(/The editors will review your correction/)).toBeVisible();

    const editorContext = await newContext(browser, testInfo);
    const editor = await editorContext.newPage();
    await signInAsAdmin(editor);
    await editor.goto("/mod/corrections");
    const item = editor.getByRole("article").filter({ hasText: claim });
    const reason = unique("The article's year matches its source");
    await item
      .getByRole("form", { name: "Reject this correction" })
      .getByLabel(/Reason/)
      .fill(reason);
    await item.getByRole("button", { name: "Reject" }).click();
    await expect(item).toHaveCount(0);
    await editorContext.close();

    await page.reload();
    const mine = page.getByRole("list", { name: "Your correction requests" });
    await expect(mine).toContainText("not accepted");
    await expect(mine).toContainText(reason);
    await expect(page.getByRole("list", { name: "Corrections" }).filter({ hasText: reason })).toHaveCount(0);
  });
});
