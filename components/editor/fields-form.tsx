"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";
import styles from "./fields-form.module.css";

export type Field = {
  name: string;
  label: string;
  kind: "text" | "url" | "textarea" | "file";
  value?: string;
  hint?: string;
  /** For a file input: the types offered by the browser's picker. */
  accept?: string;
  rows?: number;
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Field[];
  hidden?: Record<string, string>;
  submit: string;
  label: string;
  className?: string;
};

/**
 * A form of labelled fields for one server action. A refused form keeps what was typed (the action echoes it
 * back), and each field shows its own error; without JavaScript it posts as any form does (multipart with a file).
 */
export function FieldsForm({ action, fields, hidden = {}, submit, label, className }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const id = label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <form action={formAction} className={className ?? styles.form} aria-label={label} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const errors = state.fieldErrors?.[field.name];
        const describedBy = [field.hint ? `${id}-${field.name}-hint` : "", errors ? `${id}-${field.name}-error` : ""].filter(Boolean).join(" ") || undefined;
        const value = state.values?.[field.name] ?? field.value ?? "";
        const common = { name: field.name, "aria-describedby": describedBy, "aria-invalid": errors ? true : undefined };
        return (
          <div key={field.name} className="field">
            <label className="field-label">
              {field.label}
              {field.kind === "textarea" ? (
                <textarea {...common} defaultValue={value} rows={field.rows ?? 4} key={value} />
              ) : field.kind === "file" ? (
                <input {...common} type="file" accept={field.accept} />
              ) : (
                <input {...common} type={field.kind} defaultValue={value} key={value} />
              )}
            </label>
            {field.hint && (
              <p className="hint" id={`${id}-${field.name}-hint`}>
                {field.hint}
              </p>
            )}
            {errors && (
              <p className="form-error" id={`${id}-${field.name}-error`}>
                {errors[0]}
              </p>
            )}
          </div>
        );
      })}
      <div className="action-buttons">
        <button type="submit" className="button-secondary" disabled={pending}>
          {submit}
        </button>
      </div>
      {state.message && (
        <p className={state.ok ? "form-success" : "form-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
