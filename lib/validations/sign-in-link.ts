import { z } from "zod";
import { callbackPath, signInSchema } from "./auth";

/** How long an emailed sign-in link works; it works once (Auth.js deletes its token when it is used). */
export const SIGN_IN_LINK_TTL_MINUTES = 15;

export const requestSignInLinkSchema = z.object({ email: signInSchema.shape.email, callbackUrl: callbackPath });

export const SIGN_IN_LINK_NEEDS_EMAIL = "Sign-in links need email, and this forum has not set up email (SMTP_URL). Sign in with your password.";
// The same answer whether or not an account uses the address, so the form does not reveal who has one.
export const SIGN_IN_LINK_SENT = `If an account uses that address, we have emailed it a sign-in link. The link works once, for ${SIGN_IN_LINK_TTL_MINUTES} minutes.`;
export const SIGN_IN_LINK_FAILED = "We could not send a sign-in link just now. Try again in a few minutes, or sign in with your password.";
