import { mkdirSync } from "node:fs";
import { comment, openAt, openThread, postComment, replyTo, signOut, signUp, test } from "./helpers";

const DIR = "test-results/screenshots";

test.describe("screenshots for a human to look at", () => {
  test("home page and a thread with nested comments, on desktop and mobile", async ({ page }) => {
    test.setTimeout(60_000);
    mkdirSync(DIR, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await signUp(page, { name: "Ada Lovelace" });
    const thread = await openThread(page, 1);
    const top = await postComment(
      page,
      "I think the **timing** says it all. Sparks Good launched right as the ban talk peaked — see [the coverage](https://example.com/coverage).",
    );
    const reply = await replyTo(page, top, "Maybe, but the small businesses in it are real. A campaign can be both PR *and* true.");
    await signOut(page);

    await signUp(page, { name: "Grace Hopper" });
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
