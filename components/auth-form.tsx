"use client";

import Link from "next/link";
import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Field = { name: string; label: string; type: "text" | "email" | "password"; autoComplete: string; hint?: string };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Field[];
  callbackUrl: string;
  submitLabel: string;
  /** Sent along unseen, e.g. a reset link's token. */
  hidden?: Record<string, string>;
  /** A way out shown with a refusal, e.g. "Forgot your password?" after a failed sign-in. */
  failureLink?: { href: string; label: string };
};

/** Sign-in and sign-up forms: errors next to their field, typed values kept (never the password). */
export function AuthForm({ action, fields, callbackUrl, submitLabel, hidden = {}, failureLink }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const formErrorShown = !state.ok && !fields.some((field) => state.fieldErrors?.[field.name]?.length);

  return (
    <form action={formAction} className="auth-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.ok && state.message && (
        <p className="form-success" role="status">
          {state.message}
        </p>
      )}
      {formErrorShown && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {!state.ok && failureLink && (
        <p>
          <Link href={failureLink.href}>{failureLink.label}</Link>
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
