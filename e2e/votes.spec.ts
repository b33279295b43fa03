import { commentParts, expect, newContext, openAt, openThread, postComment, signUp, test, unique } from "./helpers";

// Upvotes and the sort order they feed: one per member, a toggle, never on your own comment, and "Top".

test.describe("upvotes and sorting", () => {
  // Two members each sign up and read the thread: more than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 90_000 });
  test("a member upvotes someone else's comment, takes it back, and cannot upvote their own", async ({ page, browser }, testInfo) => {
    await signUp(page);
    const thread = await openThread(page, 3);
    const mine = await postComment(page, unique("Upvote me"));
    // Your own comment shows its count, with no button.
    await expect(commentParts(page, mine).button("Upvote (0 upvotes)")).toHaveCount(0);
    await expect(commentParts(page, mine).article.getByText(/^▲ 0 upvotes$/)).toBeVisible();

    const other = await newContext(browser, testInfo);
    const voter = await other.newPage();
    await signUp(voter);
    await openAt(voter, thread.path, mine);
    const vote = commentParts(voter, mine).button("Upvote (0 upvotes)");
    await expect(vote).toHaveAttribute("aria-pressed", "false");
    await vote.click();
    const voted = commentParts(voter, mine).button("Upvote (1 upvote)");
    await expect(voted).toHaveAttribute("aria-pressed", "true");
    await voter.reload();
    await expect(commentParts(voter, mine).button("Upvote (1 upvote)")).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    await expect(commentParts(page, mine).article.getByText(/^▲ 1 upvote$/)).toBeVisible();

    await commentParts(voter, mine).button("Upvote (1 upvote)").click();
    await expect(commentParts(voter, mine).button("Upvote (0 upvotes)")).toHaveAttribute("aria-pressed", "false");
    await other.close();
  });

  test("Top puts the most upvoted comment first; Newest the latest; the choice survives paging links", async ({ page, browser }, testInfo) => {
    await signUp(page);
    const thread = await openThread(page, 4);
    const older = await postComment(page, unique("Older, later upvoted"));
    const newer = await postComment(page, unique("Newer, no votes"));

    const other = await newContext(browser, testInfo);
    const voter = await other.newPage();
    await signUp(voter);
    await openAt(voter, thread.path, older);
    await commentParts(voter, older).button("Upvote (0 upvotes)").click();
    await expect(commentParts(voter, older).button("Upvote (1 upvote)")).toBeVisible();
    await other.close();

    const sort = page.getByRole("navigation", { name: "Sort comments" });
    await page.goto(thread.path);
    await expect(sort.getByRole("link", { name: "Oldest" })).toHaveAttribute("aria-current", "true");
    await sort.getByRole("link", { name: "Newest" }).click();
    await expect(page).toHaveURL(/\?sort=newest$/);
    await expect(sort.getByRole("link", { name: "Newest" })).toHaveAttribute("aria-current", "true");
    const order = async () => page.locator(".comment-list.root > li > article").evaluateAll((items) => items.map((item) => item.id));
    let ids = await order();
    expect(ids.indexOf(`c-${newer}`)).toBeLessThan(ids.indexOf(`c-${older}`));

    await sort.getByRole("link", { name: "Top" }).click();
    await expect(page).toHaveURL(/\?sort=top$/);
    ids = await order();
    expect(ids[0]).toBe(`c-${older}`);
    await page.locator(`#c-${older}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/thread-sorted-top.png" });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the upvote button is a plain form that works", async ({ page, browser }, testInfo) => {
      const author = await newContext(browser, testInfo);
      const authorPage = await author.newPage();
      await signUp(authorPage);
      const thread = await openThread(authorPage, 2);
      const id = await postComment(authorPage, unique("Voted on without scripts"));
      await author.close();

      // Sign-up itself needs no JavaScript either.
      await signUp(page);
      await openAt(page, thread.path, id);
      await commentParts(page, id).button("Upvote (0 upvotes)").click();
      await openAt(page, thread.path, id);
      await expect(commentParts(page, id).button("Upvote (1 upvote)")).toHaveAttribute("aria-pressed", "true");
    });
  });
});
