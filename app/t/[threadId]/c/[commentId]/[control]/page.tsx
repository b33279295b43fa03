import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { DeleteForm, EditForm, ReplyForm } from "@/components/comment-control-forms";
import { ModerateCommentFields } from "@/components/moderation/comment-moderation";
import { SuspendForm } from "@/components/moderation/suspend-form";
import { RelativeTime } from "@/components/relative-time";
import { ReportFields } from "@/components/report-form";
import { COMMENT_CONTROL_LABELS, isCommentControl, type CommentControl } from "@/lib/comment-controls";
import { commentHref } from "@/lib/reply-tree";
import { getCurrentUser, type CurrentUser } from "@/lib/current-user";
import { canEditComment, canModerate, canReadBody, canReplyTo, canReportComment, canSetStance, canOfferSuspension } from "@/lib/permissions";
import { getCommentPage } from "@/lib/queries/thread-page";
import { type ThreadComment } from "@/lib/queries/comment-windows";
import { describeSuspension } from "@/lib/suspension-message";

type Props = { params: Promise<{ threadId: string; commentId: string; control: string }> };

const load = cache(async (threadId: string, commentId: string) => {
  const user = await getCurrentUser();
  const page = await getCommentPage(threadId, commentId, user);
  const comment = page?.comments.find((candidate) => candidate.id === commentId);
  return page && comment ? { user, thread: page.thread, comment } : null;
});

const HEADINGS: Record<CommentControl, (name: string) => string> = {
  reply: (name) => `Reply to ${name}`,
  edit: () => "Edit your comment",
  delete: () => "Delete your comment",
  report: (name) => `Report a comment by ${name}`,
  moderate: (name) => `Moderate a comment by ${name}`,
  suspend: (name) => `Suspend ${name}`,
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { threadId, commentId, control } = await params;
  const data = isCommentControl(control) ? await load(threadId, commentId) : null;
  return { title: data ? `${COMMENT_CONTROL_LABELS[control as CommentControl]} · ${data.thread.title}` : "Not found", robots: { index: false } };
}

/** Why this viewer may not use this control on this comment, or null when they may. */
function refusal(control: CommentControl, user: CurrentUser, comment: ThreadComment, thread: { locked: boolean }): string | null {
  const state = { authorId: comment.author.id, deletedAt: comment.deletedAt, status: comment.status };
  if (user.suspension && control !== "moderate" && control !== "suspend") return describeSuspension(user.suspension);
  switch (control) {
    case "reply":
      return canReplyTo(user, state, thread) ? null : thread.locked ? "This thread is locked: it takes no new comments." : "This comment takes no replies.";
    case "edit":
    case "delete":
      return canEditComment(user, state, thread) ? null : "Only the author can change this comment, while the thread is open and no moderator has acted on it.";
    case "report":
      return canReportComment(user, state) ? null : "This comment cannot be reported.";
    case "moderate":
      return canModerate(user) && comment.deletedAt === null ? null : "Only moderators can do that.";
    case "suspend":
      return canOfferSuspension(user, comment.author)
        ? null
        : "You cannot suspend this account: moderators suspend members, admins also moderators and editors.";
  }
}

/**
 * One control of one comment on a page of its own: reply, edit, delete (a confirmation step), report, moderate,
 * suspend its author. The thread page links here, so every control works without JavaScript; with it, the same
 * form opens inline. The server action behind each form checks the caller again.
 */
export default async function CommentControlPage({ params }: Props) {
  const { threadId, commentId, control } = await params;
  if (!isCommentControl(control)) notFound();
  const data = await load(threadId, commentId);
  if (!data) notFound();
  const { user, thread, comment } = data;
  const here = `/t/${threadId}/c/${commentId}/${control}`;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);

  const authorName = comment.author.name ?? "Anonymous";
  const state = { authorId: comment.author.id, deletedAt: comment.deletedAt, status: comment.status };
  const refused = refusal(control, user, comment, thread);
  const back = commentHref(threadId, comment);

  return (
    <main className="control-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/t/${threadId}`}>{thread.title}</Link>
        <span aria-hidden="true"> › </span>
        <span>{COMMENT_CONTROL_LABELS[control]}</span>
      </nav>
      <h1>{HEADINGS[control](authorName)}</h1>
      <article className="comment quoted-comment" aria-label={`Comment by ${authorName}`}>
        <header className="comment-meta">
          <span className="author">{authorName}</span> <span aria-hidden="true">·</span> <RelativeTime date={comment.createdAt} />
        </header>
        {canReadBody(user, state) ? (
          <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        ) : (
          <p className="comment-body tombstone">{comment.deletedAt ? "[deleted]" : "[not shown]"}</p>
        )}
      </article>
      {refused ? (
        <p className="banner" role="status">
          {refused}
        </p>
      ) : control === "reply" ? (
        <ReplyForm threadId={threadId} commentId={commentId} authorName={authorName} />
      ) : control === "edit" ? (
        <EditForm
          threadId={threadId}
          commentId={commentId}
          body={comment.body}
          stance={canSetStance(user, { ...state, depth: comment.depth }, thread) ? { current: comment.stance } : undefined}
        />
      ) : control === "delete" ? (
        <DeleteForm commentId={commentId} />
      ) : control === "report" ? (
        <ReportFields threadId={threadId} commentId={commentId} />
      ) : control === "moderate" ? (
        <ModerateCommentFields commentId={commentId} status={comment.status} />
      ) : (
        <SuspendForm userId={comment.author.id} commentId={commentId} />
      )}
      <p className="page-nav">
        <Link href={back}>← Back to the discussion</Link>
      </p>
    </main>
  );
}
