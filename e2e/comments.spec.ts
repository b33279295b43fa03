import {
  commentParts,
  expect,
  homeCommentCount,
  newCommentBox,
  openAt,
  openThread,
  postComment,
  replyTo,
  signOut,
  signUp,
  test,
  threadPageCommentCount,
  unique,
} from "./helpers";

test.describe("commenting", () => {
  test("a new user comments, replies to that comment, and after a reload the reply is nested under its parent", async ({ page }) => {
    const account = await signUp(page);
    const thread = await openThread(page, 1);
    const before = await homeCommentCount(page, thread.title);
    await page.goto(thread.path);

    const parentText = unique("Parent comment");
    const parentId = await postComment(page, parentText);
    const parent = commentParts(page, parentId);
    await expect(parent.body).toHaveText(parentText);
    await expect(parent.article).toHaveAccessibleName(`Comment by ${account.name}`);

    const replyText = unique("A reply");
    const replyId = await replyTo(page, parentId, replyText);

    await page.reload();
    await expect(parent.body).toHaveText(parentText);
    // The reply's article is a descendant of the parent's article.
    await expect(parent.article.locator(`article#c-${replyId}`)).toBeVisible();
    await expect(commentParts(page, replyId).body).toHaveText(replyText);

    expect(await homeCommentCount(page, thread.title)).toBe(before + 2);
  });

  test("after posting in a long thread, the page scrolls to the new comment", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    for (let i = 0; i < 3; i++) await postComment(page, `${unique("Filler")}\n\n${"A paragraph of filler text. ".repeat(40)}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    const id = await postComment(page, unique("Scroll to me"));
    await expect(commentParts(page, id).article).toBeInViewport();
  });

  test("after posting, the comment box is empty again and the thread's count heading went up", async ({ page }) => {
    await signUp(page);
    await openThread(page, 1);
    const before = await threadPageCommentCount(page);
    await postComment(page, unique("Count me"));
    await expect(newCommentBox(page)).toHaveValue("");
    await expect.poll(() => threadPageCommentCount(page)).toBe(before + 1);
  });

  test("a comment posted with JavaScript is shown in place: the focus moves to it, the address names it, its controls work", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 2);
    const text = unique("In place");
    const id = await postComment(page, text);
    const posted = commentParts(page, id);
    // The reader (and a screen reader) is taken to the comment; a reload or a shared link shows it.
    await expect(posted.article).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`${thread.path}\\?at=${id}#c-${id}$`));
    await expect(posted.actionButtons).toHaveText(["Reply", "Edit", "Delete"]);
    // Its Reply opens under it, and the reply lands under it, in place too.
    const replyId = await replyTo(page, id, unique("Under the one in place"));
    await expect(posted.article.locator(`article#c-${replyId}`)).toBeVisible();
    await expect(commentParts(page, replyId).article).toBeFocused();
    // Away and Back: the browser's copy of the page from before the posts is read again, so they are still there.
    await page.getByRole("banner").getByRole("link", { name: "Agora" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goBack();
    await expect(posted.body).toHaveText(text);
    await expect(posted.article.locator(`article#c-${replyId}`)).toBeVisible();
    await page.reload();
    await expect(posted.body).toHaveText(text);
    await expect(posted.article.locator(`article#c-${replyId}`)).toBeVisible();
  });

  test("editing your own comment shows the new text and an 'edited' mark", async ({ page }) => {
    await signUp(page);
    await openThread(page, 2);
    const original = unique("Before the edit");
    const item = commentParts(page, await postComment(page, original));
    await expect(item.editedMark).toHaveCount(0);

    await item.button("Edit").click();
    const box = item.textbox("Edit your comment");
    await expect(box).toHaveValue(original);
    const revised = unique("After the edit");
    await box.fill(revised);
    await item.button("Save edit").click();

    await expect(item.body).toHaveText(revised);
    await expect(item.editedMark).toBeVisible();
    await expect(item.textbox()).toHaveCount(0);
    await page.reload();
    await expect(item.body).toHaveText(revised);
    await expect(item.editedMark).toBeVisible();
  });

  test("deleting your own comment leaves a [deleted] tombstone with its reply still visible under it", async ({ page }) => {
    await signUp(page);
    await openThread(page, 2);
    const parentText = unique("Doomed comment");
    const parentId = await postComment(page, parentText);
    const replyText = unique("Surviving reply");
    const replyId = await replyTo(page, parentId, replyText);

    let confirmMessage = "";
    page.once("dialog", (dialog) => {
      confirmMessage = dialog.message();
      void dialog.accept();
    });
    const parent = commentParts(page, parentId);
    await parent.button("Delete").click();

    await expect(parent.body).toHaveText("[deleted]");
    expect(confirmMessage).toMatch(/Delete this comment/);
    await page.reload();
    await expect(parent.article).toHaveAccessibleName(/^(Deleted comment|Comment)$/);
    await expect(parent.body).toHaveText("[deleted]");
    await expect(page.getByText(parentText)).toHaveCount(0);
    await expect(parent.actionButtons).toHaveCount(0);
    await expect(parent.article.locator(`article#c-${replyId}`)).toBeVisible();
    await expect(commentParts(page, replyId).body).toHaveText(replyText);
  });

  test("Cancel closes the reply form without posting anything", async ({ page }) => {
    await signUp(page);
    await openThread(page, 2);
    const item = commentParts(page, await postComment(page, unique("Not replied to")));
    await item.button("Reply").click();
    await item.textbox(/^Reply to /).fill("Never mind");
    await item.button("Cancel").click();
    await expect(item.textbox()).toHaveCount(0);
    await page.reload();
    await expect(item.article.locator("article")).toHaveCount(0);
    await expect(page.getByText("Never mind")).toHaveCount(0);
  });

  test("dismissing the delete confirmation keeps the comment", async ({ page }) => {
    await signUp(page);
    await openThread(page, 2);
    const text = unique("Kept comment");
    const item = commentParts(page, await postComment(page, text));
    page.once("dialog", (dialog) => void dialog.dismiss());
    await item.button("Delete").click();
    await page.reload();
    await expect(item.body).toHaveText(text);
  });
});

test.describe("invalid comments", () => {
  test("a comment of exactly 10,000 characters is accepted", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    const before = await threadPageCommentCount(page);
    const id = await postComment(page, `${"word ".repeat(1_999)}last!`);
    await expect(commentParts(page, id).body).toContainText("last!");
    expect(await threadPageCommentCount(page)).toBe(before + 1);
  });

  test("if the session ends while writing, posting says so and keeps the text", async ({ page, context }) => {
    await signUp(page);
    const thread = await openThread(page, 3);
    const text = unique("Written before the session ended");
    await newCommentBox(page).fill(text);

    // Sign out in another tab of the same browser.
    const other = await context.newPage();
    await other.goto(thread.path);
    await signOut(other);
    await other.close();

    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Your session has ended\. Sign in again/);
    await expect(newCommentBox(page)).toHaveValue(text);
    await page.reload();
    await expect(page.getByText(text)).toHaveCount(0);
  });

  for (const [label, body] of [
    ["an empty", ""],
    ["a whitespace-only", "   \n\t  "],
  ] as const) {
    test(`submitting ${label} comment says "Write a comment first." next to the form and stores nothing`, async ({ page }) => {
      await signUp(page);
      await openThread(page, 3);
      const before = await threadPageCommentCount(page);

      await newCommentBox(page).fill(body);
      await page.getByRole("button", { name: "Post comment" }).click();

      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Write a comment first.");
      await expect(newCommentBox(page)).toHaveAccessibleDescription("Write a comment first.");
      await expect(newCommentBox(page)).toHaveAttribute("aria-invalid", "true");

      await page.reload();
      expect(await threadPageCommentCount(page)).toBe(before);
    });
  }

  test("an empty reply shows the error inside that reply form, not at the top of the thread", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    const item = commentParts(page, await postComment(page, unique("Reply to me")));
    await item.button("Reply").click();
    await item.button("Post reply").click();
    await expect(item.alert).toHaveText("Write a comment first.");
    await expect(item.textbox(/^Reply to /)).toHaveAccessibleDescription("Write a comment first.");
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(1);
  });

  test("saving an empty edit is refused and the comment keeps its text", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    const text = unique("Do not blank me");
    const item = commentParts(page, await postComment(page, text));
    await item.button("Edit").click();
    await item.textbox("Edit your comment").fill("  ");
    await item.button("Save edit").click();
    await expect(item.alert).toHaveText("Write a comment first.");
    await page.reload();
    await expect(item.body).toHaveText(text);
    await expect(item.editedMark).toHaveCount(0);
  });

  test("a comment over 10,000 characters shows the length error, keeps the typed text and stores nothing", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    const before = await threadPageCommentCount(page);
    const long = "a".repeat(10_001);

    await newCommentBox(page).fill(long);
    await page.getByRole("button", { name: "Post comment" }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Comments are at most 10,000 characters (this one has 10,001).");
    await expect(newCommentBox(page)).toHaveValue(long);

    await page.reload();
    expect(await threadPageCommentCount(page)).toBe(before);
  });

  test("after a refused empty comment, posting a real one clears the error and the box", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Write a comment first.");

    const text = unique("Second try");
    const id = await postComment(page, text);
    await expect(commentParts(page, id).body).toHaveText(text);
    await expect(page.getByText("Write a comment first.")).toHaveCount(0);
    await expect(newCommentBox(page)).toHaveValue("");
  });
});

