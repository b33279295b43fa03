import type { Page } from "@playwright/test";
import { newEditor, proposePoints } from "./editor-helpers";
import { expect, newContext, test, unique } from "./helpers";

// Articles that answer articles: an editor publishes an article, then a rebuttal of it whose second point answers
// the first article's first point; readers see the link both ways, on the threads and on the article maps.

test.describe.configure({ timeout: 150_000 });

const slugOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** Proposes, then publishes, an article from pasted text; answers its editing page's URL. */
async function publish(page: Page, title: string, body: string): Promise<string> {
  await proposePoints(page, { source: "The Test Gazette", slug: slugOf(title), text: `# ${title}\n\n${body}` });
  await page.waitForURL(/\/editor\/(?!new$)[a-z0-9]+$/);
  const editorUrl = page.url();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published: everyone can read it now.")).toBeVisible();
  return editorUrl;
}

test("an editor marks a rebuttal and links its point; both threads and both maps show the link", async ({ page, browser }, testInfo) => {
  await newEditor(page, browser, testInfo);
  const original = unique("Parks cool cities");
  const rebuttal = unique("Parks are not enough");
  await publish(
    page,
    original,
    "## Trees lower the heat\n\nA street lined with trees is cooler.\n\n## Parks pay for themselves\n\nHomes near parks sell for more.",
  );
  const editorUrl = await publish(
    page,
    rebuttal,
    "## Shade needs water\n\nTrees need water in dry summers.\n\n## Heat is a housing problem\n\nCool streets do not cool hot flats.",
  );

  // The rebuttal answers the original; its second point answers the original's first.
  await page.goto(editorUrl);
  const answers = page.getByRole("form", { name: "Which article this one answers" });
  await answers.getByRole("combobox", { name: "The article it answers" }).selectOption({ label: original });
  await answers.getByRole("radio", { name: /a rebuttal/ }).check();
  await answers.getByRole("button", { name: "Save" }).click();
  await expect(answers.getByRole("status")).toHaveText("Saved: now link each point to the points it answers.");
  await page.reload();
  const links = page.getByRole("form", { name: "Points point 2 answers" });
  await links.getByRole("checkbox", { name: "Point 1: Trees lower the heat" }).check();
  await links.getByRole("button", { name: "Save links" }).click();
  await expect(links.getByRole("status")).toHaveText("Links saved.");

  // A reader on the original's first point is told where it is answered, and can follow it.
  const reader = await (await newContext(browser, testInfo)).newPage();
  await reader.goto(`/a/${slugOf(original)}`);
  await expect(reader.getByText(`Answered by (a rebuttal): ${rebuttal}`)).toBeVisible();
  const map = reader.getByRole("listitem").filter({ has: reader.getByRole("link", { name: "Trees lower the heat" }) });
  await expect(map.getByRole("link", { name: `${rebuttal} — Heat is a housing problem` })).toBeVisible();
  await reader.getByRole("link", { name: "Trees lower the heat" }).click();
  await expect(reader.getByRole("heading", { level: 1, name: "Trees lower the heat" })).toBeVisible();
  const answeredIn = reader.getByRole("list", { name: "Links to other articles" });
  await expect(answeredIn).toContainText("Answered in (rebuttal):");
  await answeredIn.getByRole("link", { name: `${rebuttal} — Heat is a housing problem` }).click();

  // ...and from the rebuttal's point back to what it answers.
  await expect(reader.getByRole("heading", { level: 1, name: "Heat is a housing problem" })).toBeVisible();
  await expect(reader.getByRole("list", { name: "Links to other articles" }).getByRole("link", { name: `${original} — Trees lower the heat` })).toBeVisible();
  await reader.goto(`/a/${slugOf(rebuttal)}`);
  await expect(reader.getByText(`This article is a rebuttal of ${original}.`)).toBeVisible();
});
