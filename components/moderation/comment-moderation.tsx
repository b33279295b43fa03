import { moderateCommentAction } from "@/lib/actions/moderation";
import { ActionForm } from "@/components/action-form";
import { Disclosure } from "@/components/disclosure";
import { commentControlHref } from "@/lib/comment-controls";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import { REASON_MAX_LENGTH } from "@/lib/validations/moderation-limits";
import { SuspendForm } from "./suspend-form";

const CHOICES: Record<CommentStatus, { kind: string; label: string; danger?: boolean }[]> = {
  visible: [
    { kind: "hide", label: "Hide" },
    { kind: "remove", label: "Remove", danger: true },
  ],
  pending: [
    { kind: "approve", label: "Approve" },
    { kind: "remove", label: "Reject", danger: true },
  ],
  hidden: [
    { kind: "restore", label: "Restore" },
    { kind: "remove", label: "Remove", danger: true },
  ],
  removed: [{ kind: "restore", label: "Restore" }],
};

export function isCommentStatus(value: string | undefined): value is CommentStatus {
  return value !== undefined && Object.hasOwn(CHOICES, value);
}

/** Hide, remove, restore or approve one comment, with the reason members see. */
export function ModerateCommentFields({ commentId, status }: { commentId: string; status: CommentStatus }) {
  return (
    <ActionForm action={moderateCommentAction} hidden={{ commentId }} submit={CHOICES[status]} label="Moderate comment">
      <label className="field-label">
        Reason (members see it on a hidden comment)
        <input type="text" name="reason" maxLength={REASON_MAX_LENGTH} />
      </label>
    </ActionForm>
  );
}

/**
 * A moderator's controls on one comment in the queue, where deciding is the whole job: the reason and the
 * hide/remove (restore, approve/reject) buttons are on the item itself; suspending its author opens below.
 */
export function CommentModeration({
  comment,
}: {
  comment: { id: string; threadId: string; status: CommentStatus; authorId: string; mayBeSuspended: boolean };
}) {
  return (
    <div className="mod-controls queue-actions">
      <ModerateCommentFields commentId={comment.id} status={comment.status} />
      {comment.mayBeSuspended && (
        <Disclosure label="Suspend author" href={commentControlHref(comment.threadId, comment.id, "suspend")}>
          <SuspendForm userId={comment.authorId} commentId={comment.id} />
        </Disclosure>
      )}
    </div>
  );
}
