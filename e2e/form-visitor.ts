import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { randomVisitorIp } from "./app-server";
import { PASSWORD } from "./helpers";

// A visitor without JavaScript, over plain HTTP: it GETs a page and submits one of its forms the way a browser's
// native form submit does (multipart POST to the page, carrying the hidden fields Next.js renders into a server
// action's form), keeping its cookies. Hundreds of these cost far less than browser pages, so load tests use them.

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', "#x27": "'", "#39": "'", lt: "<", gt: ">" };
const decode = (text: string) => text.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (_, name: string) => ENTITIES[name]!);

/** The hidden fields of the first form on `html` whose markup matches `marker`. */
export function hiddenFields(html: string, marker: RegExp): Record<string, string> {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/g)?.find((markup) => marker.test(markup));
  if (!form) throw new Error(`no form matching ${marker} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = input[0];
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name !== undefined) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  return fields;
}

export type FormVisitor = {
  baseURL: string;
  http: APIRequestContext;
  /** GETs `path` and returns its HTML (throws on a non-2xx answer). */
  page(path: string): Promise<string>;
  /** POSTs `hidden` and `fields` as a form to `path` (relative to baseURL, or another server's URL); no redirect followed. */
  submit(path: string, hidden: Record<string, string>, fields: Record<string, string>): Promise<APIResponse>;
  close(): Promise<void>;
};

/** A cookie jar and a client address of its own, on `baseURL` (or the X-Forwarded-For it claims, `forwardedFor`). */
export async function newFormVisitor(baseURL: string, { forwardedFor = randomVisitorIp() }: { forwardedFor?: string } = {}): Promise<FormVisitor> {
  const http = await request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": forwardedFor } });
  return {
    baseURL,
    http,
    async page(path) {
      const response = await http.get(path);
      if (!response.ok()) throw new Error(`GET ${path}: ${response.status()}`);
      return response.text();
    },
    submit(path, hidden, fields) {
      const url = new URL(path, baseURL);
      return http.post(url.href, {
        multipart: { ...hidden, ...fields },
        // A fresh connection per submit: a kept-alive one the server closes just as a post goes out would
        // fail the post before it reaches the app (a browser retries that; this client does not).
        headers: { origin: url.origin, connection: "close" },
        maxRedirects: 0,
        timeout: 60_000,
      });
    },
    close: () => http.dispose(),
  };
}

/** Signs a new account up through the /signup form; resolves once the session cookie is set. */
export async function signUpByForm(visitor: FormVisitor, name: string, email: string): Promise<void> {
  const hidden = hiddenFields(await visitor.page("/signup"), /name="password"/);
  const response = await visitor.submit("/signup", hidden, { name, email, password: PASSWORD });
  const cookies = await visitor.http.storageState();
  if (response.status() !== 303 || !cookies.cookies.some((cookie) => cookie.name.endsWith("session-token"))) {
    throw new Error(`sign-up of ${email} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
  }
}

/** The thread page's "Add to the discussion" form (the new-comment box, not a reply or edit form). */
export async function newCommentFormFields(visitor: FormVisitor, threadPath: string): Promise<Record<string, string>> {
  const html = await visitor.page(threadPath);
  return hiddenFields(html, /placeholder="Add to the discussion"/);
}

export type PostOutcome = { status: number; commentId: string | null; detail: string };

/** Posts `body` through the new-comment form; the comment id comes from the redirect to its anchor (#c-<id>). */
export async function postByForm(visitor: FormVisitor, threadPath: string, hidden: Record<string, string>, body: string): Promise<PostOutcome> {
  const response = await visitor.submit(threadPath, hidden, { body });
  const location = response.headers()["location"] ?? "";
  const commentId = response.status() === 303 ? (/#c-([a-z0-9]+)$/i.exec(location)?.[1] ?? null) : null;
  const detail = commentId ? location : `${response.status()} ${location} ${(await response.text()).slice(0, 300)}`;
  return { status: response.status(), commentId, detail };
}
