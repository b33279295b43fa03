import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page, TestInfo } from "@playwright/test";
import { parseArticleText } from "../lib/article-import";
import { E2E_ADMIN } from "./accounts";
import { accountNav, commentParts, expect, expectSignedOut, fillSignUp, newAccount, postComment, test, visitorIp } from "./helpers";
import { literalTag, XSS_PAYLOADS, type PayloadKind, type XssPayload } from "./xss-payloads";

/*
 * Stored XSS: the corpus in xss-payloads.ts goes in through every way text enters Agora — comment bodies
 * (posted and edited), display names, report notes, moderation reasons and an imported article — and every
 * page that shows it is searched for anything that runs or was injected.
 *
 * A few items of each kind go through the real forms; the rest are sent to the same server actions with the
 * member's session, as the form would send them (with JavaScript, or without it where the action redirects),
 * which is much faster than typing 150 forms.
 * Most pages are read with the Content-Security-Policy bypassed, so the test sees what the markup itself
 * lets through rather than what the CSP happens to block; the visitor's pass keeps the CSP and also fails
 * on any violation report.
 */

// Generous limits: each test loads a dozen pages, which takes far longer on a busy machine than on an idle one.
test.describe.configure({ mode: "serial", timeout: 120_000 });

// Spread so that no thread has more than a page (20) of top-level comments.
const THREADS_WITH_COMMENTS = 6;
const REPORT_NOTE_MAX = 500;

type Member = { context: BrowserContext; id: string; name: string; page: () => Promise<Page> };
type Posted = { payload: XssPayload; id: string; threadId: string; author: Member; parentId?: string; edited?: boolean };
type Hidden = { comment: Posted; reason: string };

const seeded = {
  origin: "",
  /** The first article's threads carry the comments. */
  articles: [] as Imported[],
  threadIds: [] as string[],
  authors: [] as Member[],
  admin: undefined as Member | undefined,
  comments: [] as Posted[],
  /** Views threads as a member: the author of the "</script>" payload, whose own bodies go to the Edit form's props. */
  member: undefined as Member | undefined,
  notes: [] as { comment: Posted; note: string }[],
  hidden: [] as Hidden[],
  suspension: undefined as { member: Member; reason: string } | undefined,
};
const contexts: BrowserContext[] = [];
const dialogs = new Map<BrowserContext, string[]>();

function payload(marker: string): XssPayload {
  return XSS_PAYLOADS.find((candidate) => candidate.marker === marker)!;
}

function flat(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** A browser context from its own visitor address, recording every dialog any of its pages opens. */
async function newVisitor(browser: Browser, testInfo: TestInfo, { csp = false } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": visitorIp() },
    bypassCSP: !csp,
  });
  const seen: string[] = [];
  dialogs.set(context, seen);
  context.on("dialog", (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.defineProperty(window, "__cspViolations", { value: violations });
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
  contexts.push(context);
  return context;
}

// ---------------------------------------------------------------------------------------------------------
// Storing the payloads

/** A signed-in member; their browser page is opened on first use (most members only ever call actions). */
async function memberFrom(context: BrowserContext, name: string, page?: Page): Promise<Member> {
  const home = await (await context.request.get("/")).text();
  // The header's link to the member's own page: the page's first link to a member.
  const id = /<a [^>]*?href="\/u\/([a-z0-9]+)"/i.exec(home)?.[1];
  expect(id, `signed in as ${JSON.stringify(name)}`).toBeDefined();
  let opened = page;
  return { context, id: id!, name, page: async () => (opened ??= await context.newPage()) };
}

/** Signs up through the real form with `name`; also returns the id of the action the form calls. */
async function signUpByForm(context: BrowserContext, name: string): Promise<{ member: Member; actionId: string }> {
  const page = await context.newPage();
  await page.goto("/signup");
  const actionId = await actionIdOf(page, () => fillSignUp(page, newAccount({ name })));
  await page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 });
  return { member: await memberFrom(context, name, page), actionId };
}

/** Signs up through the sign-up action the form calls; the session cookie lands in the context. */
async function signUpByAction(context: BrowserContext, actionId: string, name: string): Promise<Member> {
  const account = newAccount({ name });
  const location = await submitForm(context, actionId, "/signup", { name, email: account.email, password: account.password, callbackUrl: "/" });
  expect(new URL(location, seeded.origin).pathname, `signing up as ${JSON.stringify(name)}`).toBe("/");
  return memberFrom(context, name);
}

