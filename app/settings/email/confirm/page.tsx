import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { pendingEmailChange } from "@/lib/queries/email-change";
import { accountTokenSchema, EMAIL_CHANGE_LINK_UNUSABLE } from "@/lib/validations/email-change";
import { confirmEmailChangeAction } from "@/lib/actions/email";

export const metadata: Metadata = { title: "Confirm your new address", robots: { index: false }, referrer: "same-origin" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/**
 * Where an email-change link lands. Opening it changes nothing (mail scanners open links); one click does. Needs no
 * session: the link is the proof. A used, expired, replaced or forged link says so and how to ask again.
 */
export default async function ConfirmEmailChangePage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = accountTokenSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const newEmail = token.success ? await pendingEmailChange(token.data) : null;
  return (
    <main className="narrow">
      <h1>Confirm your new address</h1>
      {newEmail && token.success ? (
        <ActionForm action={confirmEmailChangeAction} hidden={{ token: token.data }} submit="Use this address" label="Confirm your new address">
          <p>
            Move your Agora account to <strong>{newEmail}</strong>? Sign-in, password resets and notifications will use it from now on.
          </p>
        </ActionForm>
      ) : (
        <>
          <p className="form-error" role="alert">
            {EMAIL_CHANGE_LINK_UNUSABLE}
          </p>
          <p>
            <Link href="/settings/email">Change your address</Link>
          </p>
        </>
      )}
    </main>
  );
}
