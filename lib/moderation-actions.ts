// Every kind of row the moderation log holds. A plain module (no database): forms in the browser validate with it too.
export const MODERATION_ACTIONS = [
  "hide_comment",
  "remove_comment",
  "restore_comment",
  "approve_comment",
  "dismiss_reports",
  "lock_thread",
  "unlock_thread",
  "pin_thread",
  "unpin_thread",
  "suspend_user",
  "lift_suspension",
  "set_role",
  "add_word_filter",
  "remove_word_filter",
  "appeal_upheld",
  "appeal_overturned",
  "slow_mode_on",
  "slow_mode_off",
  "accept_correction",
  "reject_correction",
  // Editors' actions on articles and their points (lib/queries/editor.ts).
  "create_article",
  "edit_article",
  "publish_article",
  "close_article",
  "reopen_article",
  "add_point",
  "edit_point",
  "move_point",
  "merge_points",
  "split_point",
  "delete_point",
  "close_point",
  "reopen_point",
  "mark_answer",
  "link_point_answers",
  "rename_duplicate_name",
] as const;

export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** How a report was resolved when a moderator acted on what it reported; any other resolution left the item up. */
export const REPORT_ACTED_RESOLUTIONS: ReadonlySet<string> = new Set(["hide_comment", "remove_comment", "suspend_user", "lock_thread"]);
