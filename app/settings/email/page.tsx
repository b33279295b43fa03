import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { getCurrentUser } from "@/lib/current-user";
import { isEmailEnabled } from "@/lib/env";
import { getAccountSettings } from "@/lib/queries/account";
import { requestEmailChangeAction } from "@/lib/actions/email";

export const metadata: Metadata = { title: "Email address", robots: { index: false } };

export default async function EmailAddressPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fsettings%2Femail");
  const account = await getAccountSettings(user.id);
  if (!account) redirect("/signin?callbackUrl=%2Fsettings%2Femail");
  return (
    <main className="narrow">
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1>Email address</h1>
      <p className="lede">
        Your address is <strong className="settings-value">{account.email ?? "(none)"}</strong>. Other members never see it.
      </p>
      {!isEmailEnabled ? (
        <p>This forum does not send email, so the address cannot be changed here (a link must reach the new address). Ask an admin.</p>
      ) : !account.hasPassword ? (
        <p>
          Your account signs in through another service, which provides its address. To change it here, first set a password: use “Forgotten password” on the
          sign-in page.
        </p>
      ) : (
        <ActionForm action={requestEmailChangeAction} submit="Send the link" label="Change your email address">
          <p className="hint">We email a link to the new address; your address changes when you follow it. The old address is told of the request.</p>
          <div className="field">
            <label htmlFor="newEmail">New email address</label>
            <input id="newEmail" name="newEmail" type="email" autoComplete="email" required maxLength={254} />
          </div>
          <div className="field">
            <label htmlFor="password">Your password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
        </ActionForm>
      )}
    </main>
  );
}
