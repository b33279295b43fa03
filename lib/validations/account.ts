import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./auth";

const currentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, { error: "Enter your current password." })
  .max(PASSWORD_MAX_LENGTH, { error: "Enter your current password." });

export const changePasswordSchema = z
  .object({
    currentPassword,
    newPassword: z
      .string({ error: "Choose a new password." })
      .min(PASSWORD_MIN_LENGTH, { error: `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.` })
      .max(PASSWORD_MAX_LENGTH, { error: `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.` }),
    confirmPassword: z.string({ error: "Type the new password again." }).max(PASSWORD_MAX_LENGTH),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    error: "The two new passwords differ.",
    path: ["confirmPassword"],
  });

/** A session's id as it appears on /settings (a cuid). */
export const endSessionSchema = z.object({
  sessionId: z
    .string({ error: "Missing session." })
    .min(1, { error: "Missing session." })
    .max(64, { error: "That session does not exist." })
    .regex(/^[a-z0-9]+$/i, { error: "That session does not exist." }),
});

export const endSessionsSchema = z.object({
  scope: z.enum(["others", "all"], { error: "Choose which sessions to end." }),
});

/** Either field, as the account has a password or not; lib/queries/account.ts checks the right one. */
export const deleteAccountSchema = z.object({
  password: z.string().max(PASSWORD_MAX_LENGTH, { error: "That password is incorrect." }).optional(),
  email: z.string().max(254, { error: "That is not your account's email address." }).optional(),
  confirm: z.literal("delete", { error: "Tick the box to confirm that you want to delete your account." }),
});
