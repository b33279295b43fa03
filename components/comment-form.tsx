"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { initialActionState, type ActionState } from "@/lib/action-state";
import type { PostedComment } from "@/lib/posted-comment";
import type { StanceValue } from "@/lib/validations/comment";
import { COMMENT_MAX_LENGTH } from "@/lib/validations/comment-limits";
import { MentionTextarea } from "./mention-autocomplete";
import { useHydrated } from "./disclosure";
import { StanceChoice } from "./stance-choice";
import { useThreadPosts } from "./thread-posts";
import { useFormPermalink } from "./form-permalink";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
  defaultBody?: string;
  onCancel?: () => void;
  /** Once its comment is shown in place (a reply's form closes). */
  onPosted?: () => void;
  autoFocus?: boolean;
  /** A top-level comment's form offers the stance choice, starting at this one. */
  stance?: { defaultValue: StanceValue | null };
  /** The thread written in: its participants come first in the @mention suggestions (else `hidden.threadId`). */
  threadId?: string;
};

/**
 * The one form for new comments, replies and edits. A refused submission keeps the text and shows why. On an open
 * thread page with JavaScript a new comment is answered with itself, shown in place (components/thread-posts.tsx),
 * and the box empties; elsewhere, and without JavaScript, the post redirects to its comment.
 */
export function CommentForm({
  action,
  hidden,
  label,
  submitLabel,
  defaultBody = "",
  onCancel,
  onPosted,
  autoFocus,
  stance,
  threadId = hidden.threadId,
}: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState, useFormPermalink());
  const id = useId();
  const errorId = `${id}-error`;
  const body = state.values?.body ?? defaultBody;
  const posts = useThreadPosts();
  const inline = useHydrated() && posts !== null;
  const posted = state.posted;
  const add = posts?.add;

  const shown = useRef<PostedComment | undefined>(undefined);

  useEffect(() => {
    if (!posted || !add || shown.current === posted) return;
    shown.current = posted;
    add(posted);
    // The address names the comment, as the redirect without JavaScript does: reloading or sharing it shows it.
    window.history.replaceState(null, "", posted.href);
    onPosted?.();
  }, [posted, add, onPosted]);

  return (
    <form action={formAction} className="comment-form" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {inline && <input type="hidden" name="answer" value="inline" />}
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
