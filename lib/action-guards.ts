import { failed, type ActionState } from "@/lib/action-state";
import { getCurrentUser, type CurrentUser } from "@/lib/current-user";
import { CONFIRM_EMAIL_FIRST } from "@/lib/email-confirmation";
import { canAdminister, canEditArticles, canModerate } from "@/lib/permissions";
import { RateLimitedError } from "@/lib/rate-limit";
import { describeSuspension } from "@/lib/suspension-message";

type Guarded = { user: CurrentUser; refusal?: undefined } | { user?: undefined; refusal: ActionState };

/** Anyone signed in, suspended or not (a suspended member may still appeal); otherwise the message to show. */
export async function requireSignedIn(values?: Record<string, string>): Promise<Guarded> {
  const user = await getCurrentUser();
  return user ? { user } : { refusal: failed("Your session has ended. Sign in again to continue.", values) };
}

/** A signed-in member who is not suspended; otherwise the message to show. */
export async function requireParticipant(values?: Record<string, string>): Promise<Guarded> {
  const { user, refusal } = await requireSignedIn(values);
  if (refusal) return { refusal };
  if (user.suspension) return { refusal: failed(describeSuspension(user.suspension), values) };
  return { user };
}

/**
 * A member who may take part (comment, vote, report, ask for sources): a participant who, where email is
 * configured, has confirmed their address (lib/email-confirmation.ts).
 */
export async function requireWriter(values?: Record<string, string>): Promise<Guarded> {
  const guarded = await requireParticipant(values);
  if (guarded.user?.emailUnconfirmed) return { refusal: failed(CONFIRM_EMAIL_FIRST, values) };
  return guarded;
}

/** A moderator or admin, re-read from the database on this call; a suspended or demoted one is refused. */
export async function requireModerator(): Promise<Guarded> {
  const user = await getCurrentUser();
  if (!canModerate(user)) return { refusal: failed("Only moderators can do that.") };
  return { user: user! };
}

/** An editor or admin, re-read from the database on this call; a suspended or demoted one is refused. */
export async function requireEditor(): Promise<Guarded> {
  const user = await getCurrentUser();
  if (!canEditArticles(user)) return { refusal: failed("Only editors can do that.") };
  return { user: user! };
}

export async function requireAdmin(): Promise<Guarded> {
  const user = await getCurrentUser();
  if (!canAdminister(user)) return { refusal: failed("Only admins can do that.") };
  return { user: user! };
}

/** Turns a known refusal (a domain error with a user-facing message, or a rate limit) into form state. */
export function refusalFrom(error: unknown, known: (new (...args: never[]) => Error)[], values?: Record<string, string>): ActionState {
  if (error instanceof RateLimitedError || known.some((type) => error instanceof type)) {
    return failed((error as Error).message, values);
  }
  throw error;
}
