import { z } from "zod";
import { displayNameSchema } from "@/lib/display-name";

export const PASSWORD_MIN_LENGTH = 8;
// argon2 accepts long inputs, but hashing megabytes on request is a cheap denial of service.
export const PASSWORD_MAX_LENGTH = 256;

export const emailAddress = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address." }));

// Longer than any page's path; a megabyte "path" would otherwise travel on into a redirect header.
export const CALLBACK_PATH_MAX_LENGTH = 2048;

/** A relative path inside Agora to return to after signing in; anything else falls back to the home page. */
export const callbackPath = z
  .string()
  .optional()
  // Printable ASCII only: the path ends up in a Location header and a cookie, where a control character or an
  // unencoded non-Latin-1 one makes Node throw. Agora's own links are percent-encoded, so nothing real is lost.
  .transform((value) => (value && value.length <= CALLBACK_PATH_MAX_LENGTH && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : "/"))
  // A file or any other non-text value is no path either; never a reason to refuse the form.
  .catch("/");

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailAddress,
  password: z
    .string({ error: "Choose a password." })
    .min(PASSWORD_MIN_LENGTH, { error: `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.` })
    .max(PASSWORD_MAX_LENGTH, { error: `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.` }),
  callbackUrl: callbackPath,
});

export const signInSchema = z.object({
  email: emailAddress,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(PASSWORD_MAX_LENGTH),
  callbackUrl: callbackPath,
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
