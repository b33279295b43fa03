import Link from "next/link";
import { COMMENT_CONTROL_LABELS, commentControlHref, commentPanelId, type CommentControl } from "@/lib/comment-controls";
import { moreRepliesHref, type CommentNode } from "@/lib/comment-tree";
import type { CurrentUser } from "@/lib/current-user";
import { canEditComment, canModerate, canReadBody, canReplyTo, canReport, canRequestSource, canVote } from "@/lib/permissions";
import type { CommentAppealState } from "@/lib/queries/appeals";
import type { ThreadComment } from "@/lib/queries/comments";
import type { SourceRequestSummary } from "@/lib/queries/source-requests";
import { answersSourceRequest } from "@/lib/sources";
import { CommentAppeal } from "./appeals/comment-appeal";
import { RelativeTime } from "./relative-time";
import { SourceCards } from "./source-cards";
import { SourceRequestCallout } from "./source-request";
import { StanceBadge } from "./stance-badge";
import "./comment-tree.css";

// Server-rendered from top to bottom: no client component and no server-action form per comment. Every control
// is a link to its own page (or, for one-click upvotes and source requests, a plain form posting to its own URL),
// so the whole thread works without JavaScript; components/thread-discussion.tsx brings the forms inline.

type TreeContext = {
  thread: { id: string; locked: boolean };
  user: CurrentUser | null;
  /** The comment a permalink points at, highlighted. */
  focusId?: string;
  /** The deepest comments this page shows: below them, "Continue this thread". */
  maxDepth: number;
  /** The comments on this page the viewer has upvoted. */
  votedIds?: ReadonlySet<string>;
  /** The viewer's own hidden or removed comments on this page: the decision they may appeal, and their appeal. */
  appeals?: ReadonlyMap<string, CommentAppealState>;
  /** "Needs a source" requests on the comments on this page. */
  sourceRequests?: ReadonlyMap<string, SourceRequestSummary>;
};

export function CommentTree({ nodes, context, level = 0 }: { nodes: CommentNode<ThreadComment>[]; context: TreeContext; level?: number }) {
  return (
    <ol className={level === 0 ? "comment-list root" : "comment-list"}>
      {nodes.map((node) => (
        <li key={node.id}>
          <CommentItem node={node} context={context} level={level} />
        </li>
      ))}
    </ol>
  );
}

/** What stands in for a body the viewer may not read, or a note above one a moderator acted on. */
function statusNotice(comment: ThreadComment): string | null {
  if (comment.deletedAt) return null;
  const reason = comment.moderationReason ? `: ${comment.moderationReason}` : "";
  switch (comment.status) {
    case "pending":
      return "Awaiting review: only you and the moderators can see this comment until it is approved.";
    case "hidden":
      return `Hidden by a moderator${reason}`;
    case "removed":
      return `Removed by a moderator${reason}`;
    default:
      return null;
  }
}

/** "1 more reply", "12 more replies". */
const replies = (count: number) => `${count} more ${count === 1 ? "reply" : "replies"}`;
const upvotes = (score: number) => `${score} ${score === 1 ? "upvote" : "upvotes"}`;
const members = (count: number) => `${count} ${count === 1 ? "member" : "members"}`;

/** One control under a comment: a link to its page, which the thread's client component opens inline. */
function ControlLink({ threadId, commentId, control, data, danger }: { threadId: string; commentId: string; control: CommentControl; data?: string; danger?: boolean }) {
  return (
    <a
      className={danger ? "comment-control danger" : "comment-control"}
      href={commentControlHref(threadId, commentId, control)}
      data-control={control}
      data-comment={commentId}
      data-extra={data}
      rel="nofollow"
    >
      {COMMENT_CONTROL_LABELS[control]}
    </a>
  );
}

function VoteControl({ threadId, commentId, score, voted, canVote }: { threadId: string; commentId: string; score: number; voted: boolean; canVote: boolean }) {
  if (!canVote) {
    return (
      <span className="vote-count" title={upvotes(score)}>
        <span aria-hidden="true">▲ </span>
        {upvotes(score)}
      </span>
    );
  }
  return (
    <form method="post" action={`/t/${threadId}/c/${commentId}/vote`} className="vote-form" data-inline-post="">
      <button
        type="submit"
        className={voted ? "vote-button voted" : "vote-button"}
        aria-pressed={voted}
        aria-label={`Upvote (${upvotes(score)})`}
        title={voted ? "You upvoted this: press again to take your upvote back" : "Upvote: this comment adds to the discussion"}
      >
        <span aria-hidden="true">▲ </span>
        {voted ? "Upvoted" : "Upvote"} <span className="vote-score">{score}</span>
      </button>
    </form>
  );
}

function SourceRequestControl({
  threadId,
  commentId,
  summary,
  answered,
  canRequest,
}: {
  threadId: string;
  commentId: string;
  summary?: SourceRequestSummary;
  answered: boolean;
  canRequest: boolean;
}) {
  const count = summary?.count ?? 0;
  const requested = summary?.requestedByViewer ?? false;
  const status =
    count === 0 ? null : answered ? (
      <span className="source-request-answered" title={`${members(count)} asked for a source; the author has added one since`}>
        ✓ Source added
      </span>
    ) : (
      <span className="source-request-count">{members(count)} asked for a source</span>
    );
  if (!canRequest && !requested) return status && <span className="source-request">{status}</span>;
  return (
    <form method="post" action={`/t/${threadId}/c/${commentId}/source-request`} className="source-request" aria-label="Source request" data-inline-post="">
      {status}
      {requested ? (
        <button type="submit" name="intent" value="withdraw" className="comment-control" title="Take your request for a source back">
          You asked · Take back
        </button>
      ) : (
        <button type="submit" name="intent" value="request" className="comment-control" title="Ask the author to cite a source for this comment">
          Needs a source
        </button>
      )}
    </form>
  );
}

