import type { ModerationAction } from "@/lib/queries/moderation-log";

/** A moderation action in plain words, for the public log and the appeals pages. */
export const ACTION_LABELS: Record<ModerationAction, string> = {
  hide_comment: "hid a comment",
  remove_comment: "removed a comment",
  restore_comment: "restored a comment",
  approve_comment: "approved a comment",
  dismiss_reports: "dismissed reports",
  lock_thread: "locked the thread",
  unlock_thread: "unlocked the thread",
  pin_thread: "pinned the thread",
  unpin_thread: "unpinned the thread",
  suspend_user: "suspended a member",
  lift_suspension: "lifted a suspension",
  set_role: "changed a member's role",
  add_word_filter: "added a word filter",
  remove_word_filter: "removed a word filter",
  appeal_upheld: "upheld a decision on appeal",
  appeal_overturned: "overturned a decision on appeal",
  slow_mode_on: "switched slow mode on",
  slow_mode_off: "switched slow mode off",
  accept_correction: "accepted a correction",
  reject_correction: "declined a correction",
  rename_duplicate_name: "renamed a member whose display name read the same as another's",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action as ModerationAction] ?? action.replaceAll("_", " ");
}
