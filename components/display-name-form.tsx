"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  currentName: string;
  hint: string;
};

/** The /settings/name form: the error next to the field, the typed name kept, the answer announced. */
export function DisplayNameForm({ action, currentName, hint }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const error = state.ok ? undefined : (state.fieldErrors?.name?.[0] ?? state.message);
  const value = state.values?.name ?? currentName;
  return (
    <form action={formAction} className="auth-form" noValidate>
      <div className="field">
        <label htmlFor="name">Display name</label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="nickname"
          defaultValue={value}
          key={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "name-error name-hint" : "name-hint"}
          required
        />
        <p id="name-hint" className="hint">
          {hint}
        </p>
        {error && (
          <p id="name-error" className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Change display name"}
      </button>
      {state.ok && state.message && (
        <p className="form-success" role="status">
          {state.message}
        </p>
      )}
    </form>
  );
}
