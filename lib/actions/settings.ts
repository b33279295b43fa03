"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { refusalFrom } from "@/lib/action-guards";
import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { failed, invalid, parseForm, type ActionState } from "@/lib/action-state";
import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/current-user";
import { AccountError, changePassword, deleteAccount } from "@/lib/queries/account";
import { endSession, endSessions } from "@/lib/queries/sessions";
import { enforceRateLimits } from "@/lib/rate-limit";
import { changePasswordSchema, deleteAccountSchema, endSessionSchema, endSessionsSchema } from "@/lib/validations/account";

// The member's own account. Each action needs a session, not good standing: a suspended member still manages
// their password, sessions and data. Every one acts on the caller alone; no form field names the account.

const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await enforceRateLimits([{ limit: "account:password", key: user.id }]);
    const { endedSessions } = await changePassword({
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSessionId: user.sessionId ?? null,
    });
    revalidatePath("/settings");
    const elsewhere = endedSessions === 0 ? "" : ` You were signed out on ${endedSessions} other device${endedSessions === 1 ? "" : "s"}.`;
    return { ok: true, message: `Your password has been changed.${elsewhere}` };
  } catch (error) {
    return refusalFrom(error, [AccountError]);
  }
}

/** Ends one of the caller's sessions, named by its id; another member's id matches nothing. */
export async function endSessionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  const parsed = parseForm(endSessionSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  if (!(await endSession(user.id, parsed.data.sessionId))) return failed("That session does not exist.");
  if (parsed.data.sessionId === user.sessionId) await signOut({ redirectTo: "/" });
  revalidatePath("/settings");
  return { ok: true, message: "Signed out on that device." };
}

/** "Sign out everywhere else" (scope=others) or "everywhere" (scope=all, this device included). */
export async function endSessionsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  const parsed = parseForm(endSessionsSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const everywhere = parsed.data.scope === "all" || !user.sessionId;
  const count = await endSessions(user.id, everywhere ? null : user.sessionId!);
  if (everywhere) await signOut({ redirectTo: "/" });
  revalidatePath("/settings");
  return { ok: true, message: count === 0 ? "You were not signed in anywhere else." : `Signed out on ${count} other device${count === 1 ? "" : "s"}.` };
}

export async function deleteAccountAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  const parsed = parseForm(deleteAccountSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await enforceRateLimits([{ limit: "account:password", key: user.id }]);
    await deleteAccount(user.id, { password: parsed.data.password, email: parsed.data.email });
  } catch (error) {
    return refusalFrom(error, [AccountError]);
  }
  // The member's comments, name and page are gone: signed-out readers must not keep seeing them from the cache.
  await purgeAnonymousPages();
  revalidatePath("/", "layout");
  // The session rows are gone; this clears the cookie too.
  await signOut({ redirectTo: "/settings/deleted" });
  redirect("/settings/deleted");
}
