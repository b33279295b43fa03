import Link from "next/link";
import { STANCE_LABELS } from "@/lib/stance-labels";
import type { StanceTally as Tally } from "@/lib/queries/stances";
import { STANCES, type StanceValue } from "@/lib/validations/comment";

type Props = {
  tally: Tally;
  /** With a filter: each count links to the comments taking that stance (undefined: every comment). */
  filter?: { active?: StanceValue; href: (stance?: StanceValue) => string };
  /** A smaller bar, for a list of points. */
  compact?: boolean;
};

/**
 * Where the top-level comments on a point stand: a bar for the eye (hidden from assistive technology) and the
 * same counts as text beside it, so nothing rests on colour alone.
 */
export function StanceTally({ tally, filter, compact }: Props) {
  const total = STANCES.reduce((sum, stance) => sum + tally[stance], 0);
  return (
    <div className={compact ? "stance-tally compact" : "stance-tally"}>
      <div className="stance-bar" aria-hidden="true">
        {total === 0 ? (
          <span className="stance-segment stance-none" style={{ flexGrow: 1 }} />
        ) : (
          STANCES.filter((stance) => tally[stance] > 0).map((stance) => (
            <span key={stance} className={`stance-segment stance-${stance}`} style={{ flexGrow: tally[stance] }} />
          ))
        )}
      </div>
      {filter ? (
        <nav aria-label="Filter comments by stance" className="stance-counts">
          <ul>
            <li>
              <Link href={filter.href()} aria-current={filter.active === undefined ? "true" : undefined}>
                All comments
              </Link>
            </li>
            {STANCES.map((stance) => (
              <li key={stance} data-stance={stance}>
                <Link href={filter.href(stance)} aria-current={filter.active === stance ? "true" : undefined}>
                  <span className={`stance-swatch stance-${stance}`} aria-hidden="true" />
                  {STANCE_LABELS[stance]} <span className="stance-count">{tally[stance]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <ul className="stance-counts" aria-label="Stance tally">
          {STANCES.map((stance) => (
            <li key={stance} data-stance={stance}>
              <span className={`stance-swatch stance-${stance}`} aria-hidden="true" />
              {STANCE_LABELS[stance]} <span className="stance-count">{tally[stance]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
