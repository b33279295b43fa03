import { REPORT_ACTED_RESOLUTIONS } from "@/lib/moderation-actions";
import { tidySnippet } from "@/lib/search-highlight";

// What Agora tells a member about moderation that concerns them, in plain words: one home for every text (the
// in-app notice and its email share it). A notice never names the moderator. Pure: table-tested without a database.

export type NoticeKind =
  | "comment_hidden"
  | "comment_removed"
  | "suspended"
  | "appeal_upheld"
  | "appeal_overturned"
  | "report_acted"
  | "report_dismissed"
  | "correction_accepted"
  | "correction_rejected";

export type NoticeText = { kind: NoticeKind; title: string; body: string; href: string };

/** Where a member appeals a decision about them. */
export const APPEALS_HREF = "/appeals";

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "5 December 2026, 10:26 UTC". */
export function formatLongDate(date: Date): string {
  const parts = Object.fromEntries(longDate.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}

/** "1 day, until 5 December 2026, 10:26 UTC", "7 days, until …", or "permanent". */
export function formatSuspensionLength(days: number | null, until: Date | null): string {
  if (days === null || until === null) return "permanent";
  return `${days} ${days === 1 ? "day" : "days"}, until ${formatLongDate(until)}`;
}

/** The first words of a comment, to name it without an id. */
export function firstWords(body: string, length = 60): string {
  const text = tidySnippet(body).replace(/\s+/g, " ").trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

const reasonLine = (reason: string | null | undefined) => (reason?.trim() ? `Reason given: ${reason.trim()}` : "No reason was given.");

/** What the notice's button says, by where it goes. */
export function noticeLinkLabel(kind: string): string {
  if (kind === "comment_hidden" || kind === "comment_removed") return "See your comment and appeal →";
  if (kind === "suspended") return "Appeal your suspension →";
  if (kind.startsWith("appeal_")) return "See your appeals →";
  return "Open the thread →";
}

/** `href`: the comment's permalink, where its author sees it and its "Appeal this decision" control. */
export function commentModeratedNotice(input: {
  kind: "hide" | "remove";
  threadTitle: string;
  commentBody: string;
  reason?: string | null;
  href: string;
}): NoticeText {
  const verb = input.kind === "hide" ? "hid" : "removed";
  return {
    kind: input.kind === "hide" ? "comment_hidden" : "comment_removed",
    title: `A moderator ${verb} your comment on “${input.threadTitle}”`,
    body: [
      `Your comment “${firstWords(input.commentBody)}” is no longer shown to readers.`,
      reasonLine(input.reason),
      "If you think this was a mistake, you can appeal it from the comment: another moderator will look at it.",
    ].join("\n"),
    href: input.href,
  };
}

export function suspensionNotice(input: { days: number | null; until: Date | null; reason: string }): NoticeText {
  const length = formatSuspensionLength(input.days, input.until);
  return {
    kind: "suspended",
    title: input.days === null ? "Your account is suspended permanently" : `Your account is suspended for ${length.split(",")[0]}`,
    body: [
      reasonLine(input.reason),
      `Length: ${length}.`,
      "You can still read and see your notifications, but you cannot post, vote or report until it ends.",
      "If you think this was a mistake, you can appeal: another moderator will look at it.",
    ].join("\n"),
    href: APPEALS_HREF,
  };
}

export function appealOutcomeNotice(input: { outcome: "upheld" | "overturned"; of: "comment" | "suspension"; reason: string }): NoticeText {
  const granted = input.outcome === "overturned";
  const what = input.of === "comment" ? "your comment" : "your suspension";
  return {
    kind: granted ? "appeal_overturned" : "appeal_upheld",
    title: granted ? `Your appeal was granted: the decision on ${what} is reversed` : `Your appeal was declined: the decision on ${what} stands`,
    body: [
      granted
        ? input.of === "comment"
          ? "Your comment is shown to readers again."
          : "Your suspension is lifted: you can post again."
        : "Another moderator looked at your appeal and kept the decision.",
      reasonLine(input.reason),
    ].join("\n"),
    href: APPEALS_HREF,
  };
}

export function reportOutcomeNotice(input: { resolution: string; threadTitle: string; commentBody: string | null; href: string }): NoticeText {
  const acted = REPORT_ACTED_RESOLUTIONS.has(input.resolution);
  const item = input.commentBody === null ? `the thread “${input.threadTitle}”` : `a comment on “${input.threadTitle}” (“${firstWords(input.commentBody)}”)`;
  const outcome: Record<string, string> = {
    hide_comment: "The comment was hidden.",
    remove_comment: "The comment was removed.",
    suspend_user: "Its author was suspended.",
    lock_thread: "The thread was locked.",
  };
  return {
    kind: acted ? "report_acted" : "report_dismissed",
    title: acted ? "A moderator acted on your report" : "A moderator looked at your report and took no action",
    body: acted
      ? `You reported ${item}. ${outcome[input.resolution]} Thank you for reporting it.`
      : `You reported ${item}. A moderator found it within the rules, so it stays up. Thank you for reporting it.`,
    href: input.href,
  };
}

export function correctionOutcomeNotice(input: { accepted: boolean; threadTitle: string; text: string; href: string }): NoticeText {
  return {
    kind: input.accepted ? "correction_accepted" : "correction_rejected",
    title: input.accepted ? `Your correction to “${input.threadTitle}” was accepted` : `Your correction to “${input.threadTitle}” was declined`,
    body: input.accepted ? `The note now shown on the point: ${input.text}` : `Reason given: ${input.text}`,
    href: input.href,
  };
}