test.describe("Markdown in comments", () => {
  test("a javascript: link is not rendered as a clickable link", async ({ page }) => {
    await signUp(page);
    await openThread(page, 4);
    const id = await postComment(page, `[click me](javascript:alert(1)) ${unique("js-link")}`);
    const body = commentParts(page, id).body;
    await expect(body).toContainText("click me");
    await expect(body.getByRole("link")).toHaveCount(0);
  });

  test("**bold** renders as strong text and links get rel nofollow ugc noopener", async ({ page }) => {
    await signUp(page);
    await openThread(page, 4);
    const id = await postComment(page, `This is **very bold** — see [the example](https://example.com) ${unique("md")}`);
    const body = commentParts(page, id).body;

    await expect(body.locator("strong")).toHaveText("very bold");
    await expect(body).not.toContainText("**");
    const link = body.getByRole("link", { name: "the example" });
    await expect(link).toHaveAttribute("href", "https://example.com");
    const rel = ((await link.getAttribute("rel")) ?? "").split(/\s+/);
    expect(rel).toEqual(expect.arrayContaining(["nofollow", "ugc", "noopener"]));
  });

  test("a <script> tag in a comment shows as literal text and never runs", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signUp(page);
    await openThread(page, 4);
    const marker = unique("xss");
    const id = await postComment(page, `<script>alert(1)</script> ${marker}`);

    const body = commentParts(page, id).body;
    await expect(body).toContainText(`<script>alert(1)</script> ${marker}`);
    await expect(body.locator("script")).toHaveCount(0);
    await page.reload();
    await expect(body).toContainText("<script>alert(1)</script>");
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });
});

