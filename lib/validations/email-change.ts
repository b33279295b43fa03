import { z } from "zod";
import { emailAddress, PASSWORD_MAX_LENGTH } from "@/lib/validations/auth";

export const requestEmailChangeSchema = z.object({
  newEmail: emailAddress,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(PASSWORD_MAX_LENGTH),
});

/** A token as the link carries it (base64url of 32 bytes); anything else is no token. */
export const accountTokenSchema = z.string({ error: "That link is incomplete." }).regex(/^[A-Za-z0-9_-]{20,100}$/, { error: "That link is incomplete." });

export const confirmEmailChangeSchema = z.object({ token: accountTokenSchema });

export const EMAIL_CHANGE_LINK_UNUSABLE = "That link has expired, was already used, or was replaced by a newer one. Ask for a new one in Settings.";
