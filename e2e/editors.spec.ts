import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { newEditor, proposePoints } from "./editor-helpers";
import { expect, newContext, signUp, test, unique } from "./helpers";

// Editors publish articles from the web: from a pasted text and from an uploaded file (without JavaScript), edit
// a point (its excerpt checked against the article), close an article; the home page lists what is published;
// a member cannot reach /editor, nor see a draft.

test.describe.configure({ timeout: 120_000 });

/** The new-article form's answer (the page has another, empty alert region: Next's route announcer). */
const newArticleAlert = (page: Page) => page.getByRole("form", { name: "New article" }).getByRole("alert");

function articleText(title: string): string {
  return `# ${title}

## Night buses keep cities working

Cleaners, nurses and bakers start before the first train. A night bus is how they get there.

## They cost little to run

Empty roads make night routes fast. A few buses cover a whole city.`;
}

test("an editor publishes an article from pasted text, edits a point (the excerpt is checked), and closes the article", async ({ page, browser }, testInfo) => {
  await newEditor(page, browser, testInfo);
  const title = unique("Night buses");
  const slug = unique("night buses")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");

  // Bad input: each a clear message, nothing stored (the form keeps what was typed).
  await proposePoints(page, { source: "The Test Gazette", text: "   " });
  await expect(newArticleAlert(page)).toHaveText("Paste the article's text or choose a .md or .txt file.");
  await proposePoints(page, { source: "The Test Gazette", text: `# ${title}\n\n<div>Styled</div> paragraph.` });
  await expect(newArticleAlert(page)).toHaveText("The article contains raw HTML (<div>); paste it as plain text or Markdown");
  await expect(page.getByLabel("The article's text")).toHaveValue(/<div>Styled<\/div>/);

  await proposePoints(page, { source: "The Test Gazette", slug, text: articleText(title) });
  await page.waitForURL(/\/editor\/(?!new$)[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Point 1: Night buses keep cities working" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Point 2: They cost little to run" })).toBeVisible();
  const editorUrl = page.url();

  // A draft: invisible to a member, previewed by the editor.
  const member = await (await newContext(browser, testInfo)).newPage();
  await signUp(member);
  expect((await member.goto(`/a/${slug}`))?.status()).toBe(404);
  await page.getByRole("link", { name: /Preview the article/ }).click();
  await expect(page.getByText("Draft preview: only editors can see this article")).toBeVisible();
  await page.goto(editorUrl);

  // Editing a point: words the article does not have are refused; its own words are saved.
  const point = page.getByRole("form", { name: "Edit point 1" });
  await point.getByLabel("Title", { exact: true }).fill("Night workers need night buses");
  await point.getByLabel("Quoted excerpt").fill("Night buses are a luxury.");
  await point.getByRole("button", { name: "Save point" }).click();
  await expect(point.getByRole("alert")).toContainText("The excerpt is not the article's own words");
  await point.getByLabel("Quoted excerpt").fill("A night bus is how they get there.");
  await point.getByRole("button", { name: "Save point" }).click();
  await expect(point.getByRole("status")).toHaveText("Point saved.");

  // A second try with the same address is refused.
  await proposePoints(page, { source: "The Test Gazette", slug, text: articleText(`${title} again`) });
  await expect(newArticleAlert(page)).toHaveText(`Another article already has the address /a/${slug}: choose a different slug.`);

  await page.goto(editorUrl);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published: everyone can read it now.")).toBeVisible();

  // Readers see it on the home page and at /a/<slug>, the edited point included.
  await member.goto("/");
  const card = member.getByRole("listitem").filter({ has: member.getByRole("link", { name: title }) });
  await expect(card).toContainText("2 points");
  await expect(card).toContainText("The Test Gazette");
  await member.goto(`/a/${slug}`);
  await member.getByRole("link", { name: "Night workers need night buses" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Night workers need night buses" })).toBeVisible();
  await expect(member.locator(".excerpt blockquote")).toHaveText("A night bus is how they get there.");
  await expect(member.getByRole("button", { name: "Post comment" })).toBeVisible();
  const threadUrl = member.url();

  // Closed: a read-only archive with a banner, no comment box.
  await page.goto(editorUrl);
  await page
    .getByRole("form", { name: "Close the article" })
    .getByLabel(/Reason/)
    .fill("The debate has run its course.");
  await page.getByRole("button", { name: "Close to new comments" }).click();
  await expect(page.getByText("Article closed to new comments.")).toBeVisible();
  await member.goto(threadUrl);
  await expect(member.getByText(/This article is closed: it is a read-only archive/)).toBeVisible();
  await expect(member.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  await member.goto(`/a/${slug}/moderation`);
  await expect(member.getByText("The debate has run its course.")).toBeVisible();

  // The editors' list shows it closed.
  await page.goto("/editor");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Closed");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an editor publishes an article uploaded as a .md file; a file of the wrong kind is refused", async ({ page, browser }, testInfo) => {
    await newEditor(page, browser, testInfo);
    const title = unique("Uploaded bikes");

    await page.goto("/editor/new");
    const form = page.getByRole("form", { name: "New article" });
    await form.getByLabel("Source (publication or author)").fill("The Upload Review");
    await form
      .getByLabel(/upload a \.md or \.txt file/)
      .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await form.getByRole("button", { name: "Propose the points" }).click();
    await expect(newArticleAlert(page)).toHaveText("Upload a .md or .txt file (plain text or Markdown).");

    await page.goto("/editor/new");
    await form.getByLabel("Source (publication or author)").fill("The Upload Review");
    await form.getByLabel(/upload a \.md or \.txt file/).setInputFiles({
      name: "bikes.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(`# ${title}\n\nBike lanes make short trips safe.\n\nShops on cycled streets sell more.\n\nParking takes more room than lanes.`),
    });
    await form.getByRole("button", { name: "Propose the points" }).click();
    await page.waitForURL(/\/editor\/(?!new$)[a-z0-9]+$/);
    // No ## headings: one point per paragraph.
    await expect(page.getByRole("heading", { level: 3, name: /^Point \d:/ })).toHaveCount(3);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("button", { name: "Close to new comments" })).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });
});

