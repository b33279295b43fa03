"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { deleteCommentAction } from "@/lib/actions/comments";
import { initialActionState } from "@/lib/action-state";
import { commentPanelId, isCommentControl, type CommentControl } from "@/lib/comment-controls";
import type { CommentView } from "@/lib/comment-view";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import type { StanceValue } from "@/lib/validations/comment";
import { EditForm, ReplyForm } from "./comment-control-forms";
import { CommentList } from "./comment-list";
import { useHydrated } from "./disclosure";
import { isCommentStatus, ModerateCommentFields } from "./moderation/comment-moderation";
import { SuspendForm } from "./moderation/suspend-form";
import { ReportFields } from "./report-form";
import { withPosted } from "@/lib/posted-comment";
import { useThreadPosts } from "./thread-posts";
import { UnmatchedMentionsNotice } from "./unmatched-mentions-notice";

// The one client component of a thread's comments. The server decides what each comment shows and allows
// (lib/comment-view.ts) and sends it as plain data; this renders it (to HTML on the server, as any page) and
// listens once, on the whole discussion: a control's link opens its form under its comment, a one-click form posts
// with fetch and the page refreshes in place. Without JavaScript the links and forms work as they are.

type Open = { control: CommentControl; commentId: string; extra?: string };
type Message = { commentId: string; text: string };

const DELETE_QUESTION = "Delete this comment? Replies stay, under a [deleted] placeholder.";

function controlOf(target: EventTarget | null): HTMLAnchorElement | null {
  return target instanceof Element ? target.closest<HTMLAnchorElement>("a.comment-control") : null;
}

/** The control a link stands for, and its comment: /t/<thread>/c/<comment>/<control>. */
function parseControl(link: HTMLAnchorElement): { control: CommentControl; commentId: string } | null {
  const [, , , , commentId, control] = new URL(link.href).pathname.split("/");
  return commentId && control && isCommentControl(control) ? { control, commentId } : null;
}

type Props = {
  threadId: string;
  comments: readonly CommentView[];
  /** Server-rendered pieces for a few comments (the author's appeal of a decision on their comment). */
  slots?: Readonly<Record<string, ReactNode>>;
  /** Said where the page has no comments (and the reader has posted none in place). */
  empty?: string;
};

export function ThreadDiscussion({ threadId, comments, slots, empty }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [open, setOpen] = useState<Open | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  // An edit (or a post not shown in place) redirects to its comment; once the refreshed discussion arrives, its form
  // has done its job.
  const submitted = useRef(false);
  const rendered = useRef(comments);
  const posted = useThreadPosts()?.posted;
  const views = useMemo(() => withPosted(comments, posted ?? []), [comments, posted]);
  const latest = posted?.at(-1);
  const shownPost = useRef<string | undefined>(undefined);

  // A comment posted in place (its reply form closed itself): the reader is taken to it.
  useEffect(() => {
    if (!latest || shownPost.current === latest.view.id) return;
    shownPost.current = latest.view.id;
    // Its form closed itself: a later refresh of the comments has nothing left to close.
    submitted.current = false;
    const article = document.getElementById(`c-${latest.view.id}`);
    article?.scrollIntoView({ block: "nearest" });
    article?.focus({ preventScroll: true });
  }, [latest]);

  useEffect(() => {
    if (rendered.current === comments) return;
    rendered.current = comments;
    if (submitted.current && (open?.control === "reply" || open?.control === "edit")) setOpen(null);
    submitted.current = false;
  }, [comments, open]);

  function deleteComment(commentId: string) {
    const form = new FormData();
    form.set("commentId", commentId);
    startTransition(async () => {
      const state = await deleteCommentAction(initialActionState, form);
      if (!state.ok) setMessage({ commentId, text: state.message ?? "The comment could not be deleted." });
    });
  }

  async function postInline(form: HTMLFormElement, submitter: HTMLElement | null) {
    const commentId = form.closest("article")?.id.replace(/^c-/, "") ?? "";
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => (button.disabled = true));
    try {
      const response = await fetch(form.action, { method: "POST", body: new FormData(form, submitter), headers: { accept: "application/json" } });
      const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      if (!response.ok) setMessage({ commentId, text: answer?.error?.message ?? "That did not go through. Try again." });
      else setMessage(null);
    } catch {
      setMessage({ commentId, text: "Agora could not be reached. Check your connection and try again." });
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
    startTransition(() => router.refresh());
  }

  // Only a comment with something open gets a panel: the page carries no empty one per comment.
  // Under the comment just posted in place: the @mentions it made that named no member (the redirect's ?unmatched=).
  const unmatched = latest && latest.unmatched.length > 0 ? latest : undefined;
  const panel = (commentId: string) =>
    message?.commentId === commentId || open?.commentId === commentId || unmatched?.view.id === commentId ? (
      <div id={commentPanelId(commentId)} className="comment-panel">
        {unmatched?.view.id === commentId && <UnmatchedMentionsNotice handles={unmatched.unmatched} />}
        {message?.commentId === commentId && (
          <p className="form-error" role="alert">
            {message.text}
          </p>
        )}
        {open?.commentId === commentId && <Panel key={open.control} threadId={threadId} open={open} close={() => setOpen(null)} />}
      </div>
    ) : null;

  if (views.length === 0) return empty ? <p className="empty">{empty}</p> : null;
  return (
    <div
      className="thread-discussion"
      onClick={(event) => {
        const link = controlOf(event.target);
        if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const target = parseControl(link);
        if (!target) return;
        event.preventDefault();
        setMessage(null);
        if (target.control === "delete") {
          if (window.confirm(DELETE_QUESTION)) deleteComment(target.commentId);
          return;
        }
        const same = open?.commentId === target.commentId && open.control === target.control;
        setOpen(same ? null : { ...target, extra: link.dataset.extra });
      }}
      onKeyDown={(event) => {
        const link = controlOf(event.target);
        if (event.key === " " && link) {
          event.preventDefault();
          link.click();
        }
      }}
      onSubmit={(event) => {
        const form = event.target as HTMLFormElement;
        if (form.matches("form.inline-post")) {
          event.preventDefault();
          void postInline(form, (event.nativeEvent as SubmitEvent).submitter);
          return;
        }
        submitted.current = true;
      }}
    >
      <CommentList views={views} ui={{ threadId, hydrated, open, panel, slots }} />
    </div>
  );
}