async function signInAdmin(context: BrowserContext): Promise<Member> {
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(E2E_ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const outcome = await Promise.race([
    page.waitForURL((url) => url.pathname === "/").then(() => "in" as const),
    page
      .getByText("Email or password is incorrect.")
      .waitFor()
      .then(() => "unknown" as const),
  ]);
  if (outcome === "unknown") {
    await page.goto("/signup");
    await fillSignUp(page, { ...E2E_ADMIN });
    await page.waitForURL((url) => url.pathname === "/");
  }
  await expect(page.getByRole("link", { name: /Moderation queue/ })).toBeVisible();
  return memberFrom(context, E2E_ADMIN.name, page);
}

/** A payload display names refuse: the sign-up form says why, and nobody is signed up. */
async function expectNameRefused(context: BrowserContext, name: string): Promise<void> {
  const page = await context.newPage();
  await page.goto("/signup");
  await fillSignUp(page, newAccount({ name }));
  await expect(page.getByText(/^Display names cannot contain (characters that change the text's direction|invisible characters)/)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/signup");
  await expectSignedOut(page);
  await page.close();
}

/** Runs `act` and returns the server action id of the POST it makes. */
async function actionIdOf(page: Page, act: () => Promise<unknown>): Promise<string> {
  const request = page.waitForRequest((candidate) => candidate.method() === "POST" && candidate.headers()["next-action"] !== undefined);
  await act();
  return (await request).headers()["next-action"]!;
}

/**
 * Calls a `(previousState, formData)` server action the way the form does: the action id in `Next-Action`,
 * the fields encoded as React encodes a FormData argument, the member's session cookie and a same-site Origin.
 */
async function callAction(
  context: BrowserContext,
  actionId: string,
  pagePath: string,
  fields: Record<string, string>,
): Promise<{ redirect?: string; body: string }> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  // The arguments last, as React sends them: the server resolves "$K1" against the fields read before it.
  multipart.append("0", '[{"ok":true},"$K1"]');
  const response = await context.request.post(pagePath, {
    headers: { "next-action": actionId, origin: seeded.origin, accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  expect(response.status(), `action answered ${response.status()}`).toBe(200);
  return { redirect: response.headers()["x-action-redirect"], body: await response.text() };
}

/**
 * Submits an action's form as a browser without JavaScript does (the fields beside the action reference React
 * renders into the form) and returns where the action redirects. No page is rendered on the way, unlike a call
 * with JavaScript, which answers with the next page's content.
 */
async function submitForm(context: BrowserContext, actionId: string, pagePath: string, fields: Record<string, string>): Promise<string> {
  const response = await postForm(context, actionId, pagePath, fields);
  const location = response.headers()["location"];
  expect(response.status(), `${pagePath} answered ${response.status()} instead of redirecting: ${location ?? ""}`).toBe(303);
  return location!;
}

/** The POST a browser without JavaScript makes when it submits the action's form. */
async function postForm(context: BrowserContext, actionId: string, pagePath: string, fields: Record<string, string>) {
  const form = new FormData();
  form.append("$ACTION_REF_1", "");
  form.append("$ACTION_1:0", JSON.stringify({ id: actionId, bound: "$@1" }));
  form.append("$ACTION_1:1", '[{"ok":true}]');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return context.request.post(pagePath, { headers: { origin: seeded.origin }, multipart: form, maxRedirects: 0 });
}

function refusalIn(body: string): string {
  return /"message":"([^"]*)"/.exec(body)?.[1] ?? body.slice(0, 300);
}

async function postByAction(member: Member, actionId: string, payload: XssPayload, threadId: string, body: string, parentId?: string): Promise<string> {
  const location = await submitForm(member.context, actionId, `/t/${threadId}`, { threadId, parentId: parentId ?? "", body });
  const id = /#c-([a-z0-9]+)/i.exec(location)?.[1];
  expect(id, `posting ${payload.marker} did not lead to the comment: ${location}`).toBeDefined();
  return id!;
}

/** Runs each member's jobs in order, `width` members at a time (writes from every member at once would only queue). */
async function perMember<T>(jobs: { member: Member; run: () => Promise<T> }[], width = 4): Promise<T[]> {
  const byMember = new Map<Member, (() => Promise<T>)[]>();
  for (const job of jobs) byMember.set(job.member, [...(byMember.get(job.member) ?? []), job.run]);
  const queues = [...byMember.values()];
  const results: T[] = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) for (const run of queue) results.push(await run());
    }),
  );
  return results;
}

type Imported = { slug: string; seed: ReturnType<typeof parseArticleText> };

const ARTICLES = 4;

/**
 * The imported articles: every payload the importer accepts (it refuses NUL), as a section heading or a paragraph.
 * Several small articles, since one import is one transaction, and on a busy PostgreSQL 27 threads in one already
 * outlasted Prisma's 5-second limit for a transaction.
 */
function articleSources(): { text: string; source: string }[] {
  const importable = XSS_PAYLOADS.filter((candidate) => !candidate.text.includes("\u0000"));
  const size = Math.ceil(importable.length / ARTICLES);
  const parts = Array.from({ length: ARTICLES }, (_, index) => importable.slice(index * size, (index + 1) * size));
  return parts.map((part) => {
    const [title, intro, ...rest] = part;
    const lines = [`# ${title!.marker} ${flat(title!.text)}`, "", `${intro!.marker}: ${flat(intro!.text)}`, ""];
    for (let index = 0; index < rest.length; index += 2) {
      const heading = rest[index]!;
      const paragraph = rest[index + 1] ?? heading;
      lines.push(`## ${heading.marker} ${flat(heading.text)}`, "", `${paragraph.marker}: ${flat(paragraph.text)}`, "");
    }
    return { text: lines.join("\n"), source: `${payload("xss008").text} ${payload("xss005").text}` };
  });
}

