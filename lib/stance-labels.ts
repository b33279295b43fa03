import type { StanceValue } from "@/lib/validations/comment";

/** How a stance reads in badges, the tally and the exports. */
export const STANCE_LABELS: Record<StanceValue, string> = { agrees: "Agrees", disagrees: "Disagrees", context: "Adds context" };
