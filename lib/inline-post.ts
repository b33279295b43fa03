import { NextResponse, type NextRequest } from "next/server";
import type { ActionState } from "@/lib/action-state";
import { initialActionState } from "@/lib/action-state";

// A per-comment one-click form (upvote, "Needs a source") posts to its own URL, so the thread page carries a
// plain <form action="/t/…/vote"> instead of a server action per comment. The route runs the same server action
// as before, so who may do what is decided in one place. With JavaScript the thread's one client component posts
// it with fetch and asks for JSON; without, the browser follows a 303 back to the comment.

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Where a browser without JavaScript goes back to: the page it came from on this thread, else the comment's page.
 * A path, not a URL: the server may know itself by another name (localhost) than the browser does, and a
 * redirect to that name would leave the reader's cookies behind.
 */
function backTo(request: NextRequest, threadId: string, commentId: string, refused: boolean): string {
  const fallback = `/t/${threadId}/c/${commentId}`;
  if (refused) return `${fallback}?refused=1`;
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.host === request.headers.get("host") && (from.pathname === `/t/${threadId}` || from.pathname.startsWith(`/t/${threadId}/c/`))) {
        return `${from.pathname}${from.search}#c-${commentId}`;
      }
    } catch {
      // An unparseable Referer: the comment's own page.
    }
  }
  return `${fallback}#c-${commentId}`;
}

export async function answerInlinePost(request: NextRequest, params: { threadId: string; commentId: string }, action: Action): Promise<NextResponse> {
  const form = await request.formData().catch(() => null);
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  if (!form) {
    const error = { code: "bad_request", message: "The form could not be read." };
    return wantsJson ? NextResponse.json({ error }, { status: 400 }) : new NextResponse(error.message, { status: 400 });
  }
  // The URL names the comment: a commentId field in the body cannot point the action elsewhere.
  form.set("commentId", params.commentId);
  const state = await action(initialActionState, form);
  if (wantsJson) {
    return state.ok
      ? NextResponse.json({ ok: true, message: state.message ?? "" })
      : NextResponse.json({ error: { code: "refused", message: state.message ?? "That did not go through." } }, { status: 422 });
  }
  return new NextResponse(null, { status: 303, headers: { location: backTo(request, params.threadId, params.commentId, !state.ok) } });
}
