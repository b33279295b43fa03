import type { ModerationAction } from "@/lib/queries/moderation-log";
import { formatSuspensionLength } from "@/lib/moderation-notices";

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
  create_article: "started a draft article",
  edit_article: "edited the article's title or source",
  publish_article: "published the article",
  close_article: "closed the article to new comments",
  reopen_article: "reopened the article to comments",
  add_point: "added a point",
  edit_point: "edited a point",
  move_point: "moved a point",
  merge_points: "merged two points",
  split_point: "split a point in two",
  delete_point: "deleted a point",
  close_point: "closed a point to new comments",
  reopen_point: "reopened a point to comments",
  mark_answer: "said which earlier article this one answers",
  link_point_answers: "linked a point to the earlier points it answers",
  rename_duplicate_name: "renamed a member whose display name read the same as another's",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action as ModerationAction] ?? action.replaceAll("_", " ");
}

const APPEALED: Record<string, string> = {
  "hide comment": "hiding a comment",
  "remove comment": "removing a comment",
  "suspend user": "suspension",
};

/**
 * A log row's detail in words, for both logs: "7 day(s), until 2026-12-05T10:26:51.586Z" reads "7 days, until
 * 5 December 2026, 10:26 UTC", "appeal of: suspend user" reads "appeal of: suspension". Anything else as stored.
 */
export function readableDetail(detail: string): string {
  const suspension = /^(\d+) day\(s\), until (\S+)$/.exec(detail);
  if (suspension) {
    const until = new Date(suspension[2]!);
    if (!Number.isNaN(until.getTime())) return formatSuspensionLength(Number(suspension[1]), until);
  }
  const appeal = /^appeal of: (.+)$/.exec(detail);
  if (appeal && APPEALED[appeal[1]!]) return `appeal of: ${APPEALED[appeal[1]!]}`;
  if (detail === "permanent") return "permanent";
  return detail;
}
