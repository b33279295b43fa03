import Link from "next/link";
import { moreRepliesHref, type CommentNode } from "@/lib/comment-tree";
import type { CurrentUser } from "@/lib/current-user";
import { renderMarkdown } from "@/lib/markdown";
import { canEditComment, canModerate, canReadBody, canReplyTo, canReport, canRequestSource, canSetStance, canVote } from "@/lib/permissions";
import type { CommentAppealState } from "@/lib/queries/appeals";
import type { ThreadComment } from "@/lib/queries/comments";
import type { SourceRequestSummary } from "@/lib/queries/source-requests";
import { answersSourceRequest } from "@/lib/sources";
import { CommentAppeal } from "./appeals/comment-appeal";
import { CommentActions } from "./comment-actions";
import { CommentModeration } from "./moderation/comment-moderation";
import { RelativeTime } from "./relative-time";
import { ReportForm } from "./report-form";
import { SourceCards } from "./source-cards";
import { SourceRequestCallout, SourceRequestControl } from "./source-request";
import { StanceBadge } from "./stance-badge";
import { VoteButton } from "./vote-button";

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
  const canReply = canReplyTo(user, state, thread);
  const moderator = canModerate(user);
  const showAuthor = !deleted && !awaitingReview && (node.status !== "removed" || moderator);
  const requests = !deleted && node.status === "visible" ? context.sourceRequests?.get(node.id) : undefined;
  const sourceAdded = requests ? answersSourceRequest(node, requests.latestAt) : false;
  const canAskForSource = canRequestSource(user, state, thread);
  const classes = ["comment", `status-${node.status}`, node.id === context.focusId ? "focused" : ""].filter(Boolean).join(" ");

  return (
    <article id={`c-${node.id}`} className={classes} aria-label={showAuthor ? `Comment by ${authorName}` : "Comment"}>
      <header className="comment-meta">
        {showAuthor ? (
          <Link className="author" href={`/u/${node.author.id}`}>
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
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(node.body) }} />
      ) : node.status === "removed" ? (
        <p className="comment-body tombstone">[removed]</p>
      ) : awaitingReview ? (
        <p className="comment-body tombstone">[awaiting review]</p>
      ) : null}
      {readable && <SourceCards body={node.body} />}
      {requests && !sourceAdded && user?.id === node.author.id && <SourceRequestCallout count={requests.count} />}
      <div className="comment-footer">
        {!deleted && node.status === "visible" && (
          <VoteButton commentId={node.id} score={node.score} voted={context.votedIds?.has(node.id) ?? false} canVote={canVote(user, state)} />
        )}
        {(requests || canAskForSource) && (
          <SourceRequestControl
            commentId={node.id}
            count={requests?.count ?? 0}
            answered={sourceAdded}
            requested={requests?.requestedByViewer ?? false}
            canRequest={canAskForSource}
          />
        )}
        {(canReply || canEdit) && (
          <CommentActions
            key={`${node.replyCount}-${node.editedAt?.getTime() ?? 0}`}
            threadId={thread.id}
            commentId={node.id}
            authorName={authorName}
            body={node.body}
            canReply={canReply}
            canEdit={canEdit}
            stance={canSetStance(user, { ...state, depth: node.depth }, thread) ? { current: node.stance } : undefined}
          />
        )}
        {!deleted && node.status === "visible" && user && canReport(user, state) && !moderator && (
          <ReportForm threadId={thread.id} commentId={node.id} />
        )}
        {!deleted && moderator && (
          <CommentModeration comment={{ id: node.id, status: node.status, authorId: node.author.id, authorIsMember: node.author.role === "member" && node.author.id !== user?.id }} />
        )}
      </div>
      {node.depth >= context.maxDepth ? (
        node.replyCount > 0 && (
          <Link className="continue-thread" href={`/t/${thread.id}/c/${node.id}`}>
            Continue this thread ({replies(node.replyCount)}) →
          </Link>
        )
      ) : (
        <>
          {node.replies.length > 0 && <CommentTree nodes={node.replies} context={context} level={level + 1} />}
          {node.moreReplies !== 0 && (
            <Link className="more-replies" href={moreRepliesHref(thread.id, node)}>
              {node.moreReplies === null ? "More replies" : replies(node.moreReplies)} →
            </Link>
          )}
        </>
      )}
    </article>
  );
}
