import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 8;
// argon2 accepts long inputs, but hashing megabytes on request is a cheap denial of service.
export const PASSWORD_MAX_LENGTH = 256;

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address." }));

/** A relative path inside Agora to return to after signing in; anything else falls back to the home page. */
export const callbackPath = z
  .string()
  .optional()
  .transform((value) => (value && /^\/(?![/\\])/.test(value) ? value : "/"));

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Choose a display name." })
    .max(50, { error: "Display names are at most 50 characters." })
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "Display names cannot contain control characters." }),
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(PASSWORD_MIN_LENGTH, { error: `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.` })
    .max(PASSWORD_MAX_LENGTH, { error: `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.` }),
  callbackUrl: callbackPath,
});

export const signInSchema = z.object({
  email,
  password: z.string().min(1, { error: "Enter your password." }).max(PASSWORD_MAX_LENGTH),
  callbackUrl: callbackPath,
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