/** scripts/import-article.ts against the e2e server's database (the URL playwright.config.ts hands the workers). */
async function importArticles(run: string): Promise<Imported[]> {
  const directory = await mkdtemp(path.join(tmpdir(), "agora-xss-"));
  const imported: Imported[] = [];
  try {
    for (const [index, { text, source }] of articleSources().entries()) {
      const slug = `xss-${run}-${index + 1}`;
      const file = path.join(directory, `${slug}.md`);
      await writeFile(file, text);
      const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";
      const importOnce = () =>
        promisify(execFile)(path.join("node_modules", ".bin", "tsx"), ["scripts/import-article.ts", file, "--slug", slug, "--source", source], {
          env: { ...process.env, DATABASE_URL: databaseUrl },
        });
      // Once more if the machine was too busy for the transaction's time limit: a failed import wrote nothing.
      await importOnce().catch(importOnce);
      imported.push({ slug, seed: parseArticleText(text, { slug, source }) });
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return imported;
}

// ---------------------------------------------------------------------------------------------------------
// Looking for anything that runs or was injected

/** Every problem on the page, as a line naming the element (and so the payload's marker). Runs in the page. */
function findInjections(): string[] {
  const problems: string[] = [];
  const show = (element: Element) => element.outerHTML.slice(0, 200);
  const flag = (window as unknown as { __xss?: unknown }).__xss;
  if (flag !== undefined) problems.push(`window.__xss is set: ${flag instanceof Element ? show(flag) : String(flag)}`);

  // React's own placeholder on forms whose action is a function; the only javascript: URL the app writes.
  const reactFormAction = "javascript:throw new Error('A React form was unexpectedly submitted.";
  const urlAttributes = new Set([
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "srcset",
    "xlink:href",
    "to",
    "values",
    "from",
    "by",
  ]);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`${name} attribute: ${show(element)}`);
      if (name === "srcdoc") problems.push(`srcdoc attribute: ${show(element)}`);
      if (!urlAttributes.has(name) && !name.endsWith(":href")) continue;
      if (name === "action" && element.tagName === "FORM" && attribute.value.startsWith(reactFormAction)) continue;
      // As a browser reads it: leading controls and spaces dropped, tabs and newlines removed anywhere.
      const cleaned = attribute.value
        .replace(/^[\u0000-\u0020]+/, "")
        .replace(/[\t\n\r]/g, "")
        .toLowerCase();
      let protocol = "";
      try {
        protocol = new URL(attribute.value, document.baseURI).protocol;
      } catch {
        // Not a URL at all: nothing a browser would follow.
      }
      if (/^(javascript|data|vbscript):/.test(cleaned) || ["javascript:", "data:", "vbscript:"].includes(protocol)) {
        problems.push(`${name}=${attribute.value.slice(0, 80)}: ${show(element)}`);
      }
    }
  }

  // Elements Agora never renders: only a payload could have brought them.
  const foreign =
    "base, meta[http-equiv], iframe, frame, frameset, object, embed, applet, portal, math, img, picture, video, audio, source, track, " +
    // Agora's own icons are decorative SVG paths; anything more inside an SVG came from outside.
    'svg:not([aria-hidden="true"]), svg script, svg foreignObject, svg a, svg animate, svg set, svg use, svg image, ' +
    "marquee, xmp, plaintext, noembed, noframes, body style, body link, body meta, body title, body textarea:not(form textarea)";
  for (const element of document.querySelectorAll(foreign)) problems.push(`injected <${element.tagName.toLowerCase()}>: ${show(element)}`);

  // Scripts: inline ones carry the page's nonce, the others are Next.js's own chunks from this origin.
  for (const script of document.scripts) {
    if (script.hasAttribute("src")) {
      const url = new URL(script.src, document.baseURI);
      if (url.origin !== location.origin || !url.pathname.startsWith("/_next/static/")) problems.push(`foreign script: ${show(script)}`);
    } else if (!script.nonce) {
      problems.push(`inline script without the nonce: ${show(script)}`);
    }
  }

  // Rendered Markdown may hold only what the renderer emits.
  const allowed: Record<string, string[]> = {
    P: [],
    EM: [],
    STRONG: [],
    S: [],
    CODE: ["class"],
    PRE: [],
    BLOCKQUOTE: [],
    UL: [],
    OL: ["start"],
    LI: [],
    BR: [],
    HR: [],
    A: ["href", "title", "rel"],
  };
  for (const element of document.querySelectorAll(".comment-body *")) {
    const attributes = allowed[element.tagName];
    if (!attributes) problems.push(`<${element.tagName.toLowerCase()}> in a comment body: ${show(element)}`);
    else
      for (const attribute of element.attributes)
        if (!attributes.includes(attribute.name)) problems.push(`${attribute.name} in a comment body: ${show(element)}`);
  }
  const csp = (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
  for (const violation of csp) problems.push(`CSP violation: ${violation}`);
  return problems;
}

