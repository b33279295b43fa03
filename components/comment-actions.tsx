"use client";

import { useActionState, useState } from "react";
import { createCommentAction, deleteCommentAction, editCommentAction } from "@/app/t/[threadId]/actions";
import { initialActionState } from "@/lib/action-state";
import type { StanceValue } from "@/lib/validations/comment";
import { CommentForm } from "./comment-form";

type Props = {
  threadId: string;
  commentId: string;
  authorName: string;
  body: string;
  canReply: boolean;
  canEdit: boolean;
  /** Set when the edit form may change the comment's stance (its author, a top-level comment). */
  stance?: { current: StanceValue | null };
};

/** Reply, edit and delete controls under a comment. The server re-checks every permission on submit. */
export function CommentActions({ threadId, commentId, authorName, body, canReply, canEdit, stance }: Props) {
  const [mode, setMode] = useState<"idle" | "reply" | "edit">("idle");
  const close = () => setMode("idle");

  return (
    <div className="comment-actions">
      <div className="comment-buttons">
        {canReply && (
          <button type="button" className="link-button" aria-expanded={mode === "reply"} onClick={() => setMode(mode === "reply" ? "idle" : "reply")}>
            Reply
          </button>
        )}
        {canEdit && (
          <>
            <button type="button" className="link-button" aria-expanded={mode === "edit"} onClick={() => setMode(mode === "edit" ? "idle" : "edit")}>
              Edit
            </button>
            <DeleteCommentButton commentId={commentId} />
          </>
        )}
      </div>
      {mode === "reply" && (
        <CommentForm
          action={createCommentAction}
          hidden={{ threadId, parentId: commentId }}
          label={`Reply to ${authorName}`}
          submitLabel="Post reply"
          onCancel={close}
          autoFocus
        />
      )}
      {mode === "edit" && (
        <CommentForm
          action={editCommentAction}
          hidden={{ commentId }}
          label="Edit your comment"
          submitLabel="Save edit"
          defaultBody={body}
          stance={stance ? { defaultValue: stance.current } : undefined}
          onCancel={close}
          autoFocus
        />
      )}
    </div>
  );
}

function DeleteCommentButton({ commentId }: { commentId: string }) {
  const [state, formAction, pending] = useActionState(deleteCommentAction, initialActionState);
  return (
    <form
      action={formAction}
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm("Delete this comment? Replies stay, under a [deleted] placeholder.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className="link-button danger" disabled={pending}>
        Delete
      </button>
      {!state.ok && (
        <span className="form-error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
