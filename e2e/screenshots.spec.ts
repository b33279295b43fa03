import { mkdirSync } from "node:fs";
import type { TestInfo } from "@playwright/test";
import { comment, openAt, openThread, postComment, replyTo, signInAsAdmin, signOut, signUp, test } from "./helpers";

const DIR = "test-results/screenshots";

/** A display name for the screenshots; a retry (names are unique) signs up as "<name> 2". */
const retryName = (name: string, testInfo: TestInfo) => (testInfo.retry ? `${name} ${testInfo.retry + 1}` : name);

test.describe("screenshots for a human to look at", () => {
  test("home page and a thread with nested comments, on desktop and mobile", async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    mkdirSync(DIR, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await signUp(page, { name: retryName("Ada Lovelace", testInfo) });
    const thread = await openThread(page, 1);
    const top = await postComment(
      page,
      "I think the **timing** says it all. Sparks Good launched right as the ban talk peaked — see [the coverage](https://example.com/coverage).",
    );
    const reply = await replyTo(page, top, "Maybe, but the small businesses in it are real. A campaign can be both PR *and* true.");
    await signOut(page);

    await signUp(page, { name: retryName("Grace Hopper", testInfo) });
    await openAt(page, thread.path, reply);
    const nested = await replyTo(
      page,
      reply,
      "Both can be true. The question is whether it changes anything about the data-access worry, which it doesn't:\n\n> a direct response to the possible ban\n\n- PR is PR\n- regulators decide",
    );
    await replyTo(page, nested, "A very long word to test wrapping: " + "Supercalifragilisticexpialidocious".repeat(4));
    await postComment(page, "A second top-level comment, to show the list continues after a nested chain.");

    await openAt(page, thread.path, top);
    await page.screenshot({ path: `${DIR}/thread.png`, fullPage: true });
    await comment(page, top).screenshot({ path: `${DIR}/thread-nested.png` });
    await page.goto("/");
    await page.screenshot({ path: `${DIR}/home.png`, fullPage: true });

    await page.setViewportSize({ width: 375, height: 812 });
    await openAt(page, thread.path, top);
    await page.screenshot({ path: `${DIR}/thread-mobile.png`, fullPage: true });
    await comment(page, top).screenshot({ path: `${DIR}/thread-nested-mobile.png` });
    await page.getByRole("banner").screenshot({ path: `${DIR}/header-mobile.png` });
    await page.goto("/");
    await page.screenshot({ path: `${DIR}/home-mobile.png`, fullPage: true });
  });
});

test.describe("the thread page as a member sees it", () => {
  test("at 375 px and 1280 px, light and dark, with JavaScript on and off", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    mkdirSync(DIR, { recursive: true });
    await signUp(page, { name: retryName("Mina Reader", testInfo) });
    const thread = await openThread(page, 1);
    const top = await postComment(page, "The initiative's **small-business** stories check out: see [the coverage](https://example.com/coverage).");
    const mine = await replyTo(page, top, "Checked two of them myself; both shops exist.");
    const state = await page.context().storageState();
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: state, javaScriptEnabled });
      const member = await context.newPage();
      for (const colorScheme of ["light", "dark"] as const) {
        await member.emulateMedia({ colorScheme });
        for (const width of [375, 1280]) {
          await member.setViewportSize({ width, height: 900 });
          await openAt(member, thread.path, top);
          const name = `thread-member-${width}-${colorScheme}-${javaScriptEnabled ? "js" : "nojs"}.png`;
          await member.screenshot({ path: `${DIR}/${name}`, fullPage: true });
        }
      }
      if (javaScriptEnabled) {
        // A control opened inline, as a member uses it.
        await member.setViewportSize({ width: 375, height: 900 });
        await openAt(member, thread.path, top);
        await comment(member, top).getByRole("button", { name: "Reply" }).first().click();
        await comment(member, top).screenshot({ path: `${DIR}/thread-member-375-reply-open.png` });
      } else {
        // Without JavaScript each control is its own page: a reply, an edit, a report on the thread.
        await member.emulateMedia({ colorScheme: "light" });
        await member.setViewportSize({ width: 375, height: 900 });
        for (const [name, path] of [
          ["reply", `${thread.path}/c/${top}/reply`],
          ["edit", `${thread.path}/c/${mine}/edit`],
          ["report-thread", `${thread.path}/report`],
        ] as const) {
          await member.goto(path);
          await member.screenshot({ path: `${DIR}/form-${name}-375-nojs.png`, fullPage: true });
        }
      }
      await context.close();
    }
  });
});

test.describe("the thread page as a moderator sees it", () => {
  test("the moderator's tools and a comment's controls, at 375 px and 1280 px", async ({ page }) => {
    mkdirSync(DIR, { recursive: true });
    await signUp(page);
    const thread = await openThread(page, 1);
    const top = await postComment(page, "A comment for the moderator to look at.");
    await signOut(page);
    await signInAsAdmin(page);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await openAt(page, thread.path, top);
      await page.screenshot({ path: `${DIR}/thread-moderator-${width}.png`, fullPage: true });
    }
  });
});