/** Loads `path` (unless already there), lets late handlers fire, and asserts nothing ran or was injected. */
async function expectInert(page: Page, pagePath: string | null, label: string): Promise<void> {
  if (pagePath) {
    const response = await page.goto(pagePath);
    expect(response?.status(), `${label}: ${pagePath}`).toBe(200);
  }
  // onerror/onload/ontoggle/animation handlers fire within a few frames of loading.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  expect(await page.evaluate(findInjections), `${label}: ${page.url()}`).toEqual([]);
  expect(dialogs.get(page.context()), `${label}: dialogs opened`).toEqual([]);
}

type CommentExpectation = { id: string; marker: string; literal: string | null; author: string; authorId: string; hiddenReason?: string };

function expectations(comments: Posted[]): CommentExpectation[] {
  return comments.map((posted) => ({
    id: posted.id,
    marker: posted.payload.marker,
    literal: literalTag(posted.payload),
    author: posted.author.name,
    authorId: posted.author.id,
    hiddenReason: seeded.hidden.find((hidden) => hidden.comment === posted)?.reason,
  }));
}

/**
 * On a page of comments: each body shows its marker and its literal markup as text, each author link shows the
 * display name exactly, and a hidden comment shows its reason, and its body only to a moderator or its author.
 * Returns the ids found; with `allOnThisPage`, every comment must be there.
 */
async function expectCommentsShownAsText(
  page: Page,
  comments: Posted[],
  viewer: { id?: string; moderator?: boolean } = {},
  { allOnThisPage = true } = {},
): Promise<string[]> {
  const { found, problems } = await page.evaluate(
    ({ expected, viewer }) => {
      const found: string[] = [];
      const problems: string[] = [];
      for (const item of expected) {
        const article = document.getElementById(`c-${item.id}`);
        if (!article) continue;
        found.push(item.id);
        const author = article.querySelector(":scope > header .author")?.textContent;
        if (author !== item.author) problems.push(`${item.marker}: author shown as ${JSON.stringify(author)}, not ${JSON.stringify(item.author)}`);
        const notice = article.querySelector(":scope > .moderation-notice")?.textContent ?? "";
        const body = article.querySelector(":scope > .comment-body");
        if (item.hiddenReason !== undefined) {
          if (!notice.includes(item.hiddenReason.trim())) problems.push(`${item.marker}: notice ${JSON.stringify(notice)} lacks the reason`);
          if (!viewer.moderator && viewer.id !== item.authorId) {
            if (body) problems.push(`${item.marker}: a hidden body is shown to a member`);
            continue;
          }
        }
        const text = body?.textContent ?? "";
        if (!text.includes(item.marker)) problems.push(`${item.marker}: body text ${JSON.stringify(text.slice(0, 120))} lacks the marker`);
        if (item.literal && !text.includes(item.literal)) problems.push(`${item.marker}: body text lacks the literal ${item.literal}`);
      }
      return { found, problems };
    },
    { expected: expectations(comments), viewer },
  );
  expect(problems).toEqual([]);
  if (allOnThisPage) expect(found.length, `comments shown on ${page.url()}`).toBe(comments.length);
  return found;
}

/** Every page of a thread (following its "next" links): nothing runs or was injected, and every comment is shown as text. */
async function expectThreadInert(page: Page, threadId: string, label: string, viewer: { id?: string; moderator?: boolean } = {}): Promise<void> {
  const comments = commentsOnThread(threadId);
  const found: string[] = [];
  const next = page.locator('a[rel="next"]');
  for (let path: string | null = `/t/${threadId}`; path; path = (await next.count()) > 0 ? await next.first().getAttribute("href") : null) {
    await expectInert(page, path, label);
    found.push(...(await expectCommentsShownAsText(page, comments, viewer, { allOnThisPage: false })));
  }
  expect(new Set(found).size, `comments shown across the pages of thread ${threadId}`).toBe(comments.length);
}

/** The thread page that shows this comment (threads are paginated by top-level comment). */
function onItsPage(posted: Posted): string {
  return `/t/${posted.threadId}?at=${posted.id}`;
}

function commentsOnThread(threadId: string): Posted[] {
  return seeded.comments.filter((posted) => posted.threadId === threadId);
}

// ---------------------------------------------------------------------------------------------------------
// Seeding, one step per way text gets in

const timings: string[] = [];
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await step();
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (process.env.XSS_TIMINGS) console.log(timings.at(-1));
  return result;
}

