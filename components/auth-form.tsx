"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Field = { name: string; label: string; type: "text" | "email" | "password"; autoComplete: string; hint?: string };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Field[];
  callbackUrl: string;
  submitLabel: string;
};

/** Sign-in and sign-up forms: errors next to their field, typed values kept (never the password). */
export function AuthForm({ action, fields, callbackUrl, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const formErrorShown = !state.ok && !fields.some((field) => state.fieldErrors?.[field.name]?.length);

  return (
    <form action={formAction} className="auth-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formErrorShown && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {fields.map((field) => {
        const error = state.fieldErrors?.[field.name]?.[0];
        const describedBy = [error && `${field.name}-error`, field.hint && `${field.name}-hint`].filter(Boolean).join(" ");
        return (
          <div className="field" key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              defaultValue={field.type === "password" ? undefined : state.values?.[field.name]}
              key={field.type === "password" ? undefined : state.values?.[field.name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
              required
            />
            {field.hint && (
              <p id={`${field.name}-hint`} className="hint">
                {field.hint}
              </p>
            )}
            {error && (
              <p id={`${field.name}-error`} className="form-error" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={pending}>
        {pending ? "Please wait…" : submitLabel}
      </button>
    </form>
  );
}
