import { comment, commentParts, expect, openAt, openThread, postComment, replyTo, signUp, test, unique } from "./helpers";

test.describe("deep reply chains", () => {
  test("the 7th level of a reply chain is not shown on the thread page; 'Continue this thread' opens a page showing it", async ({ page }) => {
    test.setTimeout(60_000);
    await signUp(page);
    const thread = await openThread(page, 3);
    const run = unique("chain");

    // Level 1 is a top-level comment; then 7 nested replies, each replying to the previous one (levels 2–8).
    const ids = [await postComment(page, `Level 1 ${run}`)];
    for (let level = 2; level <= 8; level++) {
      ids.push(await replyTo(page, ids.at(-1)!, `Level ${level} ${run}`));
    }

    await openAt(page, thread.path, ids[0]!);
    const root = comment(page, ids[0]!);
    for (let level = 1; level <= 6; level++) {
      await expect(commentParts(page, ids[level - 1]!).body).toHaveText(`Level ${level} ${run}`);
    }
    await expect(root.locator(`article#c-${ids[5]}`)).toBeVisible();
    await expect(comment(page, ids[6]!)).toHaveCount(0);
    await expect(page.getByText(`Level 7 ${run}`)).toHaveCount(0);

    const more = comment(page, ids[5]!).getByRole("link", { name: /Continue this thread/ });
    await expect(more).toHaveText(/Continue this thread \(2 more replies\)/);
    await more.click();

    await expect(page).toHaveURL(new RegExp(`/t/${thread.id}/c/${ids[5]}$`));
    await expect(commentParts(page, ids[6]!).body).toHaveText(`Level 7 ${run}`);
    await expect(comment(page, ids[5]!).locator(`article#c-${ids[6]}`)).toBeVisible();
    await expect(commentParts(page, ids[7]!).body).toHaveText(`Level 8 ${run}`);
    await expect(page.getByRole("link", { name: "← Back to the full discussion" })).toHaveAttribute("href", `/t/${thread.id}?at=${ids[0]}#c-${ids[0]}`);
  });
});