function CommentItem({ node, context, level }: { node: CommentNode<ThreadComment>; context: TreeContext; level: number }) {
  const { thread, user } = context;
  const state = { authorId: node.author.id, deletedAt: node.deletedAt, status: node.status };
  const deleted = node.deletedAt !== null;
  const authorName = node.author.name ?? "Anonymous";
  const readable = canReadBody(user, state);
  // A comment held for review stays, without author or words, where others' replies hang under it.
  const awaitingReview = !deleted && node.status === "pending" && !readable;
  const notice = awaitingReview ? null : statusNotice(node);
  const canEdit = canEditComment(user, state, thread);
  const moderator = canModerate(user);
  const showAuthor = !deleted && !awaitingReview && (node.status !== "removed" || moderator);
  const requests = !deleted && node.status === "visible" ? context.sourceRequests?.get(node.id) : undefined;
  const sourceAdded = requests ? answersSourceRequest(node, requests.latestAt) : false;
  const canAskForSource = canRequestSource(user, state, thread);
  const classes = ["comment", `status-${node.status}`, level === 0 ? "top-level" : "", node.id === context.focusId ? "focused" : ""].filter(Boolean).join(" ");
  const controls: { control: CommentControl; data?: string; danger?: boolean }[] = [];
  if (canReplyTo(user, state, thread)) controls.push({ control: "reply", data: authorName });
  if (canEdit) controls.push({ control: "edit" }, { control: "delete", danger: true });
  if (!deleted && node.status === "visible" && user && canReport(user, state) && !moderator) controls.push({ control: "report" });
  if (!deleted && moderator) {
    controls.push({ control: "moderate", data: node.status });
    if (node.author.role === "member" && node.author.id !== user?.id) controls.push({ control: "suspend", data: node.author.id });
  }
  const hasReplies = node.replies.length > 0;

  return (
    <article id={`c-${node.id}`} className={classes} aria-label={showAuthor ? `Comment by ${authorName}` : "Comment"}>
      <header className="comment-meta">
        {showAuthor ? (
          <Link className="author" href={`/u/${node.author.id}`} prefetch={false}>
            {authorName}
          </Link>
        ) : (
          <span className="author muted">{deleted ? "[deleted]" : awaitingReview ? "[awaiting review]" : "[removed]"}</span>
        )}
        <span aria-hidden="true">·</span>
        <a className="permalink" href={`/t/${thread.id}/c/${node.id}`} title="Permalink to this comment">
          <RelativeTime date={node.createdAt} />
        </a>
        {node.editedAt && !deleted && <span className="edited">edited</span>}
        {node.status === "pending" && !deleted && <span className="badge badge-pending">awaiting review</span>}
        {!deleted && readable && <StanceBadge stance={node.stance} />}
      </header>
      {notice && <p className="moderation-notice">{notice}</p>}
      {!deleted && user?.id === node.author.id && context.appeals?.has(node.id) && <CommentAppeal state={context.appeals.get(node.id)!} />}
      {deleted ? (
        <p className="comment-body tombstone">[deleted]</p>
      ) : readable ? (
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: node.bodyHtml }} />
      ) : node.status === "removed" ? (
        <p className="comment-body tombstone">[removed]</p>
      ) : awaitingReview ? (
        <p className="comment-body tombstone">[awaiting review]</p>
      ) : null}
      {readable && <SourceCards sources={node.sources} />}
      {requests && !sourceAdded && user?.id === node.author.id && <SourceRequestCallout count={requests.count} />}
      <div className="comment-footer">
        {!deleted && node.status === "visible" && (
          <VoteControl threadId={thread.id} commentId={node.id} score={node.score} voted={context.votedIds?.has(node.id) ?? false} canVote={canVote(user, state)} />
        )}
        {(requests || canAskForSource) && (
          <SourceRequestControl threadId={thread.id} commentId={node.id} summary={requests} answered={sourceAdded} canRequest={canAskForSource} />
        )}
        {controls.map(({ control, data, danger }) => (
          <ControlLink key={control} threadId={thread.id} commentId={node.id} control={control} data={data} danger={danger} />
        ))}
      </div>
      {controls.length > 0 && <div id={commentPanelId(node.id)} className="comment-panel" />}
      {node.depth >= context.maxDepth ? (
        node.replyCount > 0 && (
          <Link className="continue-thread" href={`/t/${thread.id}/c/${node.id}`} prefetch={false}>
            Continue this thread ({replies(node.replyCount)}) →
          </Link>
        )
      ) : (
        (hasReplies || node.moreReplies !== 0) && (
          <details className="replies" open>
            <summary>
              <span className="replies-open">Collapse replies</span>
              <span className="replies-closed">Show replies ({node.replyCount})</span>
            </summary>
            {hasReplies && <CommentTree nodes={node.replies} context={context} level={level + 1} />}
            {node.moreReplies !== 0 && (
              <Link className="more-replies" href={moreRepliesHref(thread.id, node)} prefetch={false}>
                {node.moreReplies === null ? "More replies" : replies(node.moreReplies)} →
              </Link>
            )}
          </details>
        )
      )}
    </article>
  );
}