function Panel({ threadId, open, close }: { threadId: string; open: Open; close: () => void }) {
  const { control, commentId, extra } = open;
  switch (control) {
    case "reply":
      return <ReplyForm threadId={threadId} commentId={commentId} authorName={extra ?? "this comment"} onCancel={close} />;
    case "edit":
      return <InlineEdit threadId={threadId} commentId={commentId} close={close} />;
    case "report":
      return (
        <div className="disclosure-panel">
          <ReportFields threadId={threadId} commentId={commentId} />
        </div>
      );
    case "moderate":
      return (
        <div className="disclosure-panel">
          <ModerateCommentFields commentId={commentId} status={isCommentStatus(extra) ? extra : ("visible" satisfies CommentStatus)} />
        </div>
      );
    case "suspend":
      return extra ? (
        <div className="disclosure-panel">
          <SuspendForm userId={extra} commentId={commentId} />
        </div>
      ) : null;
    default:
      return null;
  }
}

type EditSource = { body: string; stance: StanceValue | null; canSetStance: boolean };

/** The edit form, once the comment's Markdown has arrived (the page itself carries only its HTML). */
function InlineEdit({ threadId, commentId, close }: { threadId: string; commentId: string; close: () => void }) {
  const [source, setSource] = useState<EditSource | { error: string } | null>(null);
  useEffect(() => {
    let current = true;
    fetch(`/api/comments/${commentId}/markdown`, { headers: { accept: "application/json" }, cache: "no-store" })
      .then(async (response) => {
        const answer = await response.json();
        if (current) setSource(response.ok ? (answer as EditSource) : { error: answer?.error?.message ?? "This comment cannot be edited now." });
      })
      .catch(() => current && setSource({ error: "Agora could not be reached. Check your connection and try again." }));
    return () => {
      current = false;
    };
  }, [commentId]);

  if (!source)
    return (
      <p className="muted" role="status">
        Loading your comment…
      </p>
    );
  if ("error" in source) {
    return (
      <p className="form-error" role="alert">
        {source.error}
      </p>
    );
  }
  return (
    <EditForm
      threadId={threadId}
      commentId={commentId}
      body={source.body}
      stance={source.canSetStance ? { current: source.stance } : undefined}
      onCancel={close}
    />
  );
}
