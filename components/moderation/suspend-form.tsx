import { suspendUserAction } from "@/lib/actions/moderation";
import { ActionForm } from "@/components/action-form";
import { REASON_MAX_LENGTH } from "@/lib/validations/moderation-limits";

const DURATIONS = [
  ["1d", "1 day"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["permanent", "Permanently"],
] as const;

/** Suspends a member: they can still read, and they see the reason when they try to take part. */
export function SuspendForm({ userId, commentId }: { userId: string; commentId?: string }) {
  return (
    <ActionForm action={suspendUserAction} hidden={{ userId, ...(commentId ? { commentId } : {}) }} submit="Suspend" label="Suspend author">
      <label className="field-label">
        For
        {/* No length chosen in advance: the moderator picks one, or is told to. */}
        <select name="duration" defaultValue="" required>
          <option value="" disabled>
            Choose a length
          </option>
          {DURATIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field-label">
        Reason (shown to the member)
        <input type="text" name="reason" maxLength={REASON_MAX_LENGTH} required />
      </label>
    </ActionForm>
  );
}
