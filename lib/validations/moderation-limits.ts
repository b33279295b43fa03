// What the report, moderation and suspension forms (rendered in the browser too, by the thread's client component)
// share with the server's schemas. No zod here: a zod schema built in the browser tries eval() to compile itself,
// which the content security policy refuses and reports.

export const REASON_MAX_LENGTH = 500;

export const REPORT_REASONS = ["spam", "harassment", "misinformation", "off_topic", "other"] as const;
export const REPORT_REASON_LABELS: Record<(typeof REPORT_REASONS)[number], string> = {
  spam: "Spam",
  harassment: "Harassment or abuse",
  misinformation: "Misinformation",
  off_topic: "Off-topic",
  other: "Something else",
};
