import { createCommentAction, deleteCommentAction, editCommentAction } from "@/lib/actions/comments";
import type { StanceValue } from "@/lib/validations/comment";
import { ActionForm } from "./action-form";
import { CommentForm } from "./comment-form";

// The forms behind a comment's Reply, Edit and Delete controls: on their own pages without JavaScript
// (app/t/[threadId]/c/[commentId]/[control]) and inline under the comment with it (components/thread-discussion.tsx).

export function ReplyForm({ threadId, commentId, authorName, onCancel }: { threadId: string; commentId: string; authorName: string; onCancel?: () => void }) {
  return (
    <CommentForm
      action={createCommentAction}
      hidden={{ threadId, parentId: commentId }}
      label={`Reply to ${authorName}`}
      submitLabel="Post reply"
      onCancel={onCancel}
      onPosted={onCancel}
      autoFocus
    />
  );
}

export function EditForm({
  threadId,
  commentId,
  body,
  stance,
  onCancel,
}: {
  threadId?: string;
  commentId: string;
  body: string;
  /** Set when the comment may take a stance (its author's top-level comment). */
  stance?: { current: StanceValue | null };
  onCancel?: () => void;
}) {
  return (
    <CommentForm
      action={editCommentAction}
      hidden={{ commentId }}
      threadId={threadId}
      label="Edit your comment"
      submitLabel="Save edit"
      defaultBody={body}
      stance={stance ? { defaultValue: stance.current } : undefined}
      onCancel={onCancel}
      autoFocus
    />
  );
}

/** The confirmation step of deleting one's comment. */
export function DeleteForm({ commentId }: { commentId: string }) {
  return (
    <ActionForm action={deleteCommentAction} hidden={{ commentId }} submit={[{ kind: "delete", label: "Delete comment", danger: true }]} label="Delete comment">
      <p>Delete this comment? Replies stay, under a [deleted] placeholder. This cannot be undone.</p>
    </ActionForm>
  );
}