test.describe("other people's comments and permalinks", () => {
  test("another user sees Reply but no Edit or Delete on someone else's comment", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 5);
    const id = await postComment(page, unique("Mine, not yours"));
    const item = commentParts(page, id);
    await expect(item.button("Edit")).toBeVisible();
    await expect(item.button("Delete")).toBeVisible();
    await signOut(page);

    await signUp(page);
    await openAt(page, thread.path, id);
    await expect(item.button("Reply")).toBeVisible();
    await expect(item.button("Edit")).toHaveCount(0);
    await expect(item.button("Delete")).toHaveCount(0);
  });

  test("clicking a comment's time opens its permalink page with that comment highlighted", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 5);
    const parentId = await postComment(page, unique("Permalink parent"));
    const replyText = unique("Permalink target");
    const replyId = await replyTo(page, parentId, replyText);
    await openAt(page, thread.path, replyId);

    const reply = commentParts(page, replyId);
    await expect(reply.permalink).toHaveText(/just now|ago/);
    await reply.permalink.click();

    await expect(page).toHaveURL(new RegExp(`/t/${thread.id}/c/${replyId}$`));
    await expect(reply.article).toHaveClass(/\bfocused\b/);
    await expect(reply.body).toHaveText(replyText);
    await expect(page.locator("article.focused")).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Show parent comment" })).toBeVisible();
  });

  test("a user's name on a comment links to their profile listing the comment", async ({ page }) => {
    const account = await signUp(page);
    await openThread(page, 5);
    const text = unique("On my profile");
    const item = commentParts(page, await postComment(page, text));
    await item.article.getByRole("link", { name: account.name, exact: true }).click();
    await expect(page).toHaveURL(/\/u\/[a-z0-9]+$/i);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.name);
    await expect(page.getByText(text)).toBeVisible();
  });
});
