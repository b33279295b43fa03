/**
 * What a browser sends: the Auth.js credentials sign-in, and the thread page's comment form submitted either
 * without JavaScript (a multipart POST of the form's own fields) or by React with JavaScript (the same fields
 * behind a Next-Action header, as Chromium sends them).
 */

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#x27;": "'", "&#39;": "'" };
const decodeEntities = (text: string) => text.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (entity) => ENTITIES[entity]!);

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]!);
}

/** Signs in through Auth.js's credentials callback (csrf token first); returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = setCookies(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  await response.arrayBuffer();
  const session = setCookies(response).find((cookie) => cookie.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}, no session cookie`);
  return session;
}

export type CommentForm = {
  actionId: string;
  /** The form's hidden inputs in document order (React's action fields, then threadId). */
  hidden: [string, string][];
  /** The state useActionState starts from, which the JavaScript submission sends back. */
  initialState: unknown;
};

/** The top-level comment form of a thread page, as a signed-in member sees it. */
export function parseCommentForm(html: string): CommentForm {
  const forms = html.match(/<form[^>]*class="comment-form"[^>]*>[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((candidate) => candidate.includes('name="threadId"') && candidate.includes('name="body"'));
  if (!form) throw new Error("no comment form on the thread page (is the session signed in, the thread open?)");
  const hidden: [string, string][] = [];
  for (const input of form.matchAll(/<input(?=[^>]*type="hidden")[^>]*>/g)) {
    const name = input[0].match(/name="([^"]*)"/)?.[1];
    if (name === undefined) continue;
    hidden.push([decodeEntities(name), decodeEntities(input[0].match(/value="([^"]*)"/)?.[1] ?? "")]);
  }
  let actionId: string | undefined;
  let initialState: unknown = null;
  for (const [name, value] of hidden) {
    if (name.startsWith("$ACTION_ID_")) actionId = name.slice("$ACTION_ID_".length);
    else if (/^\$ACTION_\d+:0$/.test(name)) actionId = (JSON.parse(value) as { id: string }).id;
    else if (/^\$ACTION_\d+:1$/.test(name)) initialState = (JSON.parse(value) as unknown[])[0];
  }
  if (!actionId) throw new Error("the comment form carries no server action id");
  return { actionId, hidden, initialState };
}

export type EncodedBody = { body: Buffer; contentType: string };

export function multipart(fields: [string, string][], boundary = `----AgoraBench${Math.random().toString(16).slice(2)}`): EncodedBody {
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The form submitted without JavaScript: its fields as they are; the server answers 303 to the new comment. */
export function formSubmission(form: CommentForm, values: [string, string][]): EncodedBody {
  return multipart([...form.hidden, ...values]);
}

/**
 * The form submitted by React: every field prefixed with its FormData reference ("_1_"), and the arguments
 * (previous state, that FormData) in part "0". The answer is 200 with x-action-redirect to the new comment
 * and, in the same response, the payload of the page it redirects to.
 */
export function javascriptSubmission(form: CommentForm, values: [string, string][]): EncodedBody {
  const fields: [string, string][] = [...form.hidden, ...values].map(([name, value]) => [`_1_${name}`, value]);
  fields.push(["0", JSON.stringify([form.initialState, "$K1"])]);
  return multipart(fields);
}

/** The router state a browser on /t/<threadId> sends with a server action (Next-Router-State-Tree). */
export function threadRouterState(threadId: string): string {
  const page = ["__PAGE__", {}, null, null, 0];
  const tree = ["", { children: ["t", { children: [["threadId", threadId, "d", null], { children: page }, null, null, 0] }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(tree));
}

/**
 * The new comment's id from a submission's answer, or null when the action refused (it then answers with the
 * form's message). Without JavaScript the answer is a redirect to the comment; with it, the comment itself
 * (lib/posted-comment.ts), or a redirect where the page would not show it in place (a reply past the depth shown).
 */
export function acknowledgedCommentId(
  mode: "form" | "javascript",
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): string | null {
  const header = (name: string) => {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    const value = key ? headers[key] : undefined;
    return Array.isArray(value) ? value[0] : value;
  };
  if (mode === "form") return (status === 303 ? header("location") : undefined)?.match(/#c-([a-z0-9]+)/)?.[1] ?? null;
  if (status !== 200) return null;
  return header("x-action-redirect")?.match(/#c-([a-z0-9]+)/)?.[1] ?? body.match(/"posted":\{"view":\{"id":"([a-z0-9]+)"/)?.[1] ?? null;
}
