"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden?: Record<string, string>;
  children?: ReactNode;
  /** One submit button, or several named `kind` choices in one form. */
  submit: string | { kind: string; label: string; danger?: boolean }[];
  className?: string;
  label?: string;
  /** Replace the form by its confirmation once it succeeds (a report is sent once). */
  hideOnSuccess?: boolean;
};

/** A small form for one server action, showing its answer (done or refused) beside the buttons. */
export function ActionForm({ action, hidden = {}, children, submit, className, label, hideOnSuccess }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  // React empties a form once its action has run; a refusal puts back what was typed (never a password: actions
  // return only the text fields they name), so the member corrects one field instead of retyping them all.
  useEffect(() => {
    if (state.ok || !state.values || !form.current) return;
    for (const [name, value] of Object.entries(state.values)) {
      const field = form.current.elements.namedItem(name);
      const refillable =
        field instanceof HTMLTextAreaElement ||
        field instanceof HTMLSelectElement ||
        (field instanceof HTMLInputElement && !["password", "hidden", "checkbox", "radio", "file"].includes(field.type));
      if (refillable && typeof value === "string") field.value = value;
    }
  }, [state]);
  if (hideOnSuccess && state.ok && state.message) {
    return (
      <p className="form-success" role="status">
        {state.message}
      </p>
    );
  }
  const buttons = typeof submit === "string" ? [{ kind: undefined, label: submit, danger: false }] : submit;
  return (
    <form ref={form} action={formAction} className={className ?? "action-form"} aria-label={label} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="action-buttons">
        {buttons.map((button) => (
          <button
            key={button.label}
            type="submit"
            name={button.kind ? "kind" : undefined}
            value={button.kind}
            className={button.danger ? "button-danger" : "button-secondary"}
            disabled={pending}
          >
            {button.label}
          </button>
        ))}
      </div>
      {state.message && (
        <p className={state.ok ? "form-success" : "form-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
