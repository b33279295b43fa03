import { commentParts, expect, newContext, openAt, openThread, postComment, signUp, test, unique } from "./helpers";

// Evidence: the sources a comment cites as cards under it, and members asking for a source.

test.describe("evidence", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a comment with links shows source cards with their domains and titles, at most five", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 1);
    const body = [
      unique("As the data shows"),
      "[The 2024 survey results](https://www.example.org/survey/2024), and the raw table: https://data.example.com/tables/t3.csv",
      "Also [the survey again](https://www.example.org/survey/2024), [three](https://three.example/) [four](https://four.example/a)",
      "[five](https://five.example/b) [six](https://six.example/c) [seven](https://seven.example/d) [bad](javascript:alert(1))",
    ].join("\n\n");
    const id = await postComment(page, body);
    await openAt(page, thread.path, id);

    const cards = commentParts(page, id).article.getByRole("complementary", { name: "7 sources" });
    await expect(cards).toBeVisible();
    const links = cards.getByRole("link");
    await expect(links).toHaveCount(5);
    await expect(links.nth(0)).toHaveText(/example\.org\s*The 2024 survey results/);
    await expect(links.nth(0)).toHaveAttribute("href", "https://www.example.org/survey/2024");
    await expect(links.nth(0)).toHaveAttribute("rel", "nofollow ugc noopener noreferrer");
    // A bare URL: titled by its path.
    await expect(links.nth(1)).toHaveText(/data\.example\.com\s*\/tables\/t3\.csv/);
    await expect(cards.getByText("+2 more")).toBeVisible();
    await expect(cards.locator('a[href^="javascript:"]')).toHaveCount(0);

    await commentParts(page, id).article.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/evidence-source-cards.png" });
    await page.setViewportSize({ width: 375, height: 800 });
    await commentParts(page, id).article.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/evidence-source-cards-375.png" });
  });

  test("a member asks for a source; the author sees the request and a notification, and editing in a link answers it", async ({ page, browser }, testInfo) => {
    await signUp(page);
    const thread = await openThread(page, 2);
    const claim = unique("Nine in ten experts agree");
    const id = await postComment(page, claim);
    // The author cannot ask for a source for their own comment.
    await expect(commentParts(page, id).button("Needs a source")).toHaveCount(0);

    const other = await newContext(browser, testInfo);
    const member = await other.newPage();
    await signUp(member);
    await openAt(member, thread.path, id);
    await commentParts(member, id).button("Needs a source").click();
    await expect(commentParts(member, id).article.getByText("1 member asked for a source")).toBeVisible();
    await expect(commentParts(member, id).button("You asked · Take back")).toBeVisible();
    // Asking again is not possible from the page, and the count stays one after a reload.
    await member.reload();
    await expect(commentParts(member, id).article.getByText("1 member asked for a source")).toBeVisible();

    // The author's page is already at this comment's address: reload it.
    await openAt(page, thread.path, id);
    await page.reload();
    await expect(commentParts(page, id).article.getByRole("note")).toContainText("1 member asked you for a source.");
    await expect(page.getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
    await commentParts(page, id).article.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/evidence-source-request.png" });

    await page.goto("/notifications");
    const entry = page.getByRole("list", { name: "Your notifications" }).getByRole("listitem").filter({ hasText: claim });
    await expect(entry).toContainText(`Someone asked for a source for your comment on ${thread.title}`);
    await entry.getByRole("button").click();
    await page.waitForURL(new RegExp(`#c-${id}$`));

    await openAt(page, thread.path, id);
    await commentParts(page, id).button("Edit").click();
    await commentParts(page, id).textbox("Edit your comment").fill(`${claim} — see [the 2025 expert poll](https://polls.example.net/experts-2025).`);
    await commentParts(page, id).button("Save edit").click();
    await expect(commentParts(page, id).body.getByRole("link", { name: "the 2025 expert poll" })).toBeVisible();
    await page.reload();
    await expect(commentParts(page, id).article.getByText("✓ Source added")).toBeVisible();
    await expect(commentParts(page, id).article.getByRole("note")).toHaveCount(0);
    await expect(commentParts(page, id).article.getByRole("link", { name: /polls\.example\.net/ })).toBeVisible();

    await member.reload();
    await expect(commentParts(member, id).article.getByText("✓ Source added")).toBeVisible();
    await other.close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("Needs a source is a plain form that works", async ({ page, browser }, testInfo) => {
      const author = await newContext(browser, testInfo);
      const authorPage = await author.newPage();
      await signUp(authorPage);
      const thread = await openThread(authorPage, 2);
      const id = await postComment(authorPage, unique("Asked for a source without scripts"));
      await author.close();

      await signUp(page);
      await openAt(page, thread.path, id);
      await commentParts(page, id).button("Needs a source").click();
      await openAt(page, thread.path, id);
      await expect(commentParts(page, id).article.getByText("1 member asked for a source")).toBeVisible();
      await commentParts(page, id).button("You asked · Take back").click();
      await openAt(page, thread.path, id);
      await expect(commentParts(page, id).button("Needs a source")).toBeVisible();
      await expect(commentParts(page, id).article.getByText(/asked for a source/)).toHaveCount(0);
    });
  });
});