/** Every display-name payload becomes a member: the first few through the form, the rest through its action. */
async function seedMembers(browser: Browser, testInfo: TestInfo, names: string[]): Promise<Member[]> {
  const [first, ...others] = names;
  const { member, actionId } = await signUpByForm(await newVisitor(browser, testInfo), first!);
  const viaForm = await Promise.all(others.slice(0, 1).map(async (name) => (await signUpByForm(await newVisitor(browser, testInfo), name)).member));
  const viaAction = await perMember(
    others.slice(1).map((name) => ({ member: { name } as Member, run: async () => signUpByAction(await newVisitor(browser, testInfo), actionId, name) })),
  );
  const refused = XSS_PAYLOADS.filter((payload) => payload.refusedAsName).map((payload) => payload.text);
  expect(refused.length).toBeGreaterThan(0);
  for (const name of refused) await expectNameRefused(await newVisitor(browser, testInfo), name);
  return [member, ...viaForm, ...viaAction];
}

/** One comment per payload: a representative few through the comment form, the rest through its action. */
async function seedComments(authors: Member[]): Promise<string> {
  const authorOf = (index: number) => authors[index % authors.length]!;
  const threadOf = (index: number) => seeded.threadIds[index % THREADS_WITH_COMMENTS]!;
  const kindsViaForm: PayloadKind[] = ["script tag", "javascript: URL", "reference link", "unicode"];
  const viaForm = kindsViaForm.map((kind) => XSS_PAYLOADS.findIndex((payload) => payload.kind === kind));

  let createId = "";
  await timed("comments via form", () =>
    Promise.all(
      viaForm.map(async (index, position) => {
        const author = authorOf(index);
        const page = await author.context.newPage();
        await page.goto(`/t/${threadOf(index)}`);
        let id = "";
        const post = async () => {
          id = await postComment(page, XSS_PAYLOADS[index]!.text);
        };
        if (position === 0) createId = await actionIdOf(page, post);
        else await post();
        seeded.comments.push({ payload: XSS_PAYLOADS[index]!, id, threadId: threadOf(index), author });
        await page.close();
      }),
    ),
  );

  // Every fifth payload is a reply to the comment four payloads up (the same thread), so parents show in the queue.
  const rest = XSS_PAYLOADS.map((payload, index) => ({ payload, index })).filter(({ index }) => !viaForm.includes(index));
  const isReply = ({ index }: { index: number }) => index % 5 === 4 && !viaForm.includes(index - THREADS_WITH_COMMENTS);
  const post = (items: typeof rest) =>
    perMember(
      items.map(({ payload, index }) => ({
        member: authorOf(index),
        run: async () => {
          const parent = isReply({ index }) ? seeded.comments.find((posted) => posted.payload === XSS_PAYLOADS[index - THREADS_WITH_COMMENTS]) : undefined;
          const id = await postByAction(authorOf(index), createId, payload, threadOf(index), payload.text, parent?.id);
          seeded.comments.push({ payload, id, threadId: threadOf(index), author: authorOf(index), ...(parent ? { parentId: parent.id } : {}) });
        },
      })),
    );
  await timed("top-level", () => post(rest.filter((item) => !isReply(item))));
  await timed("replies", () => post(rest.filter(isReply)));

  // Edited bodies: a placeholder comment whose edit is the payload; two through the Edit form.
  const placeholders = await perMember(
    XSS_PAYLOADS.map((payload, index) => ({ payload, index }))
      .filter(({ index }) => index % 12 === 3)
      .map(({ payload, index }) => ({
        member: authorOf(index + 1),
        run: async (): Promise<Posted> => {
          const id = await postByAction(authorOf(index + 1), createId, payload, threadOf(index), `A placeholder, soon edited (${payload.marker})`);
          return { payload, id, threadId: threadOf(index), author: authorOf(index + 1), edited: true };
        },
      })),
  );
  let editId = "";
  for (const placeholder of placeholders.slice(0, 2)) {
    const page = await placeholder.author.page();
    // Checked before use: a page a payload had taken over would only time out here.
    await expectInert(page, onItsPage(placeholder), "the thread page, before editing");
    const parts = commentParts(page, placeholder.id);
    await parts.button("Edit").click();
    await parts.textbox("Edit your comment").fill(placeholder.payload.text);
    editId = await actionIdOf(page, () => parts.button("Save edit").click());
    await expect(parts.editedMark).toBeVisible();
  }
  await perMember(
    placeholders.slice(2).map((placeholder) => ({
      member: placeholder.author,
      run: async () => {
        const fields = { commentId: placeholder.id, body: placeholder.payload.text };
        const location = await submitForm(placeholder.author.context, editId, `/t/${placeholder.threadId}`, fields);
        expect(location, `editing to ${placeholder.payload.marker}`).toContain(`#c-${placeholder.id}`);
      },
    })),
  );
  seeded.comments.push(...placeholders);
  return createId;
}

