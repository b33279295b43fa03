import type { StanceValue } from "@/lib/validations/comment";

/** How a stance reads in badges, the tally and the exports. */
export const STANCE_LABELS: Record<StanceValue, string> = { agrees: "Agrees", disagrees: "Disagrees", context: "Adds context" };

/**
 * The digest's heading over a stance's chosen comment: "most upvoted" once anyone has upvoted it; before that
 * the oldest is chosen, and calling it the top comment would claim a judgement nobody made.
 */
export function topCommentHeading(stance: StanceValue, score: number): string {
  return `${STANCE_LABELS[stance]}: ${score > 0 ? "most upvoted" : "said first (no upvotes yet)"}`;
}
