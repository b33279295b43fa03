import Link from "next/link";
import { STANCE_LABELS } from "@/lib/stance-labels";
import type { StanceTally as Tally } from "@/lib/queries/stances";
import { STANCES, type StanceValue } from "@/lib/validations/comment";
import styles from "./stance-tally.module.css";

type Props = {
  tally: Tally;
  /** With a filter: each count links to the comments taking that stance (undefined: every comment). */
  filter?: { active?: StanceValue; href: (stance?: StanceValue) => string };
  /** A smaller bar, for a list of points. */
  compact?: boolean;
};

/** The bar's segments, left to right, in units of one comment. */
function segments(tally: Tally) {
  let x = 0;
  return STANCES.filter((stance) => tally[stance] > 0).map((stance) => {
    const segment = { stance, x, width: tally[stance] };
    x += tally[stance];
    return segment;
  });
}

/**
 * Where the top-level comments on a point stand: a bar for the eye (hidden from assistive technology) and the
 * same counts as text beside it, so nothing rests on colour alone.
 */
export function StanceTally({ tally, filter, compact }: Props) {
  const total = STANCES.reduce((sum, stance) => sum + tally[stance], 0);
  return (
    <div className={compact ? `${styles.tally} ${styles.compact} stance-tally` : `${styles.tally} stance-tally`}>
      {/* An SVG, not inline styles: the content security policy allows no style attributes. */}
      <svg className={styles.bar} aria-hidden="true" focusable="false" viewBox={`0 0 ${Math.max(total, 1)} 1`} preserveAspectRatio="none">
        {total === 0 ? (
          <rect className={styles.none} x={0} y={0} width={1} height={1} />
        ) : (
          segments(tally).map(({ stance, x, width }) => <rect key={stance} className={styles[stance]} x={x} y={0} width={width} height={1} />)
        )}
      </svg>
      {filter ? (
        <nav aria-label="Filter comments by stance" className={styles.counts}>
          <ul>
            <li>
              <Link href={filter.href()} aria-current={filter.active === undefined ? "true" : undefined}>
                All comments
              </Link>
            </li>
            {STANCES.map((stance) => (
              <li key={stance} data-stance={stance}>
                <Link href={filter.href(stance)} aria-current={filter.active === stance ? "true" : undefined}>
                  <span className={`${styles.swatch} ${styles[stance]}`} aria-hidden="true" />
                  {STANCE_LABELS[stance]} <span className={`${styles.count} stance-count`}>{tally[stance]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <ul className={styles.counts} aria-label="Stance tally">
          {STANCES.map((stance) => (
            <li key={stance} data-stance={stance}>
              <span className={`${styles.swatch} ${styles[stance]}`} aria-hidden="true" />
              {STANCE_LABELS[stance]} <span className={`${styles.count} stance-count`}>{tally[stance]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
