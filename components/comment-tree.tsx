import Link from "next/link";
import { MAX_VISIBLE_DEPTH, type CommentNode } from "@/lib/comment-tree";
import type { CurrentUser } from "@/lib/current-user";
import { renderMarkdown } from "@/lib/markdown";
import { canComment, canEditComment } from "@/lib/permissions";
import type { ThreadComment } from "@/lib/queries/comments";
import { CommentActions } from "./comment-actions";
import { RelativeTime } from "./relative-time";

type TreeContext = {
  thread: { id: string; locked: boolean };
  user: CurrentUser | null;
  /** The comment a permalink points at, highlighted. */
  focusId?: string;
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

function CommentItem({ node, context, level }: { node: CommentNode<ThreadComment>; context: TreeContext; level: number }) {
  const { thread, user } = context;
  const deleted = node.deletedAt !== null;
  const authorName = node.author.name ?? "Anonymous";
  const canEdit = canEditComment(user, { authorId: node.author.id, deletedAt: node.deletedAt }, thread);
  const canReply = canComment(user, thread) && !deleted;

  return (
    <article id={`c-${node.id}`} className={node.id === context.focusId ? "comment focused" : "comment"} aria-label={deleted ? "Deleted comment" : `Comment by ${authorName}`}>
      <header className="comment-meta">
        {deleted ? (
          <span className="author muted">[deleted]</span>
        ) : (
          <Link className="author" href={`/u/${node.author.id}`}>
            {authorName}
          </Link>
        )}
        <span aria-hidden="true">·</span>
        <a className="permalink" href={`/t/${thread.id}/c/${node.id}`} title="Permalink to this comment">
          <RelativeTime date={node.createdAt} />
        </a>
        {node.editedAt && !deleted && (
          <span className="edited" title={`Edited ${node.editedAt.toISOString()}`}>
            edited
          </span>
        )}
      </header>
      {deleted ? (
        <p className="comment-body tombstone">[deleted]</p>
      ) : (
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(node.body) }} />
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
        />
      )}
      {node.replies.length > 0 &&
        (level + 1 < MAX_VISIBLE_DEPTH ? (
          <CommentTree nodes={node.replies} context={context} level={level + 1} />
        ) : (
          <Link className="continue-thread" href={`/t/${thread.id}/c/${node.id}`}>
            Continue this thread ({node.replyCount} more {node.replyCount === 1 ? "reply" : "replies"}) →
          </Link>
        ))}
    </article>
  );
}
