import {
  commentParts,
  expect,
  fillSignUp,
  newAccount,
  newCommentBox,
  newContext,
  openThread,
  postComment,
  signInAsAdmin,
  signUp,
  submitAndGetCommentId,
  test,
} from "./helpers";

/** Letters only, unique to this run: a word no other spec writes. */
function randomLetters(length = 8): string {
  let out = "";
  while (out.length < length)
    out += Math.random()
      .toString(36)
      .replace(/[^a-z]/g, "");
  return out.slice(0, length);
}

test.describe("display names that identify", () => {
  test("a name that reads the same as a member's, in look-alike letters, is refused at sign-up and on /settings/name", async ({ page, browser }, testInfo) => {
    test.slow();
    const first = await signUp(page, { name: `Quill ${randomLetters(6)}` });
    // The same name with a Cyrillic "і" for the Latin "i".
    const lookalike = first.name.replace("Quill", "Qu\u0456ll");
    const visitor = await (await newContext(browser, testInfo)).newPage();
    await visitor.goto("/signup");
    await fillSignUp(visitor, newAccount({ name: lookalike }));
    await expect(visitor.getByText("That display name is taken, or reads the same as one that is. Choose another.")).toBeVisible();
    await expect(visitor.getByLabel("Display name", { exact: true })).toHaveAttribute("aria-invalid", "true");

    // Signed in, a member cannot take it (nor a reserved name) from the name page either; their own new name works.
    const second = await signUp(visitor);
    await visitor.goto("/settings/name");
    const field = visitor.getByLabel("Display name", { exact: true });
    await field.fill(first.name.toUpperCase());
    await visitor.getByRole("button", { name: "Change display name" }).click();
    await expect(visitor.getByRole("main").getByRole("alert")).toHaveText("That display name is taken, or reads the same as one that is. Choose another.");
    await field.fill("Admin");
    await visitor.getByRole("button", { name: "Change display name" }).click();
    await expect(visitor.getByRole("main").getByRole("alert")).toHaveText("That name is reserved. Choose another.");
    const renamed = `Renamed ${randomLetters(6)}`;
    await field.fill(renamed);
    await visitor.getByRole("button", { name: "Change display name" }).click();
    await expect(visitor.getByRole("main").getByRole("status")).toHaveText(`Your display name is now “${renamed}”.`);
    expect(second.name).not.toBe(renamed);
  });

  test("an admin's comment carries a staff badge that screen readers read", async ({ page }) => {
    await signInAsAdmin(page);
    await openThread(page, 3);
    const id = await postComment(page, `Staff note ${randomLetters()}`);
    const parts = commentParts(page, id);
    await expect(parts.article).toHaveAccessibleName(/^Comment by .+ \(admin\)$/);
    await expect(parts.article.locator(".comment-meta").getByText("Admin", { exact: true })).toBeVisible();
    await parts.article.locator(".comment-meta a.author").click();
    await expect(page.getByRole("heading", { level: 1 }).locator(".badge-staff")).toHaveText("Admin");
  });
});

test.describe("the word filter reads what readers read", () => {
  test("a blocked word written with a character reference, a Cyrillic letter or bold inside is refused", async ({ page, browser }, testInfo) => {
    // Two accounts, a filter added and removed, four attempts: more steps than most tests.
    test.slow();
    const word = `zork${randomLetters(6)}`;
    await signInAsAdmin(page);
    await page.goto("/admin");
    const add = page.getByRole("form", { name: "Add a word filter" });
    await add.getByLabel("Word or phrase").fill(word);
    await add.getByLabel("Then").selectOption("block");
    await add.getByRole("button", { name: "Add" }).click();
    await expect(page.locator("code", { hasText: word })).toBeVisible();

    try {
      const member = await (await newContext(browser, testInfo)).newPage();
      await signUp(member);
      await openThread(member, 3);
      const box = newCommentBox(member);
      for (const bypass of [
        `${word.slice(0, 4)}&#${word.charCodeAt(4)};${word.slice(5)}`,
        word.replace("o", "\u043e"),
        `${word.slice(0, 4)}**${word[4]}**${word.slice(5)}`,
        `${word.slice(0, 3)}\u200e${word.slice(3)}`,
      ]) {
        await box.fill(`I say ${bypass} here`);
        await member.getByRole("button", { name: "Post comment" }).click();
        await expect(member.getByRole("alert").filter({ hasText: `contains “${word}”, which is not allowed here` })).toBeVisible();
      }
    } finally {
      await page.goto("/admin");
      await page
        .locator("li", { has: page.locator("code", { hasText: word }) })
        .getByRole("button", { name: "Remove" })
        .click();
      await expect(page.locator("code", { hasText: word })).toHaveCount(0);
    }
  });
});

