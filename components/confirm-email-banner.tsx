import { resendConfirmationAction } from "@/app/settings/email/actions";
import { ActionForm } from "./action-form";

/** In place of the comment box for a member who must still confirm their address (lib/email-confirmation.ts). */
export function ConfirmEmailBanner() {
  return (
    <div className="banner confirm-email-banner" role="status">
      <p>Confirm your email address to join the discussion: follow the link we emailed you when you signed up.</p>
      <ActionForm action={resendConfirmationAction} submit="Send a new link" label="Send a new confirmation link" hideOnSuccess />
    </div>
  );
}
