import { reportAction } from "@/lib/actions/comments";
import { REPORT_REASON_LABELS, REPORT_REASONS, REASON_MAX_LENGTH } from "@/lib/validations/moderation-limits";
import { ActionForm } from "./action-form";

/**
 * A report on a comment (or on a thread): a reason and an optional note for the moderators. No reason is chosen
 * in advance, so a reporter who does not look files nothing rather than the wrong thing.
 */
export function ReportFields({ threadId, commentId }: { threadId: string; commentId?: string }) {
  return (
    <ActionForm
      action={reportAction}
      hidden={{ threadId, ...(commentId ? { commentId } : {}) }}
      submit="Send report"
      hideOnSuccess
      label={commentId ? "Report this comment" : "Report this thread"}
    >
      <fieldset className="report-reasons">
        <legend>What is wrong with it?</legend>
        {REPORT_REASONS.map((reason) => (
          <label key={reason}>
            <input type="radio" name="reason" value={reason} required /> {REPORT_REASON_LABELS[reason]}
          </label>
        ))}
      </fieldset>
      <label className="field-label">
        Note for the moderators (optional)
        <textarea name="note" rows={2} maxLength={REASON_MAX_LENGTH} />
      </label>
    </ActionForm>
  );
}
