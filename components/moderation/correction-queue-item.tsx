import Link from "next/link";
import { decideCorrectionAction } from "@/lib/actions/corrections";
import { ActionForm } from "@/components/action-form";
import { RelativeTime } from "@/components/relative-time";
import type { QueuedCorrection } from "@/lib/queries/corrections";
import { DECISION_MAX_LENGTH } from "@/lib/validations/evidence";
import styles from "./correction-queue-item.module.css";

const TARGET_WORDS = { article: "The article is wrong", summary: "The point's summary is wrong" } as const;

/** One open correction request: what it says is wrong, on which point, and the two ways to decide it. */
export function CorrectionQueueItem({ correction }: { correction: QueuedCorrection }) {
  const { thread } = correction;
  return (
    <article className="queue-item" aria-label={`Correction request on point ${thread.position}`} data-correction-id={correction.id}>
      <div className="queue-item-head">
        <span className="badge badge-pending">{TARGET_WORDS[correction.target]}</span>
        <span className="comment-meta">
          {thread.article.title} ·{" "}
          <Link href={`/t/${thread.id}`}>
            Point {thread.position}: {thread.title}
          </Link>{" "}
          · from <Link href={`/u/${correction.requester.id}`}>{correction.requester.name ?? "Anonymous"}</Link>, <RelativeTime date={correction.createdAt} />
        </span>
      </div>
      <p className="muted">Summary: {thread.summary}</p>
      <blockquote className={styles.claim}>{correction.claim}</blockquote>
      <div className="mod-controls">
        <ActionForm
          action={decideCorrectionAction}
          hidden={{ correctionId: correction.id, kind: "accept" }}
          submit="Accept"
          hideOnSuccess
          label="Accept this correction"
        >
          <label className="field-label">
            Public note (shown, dated, on the point)
            <textarea name="note" rows={2} maxLength={DECISION_MAX_LENGTH} required />
          </label>
        </ActionForm>
        <ActionForm
          action={decideCorrectionAction}
          hidden={{ correctionId: correction.id, kind: "reject" }}
          submit="Reject"
          hideOnSuccess
          label="Reject this correction"
        >
          <label className="field-label">
            Reason (for the member; also in the article&apos;s public log)
            <textarea name="reason" rows={2} maxLength={DECISION_MAX_LENGTH} required />
          </label>
        </ActionForm>
      </div>
    </article>
  );
}
