"use client";

import { useActionState } from "react";
import { voteAction } from "@/app/t/[threadId]/actions";
import { initialActionState } from "@/lib/action-state";

type Props = { commentId: string; score: number; voted: boolean; canVote: boolean };

const upvotes = (score: number) => `${score} ${score === 1 ? "upvote" : "upvotes"}`;

/**
 * The upvote count, and for members who may vote a toggle button (aria-pressed). A plain form: without
 * JavaScript it posts and the page comes back with the new count. The server re-checks who may vote.
 */
export function VoteButton({ commentId, score, voted, canVote }: Props) {
  const [state, formAction, pending] = useActionState(voteAction, initialActionState);
  if (!canVote) {
    return (
      <span className="vote-count" role="img" aria-label={upvotes(score)} title={upvotes(score)}>
        <span aria-hidden="true">▲ {score}</span>
      </span>
    );
  }
  return (
    <form action={formAction} className="vote-form">
      <input type="hidden" name="commentId" value={commentId} />
      <button
        type="submit"
        className={voted ? "vote-button voted" : "vote-button"}
        aria-pressed={voted}
        aria-label={`Upvote (${upvotes(score)})`}
        title={voted ? "Take your upvote back" : "Upvote"}
        disabled={pending}
      >
        <span aria-hidden="true">▲ {score}</span>
      </button>
      {!state.ok && state.message && (
        <span role="alert" className="form-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
