import { STANCE_LABELS } from "@/lib/stance-labels";
import { STANCES, type StanceValue } from "@/lib/validations/comment-limits";
import styles from "./stance-choice.module.css";

/** The optional stance of a top-level comment: a plain radio group, so it works without JavaScript. */
export function StanceChoice({ idPrefix, defaultValue }: { idPrefix: string; defaultValue: StanceValue | null | string }) {
  const options: { value: string; label: string }[] = [
    { value: "", label: "No stance" },
    ...STANCES.map((stance) => ({ value: stance, label: STANCE_LABELS[stance] })),
  ];
  const chosen = options.some((option) => option.value === defaultValue) ? (defaultValue ?? "") : "";
  return (
    <fieldset className={styles.choice}>
      <legend>Your stance on this point (optional)</legend>
      {options.map((option) => (
        <span key={option.value || "none"} className={styles.option}>
          <input type="radio" id={`${idPrefix}-stance-${option.value || "none"}`} name="stance" value={option.value} defaultChecked={chosen === option.value} />
          <label htmlFor={`${idPrefix}-stance-${option.value || "none"}`}>{option.label}</label>
        </span>
      ))}
    </fieldset>
  );
}
