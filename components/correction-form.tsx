import { suggestCorrectionAction } from "@/lib/actions/evidence";
import type { MyCorrection } from "@/lib/queries/corrections";
import { CLAIM_MAX_LENGTH, CORRECTION_TARGET_LABELS, CORRECTION_TARGETS } from "@/lib/validations/evidence";
import { threadToolHref } from "@/lib/comment-controls";
import { ActionForm } from "./action-form";
import { Disclosure } from "./disclosure";
import { RelativeTime } from "./relative-time";
import styles from "./correction-form.module.css";

const TARGET_WORDS = { article: "the article", summary: "the point's summary" } as const;

/**
 * "Suggest a correction" on a thread: the article or the point's summary is wrong. Not a report: it goes to the
 * editors' queue. Below it, the member's own requests on this point and what became of them.
 */
export function CorrectionTools({ threadId, mine, canSuggest }: { threadId: string; mine: readonly MyCorrection[]; canSuggest: boolean }) {
  return (
    <div className={`${styles.tools} correction-tools`}>
      {canSuggest && (
        <Disclosure label="Suggest a correction" href={threadToolHref(threadId, "correction")}>
          <CorrectionFields threadId={threadId} />
        </Disclosure>
      )}
      {mine.length > 0 && (
        <ul className={`${styles.mine} my-corrections`} aria-label="Your correction requests">
          {mine.map((correction) => (
            <li key={correction.id} data-correction-id={correction.id}>
              Your correction to {TARGET_WORDS[correction.target]}, sent <RelativeTime date={correction.createdAt} />:{" "}
              {correction.status === "open" ? (
                <span>waiting for the editors.</span>
              ) : correction.status === "accepted" ? (
                <span>
                  <strong>accepted</strong> — “{correction.note}”
                </span>
              ) : (
                <span>
                  <strong>not accepted</strong> — {correction.decisionReason}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What is wrong (the article or the point's summary, nothing chosen in advance) and what is right. */
export function CorrectionFields({ threadId }: { threadId: string }) {
  return (
    <ActionForm action={suggestCorrectionAction} hidden={{ threadId }} submit="Send to the editors" hideOnSuccess label="Suggest a correction">
      <fieldset className="report-reasons">
        <legend>What is wrong?</legend>
        {CORRECTION_TARGETS.map((target) => (
          <label key={target}>
            <input type="radio" name="target" value={target} required /> {CORRECTION_TARGET_LABELS[target]}
          </label>
        ))}
      </fieldset>
      <label className="field-label">
        What it gets wrong, and what is right (with a source if you have one)
        <textarea name="claim" rows={3} maxLength={CLAIM_MAX_LENGTH} required />
      </label>
      <p className="hint">The editors read these; an accepted correction is noted on the point for everyone. To report abuse, use Report.</p>
    </ActionForm>
  );
}
