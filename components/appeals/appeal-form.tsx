import { fileAppealAction } from "@/lib/actions/appeals";
import { ActionForm } from "@/components/action-form";
import { APPEAL_MAX_LENGTH } from "@/lib/validations/appeal";
import styles from "./appeal-form.module.css";

/** The appeal of one moderation decision: why it should change, sent to another moderator. */
export function AppealForm({ logId, label }: { logId: string; label: string }) {
  return (
    <ActionForm action={fileAppealAction} hidden={{ logId }} submit="Send appeal" label={label} hideOnSuccess>
      <label className={`field-label ${styles.field}`}>
        Why should this decision change? Another moderator will read it.
        <textarea name="body" maxLength={APPEAL_MAX_LENGTH} required rows={4} />
      </label>
    </ActionForm>
  );
}
