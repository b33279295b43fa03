import { Disclosure } from "@/components/disclosure";
import type { ReactNode } from "react";
import type { CommentAppealState } from "@/lib/queries/appeals";
import { AppealForm } from "./appeal-form";
import styles from "./appeal.module.css";

/** On the author's own hidden or removed comment: the way to appeal, or where their appeal stands. */
export function CommentAppeal({ state }: { state: CommentAppealState }) {
  const { appeal } = state;
  if (!appeal) {
    return (
      <Disclosure label="Appeal this decision" className="disclosure appeal-disclosure">
        <AppealForm logId={state.logId} label="Appeal the moderation of your comment" />
      </Disclosure>
    );
  }
  if (appeal.status === "open") {
    return (
      <p className={styles.open} role="status">
        You appealed this decision. Another moderator will look at it.
      </p>
    );
  }
  return (
    <p className={styles[appeal.status]}>
      {appeal.status === "upheld" ? "Your appeal was turned down" : "Your appeal was granted"}
      {appeal.decisionReason ? `: ${appeal.decisionReason}` : "."}
    </p>
  );
}

/** The appeal pieces of a page's comments, by comment id: only on the viewer's own hidden or removed comments. */
export function appealSlots(
  comments: readonly { id: string; deletedAt: Date | null; author: { id: string } }[],
  viewerId: string | undefined,
  appeals: ReadonlyMap<string, CommentAppealState>,
): Record<string, ReactNode> {
  const slots: Record<string, ReactNode> = {};
  for (const comment of comments) {
    const state = appeals.get(comment.id);
    if (state && comment.deletedAt === null && comment.author.id === viewerId) slots[comment.id] = <CommentAppeal state={state} />;
  }
  return slots;
}
