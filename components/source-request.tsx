"use client";

import { useActionState } from "react";
import { sourceRequestAction } from "@/app/t/[threadId]/evidence-actions";
import { initialActionState } from "@/lib/action-state";

type Props = {
  commentId: string;
  /** Members who asked for a source. */
  count: number;
  /** The author edited in a source after the latest request. */
  answered: boolean;
  /** The viewer is one of those who asked. */
  requested: boolean;
  /** The viewer may ask (canRequestSource). */
  canRequest: boolean;
};

const members = (count: number) => `${count} ${count === 1 ? "member" : "members"}`;

/**
 * "Needs a source" under a comment: how many asked (or that a source was added since), and for members who may
 * ask, a button, or the way to take their request back. A plain form: without JavaScript it posts and the page
 * comes back with the new count; the server re-checks who may ask.
 */
export function SourceRequestControl({ commentId, count, answered, requested, canRequest }: Props) {
  const [state, formAction, pending] = useActionState(sourceRequestAction, initialActionState);
  const status =
    count === 0 ? null : answered ? (
      <span className="source-request-answered" title={`${members(count)} asked for a source; the author has added one since`}>
        ✓ Source added
      </span>
    ) : (
      <span className="source-request-count">{members(count)} asked for a source</span>
    );
  if (!canRequest && !requested) return status && <span className="source-request">{status}</span>;
  return (
    <form action={formAction} className="source-request" aria-label="Source request">
      <input type="hidden" name="commentId" value={commentId} />
      {status}
      {requested ? (
        <button type="submit" name="intent" value="withdraw" className="link-button" disabled={pending} title="Take your request for a source back">
          You asked · Take back
        </button>
      ) : (
        <button type="submit" name="intent" value="request" className="link-button" disabled={pending} title="Ask the author to cite a source for this comment">
          Needs a source
        </button>
      )}
      {state.message && (
        <span className={state.ok ? "visually-hidden" : "form-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      )}
    </form>
  );
}

/** What the author sees on their own comment while requests are unanswered. */
export function SourceRequestCallout({ count }: { count: number }) {
  return (
    <p className="source-request-callout" role="note">
      <strong>{members(count)} asked you for a source.</strong> Edit your comment to add a link to where this comes from.
    </p>
  );
}
