import { resendConfirmationAction } from "@/lib/actions/email";
import { ActionForm } from "./action-form";

/**
 * In place of the comment box for a member who must still confirm their address (lib/email-confirmation.ts). The
 * new link brings them back to `returnTo` (this thread).
 */
export function ConfirmEmailBanner({ returnTo }: { returnTo: string }) {
  return (
    <div className="banner confirm-email-banner">
      <p>Confirm your email address to join the discussion: follow the link we emailed you when you signed up.</p>
      <ActionForm
        action={resendConfirmationAction}
        hidden={{ callbackUrl: returnTo }}
        submit="Send a new link"
        label="Send a new confirmation link"
        hideOnSuccess
      />
    </div>
  );
}