/** Report notes: one member reports others' comments with a payload as the note; the first through the form. */
async function seedReports(reporter: Member): Promise<void> {
  const reportable = seeded.comments.filter((posted) => posted.author !== reporter && !posted.edited && !posted.parentId);
  const notes = XSS_PAYLOADS.filter((payload, index) => index % 6 === 1 && payload.text.length <= REPORT_NOTE_MAX).map((payload, index) => ({
    comment: reportable[index * 3]!,
    note: payload.text,
  }));
  const [first, ...rest] = notes;
  const page = await reporter.page();
  await expectInert(page, onItsPage(first!.comment), "the thread page, before reporting");
  const reported = commentParts(page, first!.comment.id);
  await reported.button("Report").click();
  await reported.article.getByRole("radio").first().check();
  await reported.article.getByLabel(/Note for the moderators/).fill(first!.note);
  const reportId = await actionIdOf(page, () => reported.article.getByRole("button", { name: "Send report" }).click());
  await expect(reported.article.getByText("Thanks. A moderator will review your report.")).toBeVisible();
  for (const { comment, note } of rest) {
    const fields = { threadId: comment.threadId, commentId: comment.id, reason: "harassment", note };
    const answer = await callAction(reporter.context, reportId, `/t/${comment.threadId}`, fields);
    expect(answer.body, `reporting with a note: ${refusalIn(answer.body)}`).toContain("Thanks. A moderator will review your report.");
  }
  seeded.notes = notes;
}

/** Moderation reasons: the admin hides three unreported comments, a payload as each reason. */
async function seedModeration(admin: Member): Promise<void> {
  const reportedIds = new Set(seeded.notes.map((item) => item.comment.id));
  // Not the member's "</script>" comment, which they open in the Edit form later.
  const hideable = seeded.comments.filter((posted) => !reportedIds.has(posted.id) && !posted.parentId && !posted.edited && posted.author !== seeded.member);
  const reasons = ["xss008", "xss063", "xss085"].map((marker) => payload(marker).text);
  seeded.hidden = reasons.map((reason, index) => ({ comment: hideable[index * 5 + 2]!, reason }));
  const [first, ...rest] = seeded.hidden;
  const page = await admin.page();
  await expectInert(page, onItsPage(first!.comment), "the thread page, before moderating");
  const moderated = commentParts(page, first!.comment.id);
  await moderated.button("Moderate").click();
  await moderated.article
    .getByLabel(/^Reason/)
    .first()
    .fill(first!.reason);
  const moderateId = await actionIdOf(page, () => moderated.button("Hide").click());
  await expect(moderated.article.getByRole("status").first()).toContainText("Comment hidden.");
  for (const { comment, reason } of rest) {
    const answer = await callAction(admin.context, moderateId, `/t/${comment.threadId}`, { commentId: comment.id, kind: "hide", reason });
    expect(answer.body, `hiding with a reason: ${refusalIn(answer.body)}`).toContain("Comment hidden.");
  }
}