test.describe("mentions", () => {
  test("a mention is a link to the member's page, and the poster is told which names matched nobody", async ({ page, browser }, testInfo) => {
    const named = await signUp(page, { name: `Wren ${randomLetters(6)}` });
    const handle = named.name.replace(" ", "");
    const nobody = `nobody${randomLetters(6)}`;
    const poster = await (await newContext(browser, testInfo)).newPage();
    await signUp(poster);
    await openThread(poster, 3);
    const id = await postComment(poster, `Over to you, @${handle}, and to @${nobody}.`);
    const link = commentParts(poster, id).body.getByRole("link", { name: `@${handle}` });
    await expect(link).toBeVisible();
    await expect(poster.getByRole("status").filter({ hasText: `@${nobody} matches no member` })).toBeVisible();
    await link.click();
    await expect(poster.getByRole("heading", { level: 1, name: named.name })).toBeVisible();
  });

  test("typing @ offers names, the thread's participants first; the keyboard picks one and it posts as a link", async ({ page, browser }, testInfo) => {
    test.slow();
    const stem = `Kestrel${randomLetters(5)}`;
    // One member comments in the thread; another, with the same start, never has.
    const elsewhere = await signUp(page, { name: `${stem} Alpha` });
    const participant = await (await newContext(browser, testInfo)).newPage();
    const inThread = await signUp(participant, { name: `${stem} Zulu` });
    const { path } = await openThread(participant, 3);
    await postComment(participant, `I am here ${randomLetters()}`);

    const poster = await (await newContext(browser, testInfo)).newPage();
    await signUp(poster);
    await poster.goto(path);
    const box = newCommentBox(poster);
    await box.pressSequentially(`Agreed with @${stem.slice(0, 10).toLowerCase()}`);
    const list = poster.getByRole("listbox", { name: "Members to mention" });
    await expect(list.getByRole("option")).toHaveText([`${inThread.name}in this thread`, elsewhere.name]);
    await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
    await expect(poster.getByText("2 members match")).toBeAttached();
    for (const width of [375, 1280]) {
      await poster.setViewportSize({ width, height: 800 });
      await box.evaluate((element) => element.scrollIntoView({ block: "center" }));
      await poster.screenshot({ path: testInfo.outputPath(`mention-suggestions-${width}.png`) });
    }
    await box.press("ArrowDown");
    await expect(list.getByRole("option", { selected: true })).toHaveText(elsewhere.name);
    await box.press("Enter");
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(`Agreed with @${elsewhere.name.replace(" ", "")} `);
    await box.pressSequentially("and @");
    await box.pressSequentially(stem.slice(0, 10));
    await expect(list.getByRole("option")).toHaveCount(2);
    await box.press("Escape");
    await expect(list).toBeHidden();
    await box.pressSequentially(" ok");
    await expect(box).toHaveValue(`Agreed with @${elsewhere.name.replace(" ", "")} and @${stem.slice(0, 10)} ok`);

    const id = await submitAndGetCommentId(poster, () => poster.getByRole("button", { name: "Post comment" }).click());
    await expect(commentParts(poster, id).body.getByRole("link", { name: `@${elsewhere.name.replace(" ", "")}` })).toHaveAttribute("href", /^\/u\//);
  });
});
