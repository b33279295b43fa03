"use server";

import { failed } from "@/lib/action-state";
import { defineAction } from "./define-action";
import { refreshSite } from "./refresh";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { signOut } from "@/lib/auth";
import { AccountError, changePassword, deleteAccount } from "@/lib/queries/account";
import { endSession, endSessions } from "@/lib/queries/sessions";
import { enforceRateLimits } from "@/lib/rate-limit";
import { changePasswordSchema, deleteAccountSchema, endSessionSchema, endSessionsSchema } from "@/lib/validations/account";

// The member's own account. Each action needs a session, not good standing: a suspended member still manages
// their password, sessions and data. Every one acts on the caller alone; no form field names the account.

export const changePasswordAction = defineAction({
  guard: "signedIn",
  schema: changePasswordSchema,
  refusals: [AccountError],
  async run(input, user) {
    await enforceRateLimits([{ limit: "account:password", key: user.id }]);
    return changePassword({ userId: user.id, currentPassword: input.currentPassword, newPassword: input.newPassword, keepSessionId: user.sessionId ?? null });
  },
  // The settings page lists the sessions that remain.
  after({ endedSessions }) {
    revalidatePath("/settings");
    const elsewhere = endedSessions === 0 ? "" : ` You were signed out on ${endedSessions} other device${endedSessions === 1 ? "" : "s"}.`;
    return { ok: true, message: `Your password has been changed.${elsewhere}` };
  },
});

/** Ends one of the caller's sessions, named by its id; another member's id matches nothing. */
export const endSessionAction = defineAction({
  guard: "signedIn",
  schema: endSessionSchema,
  run: (input, user) => endSession(user.id, input.sessionId),
  async after(ended, input, user) {
    if (!ended) return failed("That session does not exist.");
    if (input.sessionId === user.sessionId) await signOut({ redirectTo: "/" });
    // Only the settings page lists sessions.
    revalidatePath("/settings");
    return { ok: true, message: "Signed out on that device." };
  },
});

/** "Sign out everywhere else" (scope=others) or "everywhere" (scope=all, this device included). */
export const endSessionsAction = defineAction({
  guard: "signedIn",
  schema: endSessionsSchema,
  async run(input, user) {
    const everywhere = input.scope === "all" || !user.sessionId;
    return { everywhere, count: await endSessions(user.id, everywhere ? null : user.sessionId!) };
  },
  async after({ everywhere, count }) {
    if (everywhere) await signOut({ redirectTo: "/" });
    // Only the settings page lists sessions.
    revalidatePath("/settings");
    return { ok: true, message: count === 0 ? "You were not signed in anywhere else." : `Signed out on ${count} other device${count === 1 ? "" : "s"}.` };
  },
});

export const deleteAccountAction = defineAction({
  guard: "signedIn",
  schema: deleteAccountSchema,
  refusals: [AccountError],
  async run(input, user) {
    await enforceRateLimits([{ limit: "account:password", key: user.id }]);
    await deleteAccount(user.id, { password: input.password, email: input.email });
  },
  async after() {
    // The member's comments, name and page are gone: signed-out readers must not keep seeing them from the cache,
    // and every page that showed them changes.
    await purgeAnonymousPages();
    await refreshSite();
    // The session rows are gone; this clears the cookie too.
    await signOut({ redirectTo: "/settings/deleted" });
    redirect("/settings/deleted");
  },
});