test("a member cannot reach /editor or its pages", async ({ page }) => {
  await signUp(page);
  for (const path of ["/editor", "/editor/new"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Editor" })).toHaveCount(0);
});

test("the home page explains Agora to a newcomer and lists the published articles; sitemap.xml and robots.txt list the public pages", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Discuss an article, one point at a time" })).toBeVisible();
  await expect(page.getByText("Say where you stand")).toBeVisible();
  await expect(page.getByRole("region", { name: "Articles under discussion" }).getByRole("link", { name: /TikTok/ })).toBeVisible();

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/a/tiktok-sparks-good</loc>");
  expect(sitemap).toMatch(/\/t\/[a-z0-9]+<\/loc>/);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /editor");
  expect(robots).toMatch(/Sitemap: http:\/\/[^/]+\/sitemap\.xml/);
});

test("screenshots of the home page and the editor's pages at 375 and 1280 px, light and dark, for a person to look at", async ({ page, browser }, testInfo) => {
  const dir = "test-results/screenshots";
  mkdirSync(dir, { recursive: true });
  await newEditor(page, browser, testInfo);
  await proposePoints(page, { source: "The Screenshot Times", text: articleText(unique("Night buses, pictured")) });
  await page.waitForURL(/\/editor\/(?!new$)[a-z0-9]+$/);
  const editorUrl = page.url();
  await page.getByRole("link", { name: /Preview the article/ }).click();
  await page.waitForURL(/\/a\/[a-z0-9-]+$/);
  const previewUrl = page.url();
  const pages = { home: "/", editor: "/editor", "editor-new": "/editor/new", "editor-article": editorUrl, "editor-preview": previewUrl };
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, width] of [
      ["mobile", 375],
      ["desktop", 1280],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      for (const [label, url] of Object.entries(pages)) {
        await page.goto(url);
        await page.screenshot({ path: `${dir}/editors-${label}-${name}-${scheme}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${label} ${name} ${scheme} horizontal overflow`).toBeLessThanOrEqual(0);
      }
    }
  }
});
