import { moderateThreadAction } from "@/lib/actions/moderation";
import { ActionForm } from "@/components/action-form";
import { Disclosure } from "@/components/disclosure";
import { isSlowModeActive } from "@/lib/permissions";
import { REASON_MAX_LENGTH } from "@/lib/validations/moderation";
import { threadToolHref } from "@/lib/comment-controls";
import { SlowModeControls } from "./slow-mode-controls";

/** Lock/unlock and pin/unpin for moderators, on the thread page. */
export function ThreadModeration({
  thread,
}: {
  thread: { id: string; locked: boolean; pinned: boolean; slowModeManual: boolean; slowModeUntil: Date | null };
}) {
  return (
    <div className="mod-controls thread-mod" aria-label="Thread moderation">
      <span className="mod-label">Moderator:</span>
      {thread.locked ? (
        <ActionForm
          action={moderateThreadAction}
          hidden={{ threadId: thread.id }}
          submit={[{ kind: "unlock", label: "Unlock thread" }]}
          className="inline-action"
        />
      ) : (
        <Disclosure label="Lock thread" href={threadToolHref(thread.id, "lock")}>
          <LockFields threadId={thread.id} />
        </Disclosure>
      )}
      <ActionForm
        action={moderateThreadAction}
        hidden={{ threadId: thread.id }}
        submit={[thread.pinned ? { kind: "unpin", label: "Unpin" } : { kind: "pin", label: "Pin to top" }]}
        className="inline-action"
      />
      <SlowModeControls threadId={thread.id} active={isSlowModeActive(thread)} />
    </div>
  );
}

/** Locking a thread, with the reason its banner shows. */
export function LockFields({ threadId }: { threadId: string }) {
  return (
    <ActionForm action={moderateThreadAction} hidden={{ threadId }} submit={[{ kind: "lock", label: "Lock", danger: true }]} label="Lock thread">
      <label className="field-label">
        Why (shown in the banner)
        <input type="text" name="reason" maxLength={REASON_MAX_LENGTH} required />
      </label>
    </ActionForm>
  );
}
