import { STANCE_LABELS } from "@/lib/stance-labels";
import type { StanceValue } from "@/lib/validations/comment";

/** A top-level comment's stance on the point, as a small labelled badge (the words carry it, not the colour). */
export function StanceBadge({ stance }: { stance: StanceValue | null }) {
  if (!stance) return null;
  return (
    <span className={`badge stance-badge stance-${stance}`}>
      <span className="visually-hidden">Stance: </span>
      {STANCE_LABELS[stance]}
    </span>
  );
}
