"use client";

import { useActionState, useId } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";
import type { StanceValue } from "@/lib/validations/comment";
import { COMMENT_MAX_LENGTH } from "@/lib/validations/comment-limits";
import { MentionTextarea } from "./mention-autocomplete";
import { StanceChoice } from "./stance-choice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
  defaultBody?: string;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** A top-level comment's form offers the stance choice, starting at this one. */
  stance?: { defaultValue: StanceValue | null };
  /** The thread written in: its participants come first in the @mention suggestions (else `hidden.threadId`). */
  threadId?: string;
};

/** The one form for new comments, replies and edits. A refused submission keeps the text and shows why. */
export function CommentForm({ action, hidden, label, submitLabel, defaultBody = "", onCancel, autoFocus, stance, threadId = hidden.threadId }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const id = useId();
  const errorId = `${id}-error`;
  const body = state.values?.body ?? defaultBody;

  return (
    <form action={formAction} className="comment-form" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {label}
      </label>
      <MentionTextarea
        threadId={threadId}
        id={`${id}-body`}
        name="body"
        rows={4}
        placeholder={label}
        defaultValue={body}
        key={body}
        maxLength={COMMENT_MAX_LENGTH * 2}
        aria-invalid={!state.ok || undefined}
        aria-describedby={!state.ok ? errorId : undefined}
        autoFocus={autoFocus}
      />
      {stance && <StanceChoice key={state.values?.stance ?? "initial"} idPrefix={id} defaultValue={state.values?.stance ?? stance.defaultValue} />}
      {!state.ok && (
        <p id={errorId} className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <div className="form-actions">
        <span className="hint">Markdown: *emphasis*, **bold**, [links](https://…), lists, &gt; quotes, `code`</span>
        {onCancel && (
          <button type="button" className="button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={pending}>
          {pending ? "Posting…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