/** A suspension, last since the member cannot post afterwards; its reason shows in the log, on /admin and to them. */
async function seedSuspension(admin: Member): Promise<void> {
  const reportedIds = new Set(seeded.notes.map((item) => item.comment.id));
  const busy = new Set([...seeded.authors.slice(0, 3), seeded.member]);
  const suspendable = (posted: Posted) => !posted.parentId && !reportedIds.has(posted.id) && !busy.has(posted.author);
  const target = seeded.comments.findLast(suspendable)!;
  const member = target.author;
  const reason = payload("xss067").text;
  const page = await admin.page();
  await expectInert(page, onItsPage(target), "the thread page, before suspending");
  const parts = commentParts(page, target.id);
  await parts.button("Suspend author").click();
  await parts.article.getByLabel(/^For/).selectOption("1d");
  await parts.article.getByLabel(/Reason \(shown to the member\)/).fill(reason);
  await parts.button("Suspend").click();
  await expect(parts.article.getByRole("status")).toHaveText("Member suspended.");
  seeded.suspension = { member, reason };
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(240_000);
  seeded.origin = new URL(testInfo.project.use.baseURL!).origin;
  const names = XSS_PAYLOADS.filter((payload) => payload.asName).map((payload) => payload.text);
  for (const name of names) expect(name.length <= 50 && !/[\u0000-\u001f\u007f]/.test(name) && name === name.trim(), name).toBe(true);
  // Posting is limited to 10 comments a minute per member: enough members keep every one under it.
  expect(names.length * 10).toBeGreaterThan(XSS_PAYLOADS.length * 1.25);

  // The imported article's threads carry the comments, so the seeded article stays as other specs expect it.
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const [articles, admin, authors] = await Promise.all([
    timed("import", () => importArticles(run)),
    timed("admin", async () => signInAdmin(await newVisitor(browser, testInfo))),
    timed("members", () => seedMembers(browser, testInfo, names)),
  ]);
  seeded.authors = authors;
  seeded.articles = articles;
  seeded.admin = admin;
  const [{ slug, seed: article }] = articles as [Imported];
  const page = await admin.page();
  await page.goto(`/a/${slug}`);
  const links = await page.locator('.thread-list h3 a[href^="/t/"]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")!));
  seeded.threadIds = links.slice(0, THREADS_WITH_COMMENTS).map((href) => href.slice("/t/".length));
  expect(links).toHaveLength(article.points.length);

  await timed("comments", () => seedComments(seeded.authors));
  seeded.member = seeded.comments.find((posted) => posted.payload.text.startsWith("</script>"))!.author;
  await timed("reports", () => seedReports(seeded.authors[0]!));
  await timed("moderation", () => seedModeration(admin));
  await timed("suspension", () => seedSuspension(admin));
  expect(seeded.comments.length).toBeGreaterThan(XSS_PAYLOADS.length);
  testInfo.annotations.push({ type: "seeding", description: timings.join(", ") });
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

// ---------------------------------------------------------------------------------------------------------

test("comment bodies, edits, names, reasons and article text are inert on thread pages for moderators, visitors and members", async ({ browser }, testInfo) => {
  // The moderator sees every body, hidden ones included, and every control; the CSP is bypassed.
  const adminPage = await seeded.admin!.page();
  const article = seeded.articles[0]!.seed;
  for (const [index, threadId] of seeded.threadIds.entries()) {
    await expectThreadInert(adminPage, threadId, "moderator", { moderator: true });
    // The imported article's text in the thread's header.
    const point = article.points[index]!;
    expect(await adminPage.locator(".thread-head h1").textContent()).toBe(point.title);
    expect(await adminPage.locator(".thread-head .lede").textContent()).toBe(point.summary);
    expect(await adminPage.locator(".thread-head blockquote").textContent()).toBe(point.excerpt);
    expect(await adminPage.locator(".thread-head cite").textContent()).toBe(article.source);
    expect(await adminPage.locator(".thread-head .breadcrumb a").textContent()).toBe(article.title);
  }

  // A visitor, with the CSP enforced (any violation fails), sees the reasons in place of the hidden bodies.
  const visitor = await (await newVisitor(browser, testInfo, { csp: true })).newPage();
  for (const threadId of new Set(seeded.hidden.map((hidden) => hidden.comment.threadId))) await expectThreadInert(visitor, threadId, "visitor, CSP enforced");

  // The member's own bodies also travel as the Edit form's props, inside the page's scripts: "</script>" among them.
  const member = seeded.member!;
  const memberPage = await member.page();
  const own = seeded.comments.find((posted) => posted.author === member && posted.payload.text.startsWith("</script>"))!;
  await expectInert(memberPage, onItsPage(own), "member");
  await expectCommentsShownAsText(memberPage, commentsOnThread(own.threadId), { id: member.id }, { allOnThisPage: false });
  // Their payload in the Edit box, and another payload name in a reply form's label, stay text too.
  const parts = commentParts(memberPage, own.id);
  await parts.button("Edit").click();
  await expect(parts.textbox("Edit your comment")).toHaveValue(own.payload.text);
  const plain = (posted: Posted) => !/[\u0000-\u0009\u000b-\u001f]/.test(posted.payload.text) && seeded.hidden.every((hidden) => hidden.comment !== posted);
  const other = commentsOnThread(own.threadId).find((posted) => posted.author !== member && plain(posted) && !posted.parentId)!;
  const otherParts = commentParts(memberPage, other.id);
  await otherParts.button("Reply").click();
  expect(await otherParts.article.locator("form.comment-form label").textContent()).toBe(`Reply to ${other.author.name}`);
  await expectInert(memberPage, null, "member with the edit and reply forms open");

  // The suspended member is told the reason, as text.
  const { member: suspended, reason } = seeded.suspension!;
  const suspendedPage = await suspended.page();
  await expectInert(suspendedPage, `/t/${seeded.threadIds[0]}`, "suspended member");
  await expect(suspendedPage.getByText("Your account is suspended")).toContainText(reason.trim());
});

test("permalink pages render stored payloads inert", async () => {
  const viewer = seeded.authors[2]!;
  const page = await viewer.page();
  const sample = [seeded.comments.find((posted) => posted.parentId)!, seeded.comments.find((posted) => posted.edited)!, seeded.hidden[0]!.comment];
  for (const posted of sample) {
    await expectInert(page, `/t/${posted.threadId}/c/${posted.id}`, `permalink of ${posted.payload.marker}`);
    await expectCommentsShownAsText(page, [posted], { id: viewer.id });
  }
});

test("user pages show payload display names, in the heading and the title, and their comments as text", async () => {
  const page = await seeded.admin!.page();
  // Every name is also checked as the author of each comment on the thread pages; here, those that try to close the
  // <title> or a <script> or break out of an attribute (names that would reverse the text around them are refused).
  const names = ["xss004", "xss005", "xss008", "xss107"].map((marker) => payload(marker).text);
  const checked = seeded.authors.filter((candidate) => names.includes(candidate.name));
  expect(checked).toHaveLength(names.length);
  for (const author of checked) {
    await expectInert(page, `/u/${author.id}`, `user page of ${JSON.stringify(author.name)}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(author.name);
    expect(await page.title()).toContain(author.name);
    const texts = await page.locator(".user-comment .comment-body").allTextContents();
    const visible = (posted: Posted) => posted.author === author && seeded.hidden.every((hidden) => hidden.comment !== posted);
    for (const posted of seeded.comments.filter(visible)) {
      expect(
        texts.some((text) => text.includes(posted.payload.marker)),
        `${posted.payload.marker} on ${author.name}'s page`,
      ).toBe(true);
    }
  }
});

test("the moderation queue and log show notes, reasons, names and bodies as text", async () => {
  const page = await seeded.admin!.page();
  await expectInert(page, "/mod", "moderation queue");
  const notes = await page.locator(".report-notes li").allTextContents();
  const reporter = seeded.authors[0]!.name;
  for (const { note, comment } of seeded.notes) {
    expect(
      notes.some((text) => text.startsWith(`${reporter}: `) && text.endsWith(`“${note.trim()}”`)),
      `the note ${note.slice(0, 60)}`,
    ).toBe(true);
    const item = page
      .getByRole("article", { name: "Reported comment" })
      .filter({ has: page.locator(`.queue-comment > .comment-meta a[href="/t/${comment.threadId}/c/${comment.id}"]`) });
    await expect(item.locator(".queue-comment > .comment-body")).toContainText(comment.payload.marker);
    expect(await item.locator(".author-history summary a").first().textContent()).toBe(comment.author.name);
  }

  await expectInert(page, "/mod/log", "moderation log");
  const cells = await page.locator(".log-table tbody td").allTextContents();
  for (const reason of [...seeded.hidden.map((hidden) => hidden.reason), seeded.suspension!.reason]) {
    expect(cells, `the reason ${reason.slice(0, 60)}`).toContain(reason.trim());
  }
  const names = await page.locator('.log-table a[href^="/mod/log?user="]').allTextContents();
  for (const hidden of seeded.hidden) expect(names).toContain(hidden.comment.author.name);
  expect(names).toContain(seeded.suspension!.member.name);

  await expectInert(page, "/admin", "admin page");
  await expect(page.getByRole("main")).toContainText(seeded.suspension!.reason.trim());
});

test("imported article text and payload names are inert on the home and article pages, and after a client-side navigation", async ({ browser }, testInfo) => {
  const visitor = await (await newVisitor(browser, testInfo, { csp: true })).newPage();
  await expectInert(visitor, "/", "home, visitor");
  await expectInert(visitor, `/a/${seeded.articles[0]!.slug}`, "imported article, visitor");

  const [author] = seeded.authors;
  const page = await author!.page();
  await expectInert(page, "/", `home as ${JSON.stringify(author!.name)}`);
  expect(await accountNav(page).locator('a[href^="/u/"]:visible').textContent()).toBe(author!.name);
  for (const { slug, seed } of seeded.articles) {
    await expectInert(page, `/a/${slug}`, "imported article");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(seed.title);
    expect(await page.locator(".article-head .source").textContent()).toBe(`Source: ${seed.source}`);
    expect(await page.locator(".article-head .lede").textContent()).toBe(seed.summary);
    expect(await page.locator(".thread-list h3 a").allTextContents()).toEqual(seed.points.map((point) => point.title));
    expect(await page.locator(".thread-list .thread-summary").allTextContents()).toEqual(seed.points.map((point) => point.summary));
  }

  // Followed as a link, the thread page is rendered by React in the browser from the server's payload, not parsed
  // from HTML: dangerouslySetInnerHTML then goes through innerHTML, where an <img onerror> fires and a <script> does not.
  const [{ slug, seed }] = seeded.articles as [Imported];
  const threadId = seeded.threadIds[0]!;
  await page.goto(`/a/${slug}`);
  await page.locator(`.thread-list h3 a[href="/t/${threadId}"]`).click();
  await page.waitForURL((url) => url.pathname === `/t/${threadId}`);
  await expect(page.locator(".thread-head h1")).toHaveText(seed.points[0]!.title);
  await expectInert(page, null, "thread page after a client-side navigation");
  await expectCommentsShownAsText(page, commentsOnThread(threadId), { id: author!.id }, { allOnThisPage: false });
});

test("search results, a payload as the query, and reply notifications are inert", async ({ browser }, testInfo) => {
  const visitor = await (await newVisitor(browser, testInfo)).newPage();
  await expectInert(visitor, "/search?q=onerror", "search results");
  await expect(visitor.locator(".search-hit").first()).toContainText("onerror");
  const query = payload("xss005").text;
  await expectInert(visitor, `/search?${new URLSearchParams({ q: query })}`, "a payload as the search query");
  expect(await visitor.getByRole("main").getByRole("searchbox").inputValue()).toBe(query);

  // A reply notifies the parent's author, naming the replier and quoting the reply.
  const reply = seeded.comments.find((posted) => posted.parentId && seeded.comments.find((parent) => parent.id === posted.parentId)!.author !== posted.author)!;
  const recipient = seeded.comments.find((parent) => parent.id === reply.parentId)!.author;
  const page = await recipient.page();
  await expectInert(page, "/notifications", "notifications");
  await expect(page.getByRole("main")).toContainText(reply.author.name);
  await expect(page.getByRole("main")).toContainText(reply.payload.marker);
});
