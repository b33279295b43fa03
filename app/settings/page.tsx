import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { RelativeTime } from "@/components/relative-time";
import { emailNotificationsAction } from "@/lib/actions/notifications";
import { getCurrentUser } from "@/lib/current-user";
import { isEmailEnabled } from "@/lib/env";
import { getAccountSettings } from "@/lib/queries/account";
import { listSessions } from "@/lib/queries/sessions";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { changePasswordAction, deleteAccountAction, endSessionAction, endSessionsAction } from "@/lib/actions/settings";
import { resendConfirmationAction } from "@/lib/actions/email";
import "./settings.css";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Settings", robots: { index: false } };

export default async function SettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fsettings");
  const [account, allSessions] = await Promise.all([getAccountSettings(user.id), listSessions(user.id)]);
  if (!account) redirect("/signin?callbackUrl=%2Fsettings");
  // This device first, then the others by when they were last used.
  const sessions = [...allSessions.filter((session) => session.id === user.sessionId), ...allSessions.filter((session) => session.id !== user.sessionId)];

  return (
    <main className="settings-page">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="settings-toc">
        <a href="#account">Account</a> <a href="#password">Password</a>
        {isEmailEnabled && <a href="#email-notifications">Email notifications</a>} <a href="#sessions">Sessions</a> <a href="#your-data">Your data</a>{" "}
        <a href="#delete-account">Delete account</a>
      </nav>

      <section aria-labelledby="account" className="settings-section">
        <h2 id="account">Account</h2>
        <dl className="settings-facts">
          <div>
            <dt>Display name</dt>
            <dd>
              <span className="settings-value">{account.name ?? "(none)"}</span> — <Link href="/settings/name">Change</Link>
            </dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>
              <span className="settings-value">{account.email ?? "(none)"}</span>
              {isEmailEnabled && (
                <>
                  {" "}
                  — <Link href="/settings/email">Change</Link>
                </>
              )}
              {user.emailUnconfirmed && (
                <div className="settings-unconfirmed">
                  <p>
                    <strong>Not confirmed yet.</strong> Follow the link we emailed you to comment, vote and report.
                  </p>
                  <ActionForm
                    action={resendConfirmationAction}
                    hidden={{ callbackUrl: "/settings" }}
                    submit="Send a new link"
                    label="Send a new confirmation link"
                    hideOnSuccess
                  />
                </div>
              )}
            </dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>
              <RelativeTime date={account.createdAt} />
            </dd>
          </div>
        </dl>
        <p className="hint">
          <Link href={`/u/${user.id}`}>Your public profile</Link>
        </p>
      </section>

      <section aria-labelledby="password" className="settings-section">
        <h2 id="password">Password</h2>
        {account.hasPassword ? (
          <ActionForm action={changePasswordAction} submit="Change password" label="Change password">
            <p className="hint">Changing it signs you out on every other device; this one stays signed in.</p>
            <div className="field">
              <label htmlFor="currentPassword">Current password</label>
              <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
            </div>
            <div className="field">
              <label htmlFor="newPassword">New password</label>
              <input
                id="newPassword"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                minLength={PASSWORD_MIN_LENGTH}
                required
                aria-describedby="newPassword-hint"
              />
              <p className="hint" id="newPassword-hint">
                At least {PASSWORD_MIN_LENGTH} characters.
              </p>
            </div>
            <div className="field">
              <label htmlFor="confirmPassword">New password, again</label>
              <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
            </div>
          </ActionForm>
        ) : (
          <p>You sign in with {account.providers.includes("github") ? "GitHub" : "another service"}, so your account has no password here.</p>
        )}
      </section>

      {isEmailEnabled && (
        <section aria-labelledby="email-notifications" className="settings-section">
          <h2 id="email-notifications">Email notifications</h2>
          <ActionForm action={emailNotificationsAction} submit="Save" label="Email settings">
            <label className={styles.checkboxLabel}>
              <input type="checkbox" name="emailNotifications" defaultChecked={account.emailNotifications} /> Email me when someone replies to or mentions me
            </label>
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="sessions" className="settings-section">
        <h2 id="sessions">Sessions</h2>
        <p className="hint">Where your account is signed in. Sign out anywhere you do not recognise, then change your password.</p>
        <ul className="session-list" aria-label="Signed-in devices">
          {sessions.map((session) => {
            const current = session.id === user.sessionId;
            return (
              <li key={session.id} className="session-item" data-session-id={session.id}>
                <div>
                  <strong>{session.browser ?? "Unknown browser"}</strong>
                  {current && <span className="badge session-current">This device</span>}
                  <p className="muted session-times">
                    Signed in <RelativeTime date={session.createdAt} />, last seen <RelativeTime date={session.lastSeenAt} />
                  </p>
                </div>
                {!current && (
                  <ActionForm
                    action={endSessionAction}
                    hidden={{ sessionId: session.id }}
                    submit="Sign out"
                    label={`Sign out ${session.browser ?? "this session"}`}
                    className="inline-action"
                  />
                )}
              </li>
            );
          })}
        </ul>
        <div className="session-bulk">
          <ActionForm
            action={endSessionsAction}
            hidden={{ scope: "others" }}
            submit="Sign out everywhere else"
            label="Sign out everywhere else"
            className="inline-action"
          />
          <ActionForm action={endSessionsAction} hidden={{ scope: "all" }} submit="Sign out everywhere" label="Sign out everywhere" className="inline-action" />
        </div>
      </section>

      <section aria-labelledby="your-data" className="settings-section">
        <h2 id="your-data">Your data</h2>
        <p>Your profile, comments, votes, reports you filed and notifications, as one JSON file.</p>
        <p>
          <a href="/settings/export" download className="button-link">
            Download my data
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-account" className="settings-section settings-danger">
        <h2 id="delete-account">Delete account</h2>
        <p>
          Your comments are erased and show as “[deleted account]” where replies need their place; your votes, notifications and the notes on reports you filed
          go; you are signed out everywhere, and your email address can be used for a new account. This cannot be undone.
        </p>
        <ActionForm action={deleteAccountAction} submit={[{ kind: "delete", label: "Delete my account", danger: true }]} label="Delete account">
          {account.hasPassword ? (
            <div className="field">
              <label htmlFor="delete-password">Your password</label>
              <input id="delete-password" name="password" type="password" autoComplete="current-password" required />
            </div>
          ) : (
            <div className="field">
              <label htmlFor="delete-email">Type your email address ({account.email}) to confirm</label>
              <input id="delete-email" name="email" type="email" autoComplete="off" required />
            </div>
          )}
          <label className={styles.checkboxLabel}>
            <input type="checkbox" name="confirm" value="delete" required /> I understand that my account cannot be restored
          </label>
        </ActionForm>
      </section>
    </main>
  );
}
