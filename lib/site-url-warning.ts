import { env } from "@/lib/env";
import { log } from "@/lib/logger";

export const MISSING_PUBLIC_URL_WARNING =
  "AUTH_URL is not set: feed and digest links, canonical and Open Graph URLs and sign-in redirects are built from " +
  "the address each request reached (X-Forwarded-Host/-Proto only from proxies TRUST_PROXY trusts), and emails " +
  "cannot be sent. Set AUTH_URL to the forum's public URL, e.g. https://agora.example.org";

/** At a production start without a public URL: one warning saying what it affects. */
export function warnAboutMissingPublicUrl(values = env, write = log): boolean {
  if (values.NODE_ENV !== "production" || values.AUTH_URL) return false;
  write("warn", MISSING_PUBLIC_URL_WARNING, { variable: "AUTH_URL" });
  return true;
}
