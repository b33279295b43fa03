import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, signInSchema } from "./auth";

/** A reset token as Agora makes them: 32 random bytes, base64url. Anything else is refused before a lookup. */
export const resetToken = z.string({ error: "This reset link is not valid." }).regex(/^[A-Za-z0-9_-]{43}$/, { error: "This reset link is not valid." });

export const requestPasswordResetSchema = z.object({ email: signInSchema.shape.email });

export const resetPasswordSchema = z.object({
  token: resetToken,
  password: z
    .string({ error: "Choose a new password." })
    .min(PASSWORD_MIN_LENGTH, { error: `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.` })
    .max(PASSWORD_MAX_LENGTH, { error: `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.` }),
});

export const RESET_NEEDS_EMAIL = "Password reset needs email, and this forum has not set up email (SMTP_URL). Ask its administrator for help.";
// The same answer whether or not an account uses the address, so the form does not reveal who has one.
export const RESET_LINK_SENT = "If an account uses that address, we have emailed it a link to choose a new password. The link works once, for one hour.";
export const RESET_LINK_UNUSABLE = "This reset link has expired or was already used, and nothing was changed. Ask for a new one.";
