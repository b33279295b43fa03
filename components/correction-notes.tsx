import type { CorrectionNote } from "@/lib/queries/corrections";
import styles from "./correction-notes.module.css";

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "26 Nov 2026": the date an editor accepted the correction. */
export function correctionDate(date: Date): string {
  return DAY.format(date);
}

/** Accepted corrections on a point, dated, for everyone: under the point's summary and next to it on the article. */
export function CorrectionNotes({ notes, compact }: { notes: readonly CorrectionNote[] | undefined; compact?: boolean }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className={compact ? `${styles.notes} correction-notes compact` : `${styles.notes} correction-notes`} aria-label="Corrections">
      {notes.map((note) => (
        <li key={note.id} className={styles.note} data-correction-id={note.id}>
          <strong>
            Correction,{" "}
            <time
              dateTime={note.decidedAt.toISOString()}
              title={note.target === "article" ? "A correction to the article" : "A correction to this point's summary"}
            >
              {correctionDate(note.decidedAt)}
            </time>
            :
          </strong>{" "}
          {note.note}
        </li>
      ))}
    </ul>
  );
}
