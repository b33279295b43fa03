import { setSlowModeAction } from "@/lib/actions/slow-mode";
import { ActionForm } from "@/components/action-form";
import { Disclosure } from "@/components/disclosure";
import { threadToolHref } from "@/lib/comment-controls";
import { REASON_MAX_LENGTH } from "@/lib/validations/moderation";

/** A moderator's slow-mode switch on the thread page (reason optional, shown in the public log). */
export function SlowModeControls({ threadId, active }: { threadId: string; active: boolean }) {
  return (
    <Disclosure label={active ? "Slow mode off" : "Slow mode on"} href={threadToolHref(threadId, "slow-mode")}>
      <SlowModeFields threadId={threadId} active={active} />
    </Disclosure>
  );
}

/** The switch itself, with an optional reason. */
export function SlowModeFields({ threadId, active }: { threadId: string; active: boolean }) {
  return (
    <ActionForm
      action={setSlowModeAction}
      hidden={{ threadId }}
      submit={[active ? { kind: "off", label: "Switch slow mode off" } : { kind: "on", label: "Switch slow mode on" }]}
      label={active ? "Switch slow mode off" : "Switch slow mode on"}
    >
      <label className="field-label">
        Reason (optional, shown in the moderation log)
        <input type="text" name="reason" maxLength={REASON_MAX_LENGTH} />
      </label>
    </ActionForm>
  );
}
