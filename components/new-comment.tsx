import Link from "next/link";
import { createCommentAction } from "@/lib/actions/comments";
import type { CurrentUser } from "@/lib/current-user";
import { describeSuspension } from "@/lib/suspension-message";
import { CommentForm } from "./comment-form";
import { ConfirmEmailBanner } from "./confirm-email-banner";

/** The top-level comment box, or why there is none: signed out (with a way back here), suspended, unconfirmed, or locked. */
export function NewComment({ user, thread }: { user: CurrentUser | null; thread: { id: string; locked: boolean } }) {
  if (thread.locked) return null;
  if (!user) {
    const back = encodeURIComponent(`/t/${thread.id}`);
    return (
      <p className="sign-in-prompt">
        <Link href={`/signin?callbackUrl=${back}`}>Sign in</Link> or <Link href={`/signup?callbackUrl=${back}`}>create an account</Link> to join the discussion.
      </p>
    );
  }
  if (user.suspension) {
    return (
      <p className="banner" role="status">
        {describeSuspension(user.suspension)} <Link href="/appeals">Appeal this suspension</Link>
      </p>
    );
  }
  if (user.emailUnconfirmed) return <ConfirmEmailBanner returnTo={`/t/${thread.id}`} />;
  return (
    <CommentForm
      action={createCommentAction}
      hidden={{ threadId: thread.id }}
      label="Add to the discussion"
      submitLabel="Post comment"
      stance={{ defaultValue: null }}
    />
  );
}
