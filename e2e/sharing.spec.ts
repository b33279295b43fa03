import { commentParts, expect, openThread, postComment, SEEDED_ARTICLE, signUp, test, unique } from "./helpers";
import type { Page } from "@playwright/test";

// What a shared link and a feed reader see: Open Graph previews and Atom feeds of the discussion.

async function meta(page: Page, property: string): Promise<string | null> {
  return page.locator(`meta[property="${property}"], meta[name="${property}"]`).first().getAttribute("content");
}

type FeedEntry = { title: string; link: string; author: string; content: string };

/** Fetches an Atom feed in the page and parses it the way a feed reader would (DOMParser, XML). */
async function readFeed(page: Page, url: string) {
  return page.evaluate(async (feedUrl) => {
    const response = await fetch(feedUrl);
    const xml = new DOMParser().parseFromString(await response.text(), "application/xml");
    const text = (el: Element | null | undefined) => el?.textContent ?? "";
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      parseError: xml.querySelector("parsererror") !== null,
      title: text(xml.querySelector("feed > title")),
      entries: [...xml.querySelectorAll("entry")].map((entry) => ({
        title: text(entry.querySelector("title")),
        link: entry.querySelector("link")?.getAttribute("href") ?? "",
        author: text(entry.querySelector("author > name")),
        content: text(entry.querySelector("content")),
      })) satisfies FeedEntry[],
    };
  }, url);
}

test.describe("sharing and feeds", () => {
  test("the home page and an article's page have a title, description and Open Graph tags; the article advertises its feed", async ({ page, baseURL }) => {
    for (const path of ["/", SEEDED_ARTICLE]) {
      await page.goto(path);
      const heading = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
      await expect(page).toHaveTitle(`${heading} · Agora`);
      expect(await meta(page, "description")).toMatch(/\w.{20,}/);
      expect(await meta(page, "og:title")).toBe(heading);
      expect(await meta(page, "og:description")).toBe(await meta(page, "description"));
      expect(await meta(page, "og:site_name")).toBe("Agora");
      expect(await meta(page, "og:type")).toBe("website");
      expect(await meta(page, "og:url")).toMatch(new RegExp(`^${baseURL}${path === "/" ? "/?" : path}$`));
    }
    const feed = page.locator('link[rel="alternate"][type="application/atom+xml"]');
    await expect(feed).toHaveAttribute("href", /^http:\/\/[^/]+\/a\/[\w-]+\/feed\.xml$/);
    await expect(page.getByRole("link", { name: "Follow new comments (Atom feed)" })).toBeVisible();
  });

  test("a thread has Open Graph tags naming the point, and its feed gains a comment once it is posted", async ({ page, baseURL }) => {
    await signUp(page);
    const thread = await openThread(page, 2);
    expect(await meta(page, "og:title")).toBe(thread.title);
    expect(await meta(page, "og:type")).toBe("article");
    expect(await meta(page, "og:url")).toBe(`${baseURL}${thread.path}`);
    expect(await meta(page, "og:description")).toMatch(/\w.{20,}/);

    const body = `${unique("feed")} says **this** <script>window.__fed = 1</script>`;
    const commentId = await postComment(page, body);
    const feedHref = await page.getByRole("link", { name: "Follow this point's comments (Atom feed)" }).getAttribute("href");
    const feed = await readFeed(page, feedHref!);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain("application/atom+xml");
    expect(feed.parseError).toBe(false);
    expect(feed.title).toContain(thread.title);
    const entry = feed.entries[0]!;
    expect(entry.link).toBe(`${baseURL}${thread.path}/c/${commentId}`);
    // The entry's HTML is the page's rendered Markdown: bold kept, the script only as escaped text.
    expect(entry.content).toContain("<strong>this</strong>");
    expect(entry.content).toContain("&lt;script&gt;");
    expect(entry.content).not.toContain("<script>");

    // The permalink a feed reader follows opens the comment.
    await page.goto(entry.link);
    await expect(page.locator(`#c-${commentId}`)).toBeVisible();
  });

  test("the article feed names each comment's point and leaves out deleted comments", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 4);
    const keep = unique("kept");
    const gone = unique("gone");
    await postComment(page, keep);
    const goneId = await postComment(page, gone);
    page.once("dialog", (dialog) => void dialog.accept());
    await commentParts(page, goneId).button("Delete").click();
    await expect(page.getByText(gone)).toHaveCount(0);

    await page.goto(SEEDED_ARTICLE);
    const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
    const feed = await readFeed(page, href!);
    const kept = feed.entries.find((entry) => entry.content.includes(keep));
    expect(kept?.title).toContain(`on “${thread.title}”`);
    expect(feed.entries.some((entry) => entry.content.includes(gone))).toBe(false);
  });
});
