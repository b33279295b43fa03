import { z } from "zod";

/** "points/seconds", e.g. "5/60" = 5 per minute. */
const rate = z
  .string()
  .regex(/^\d+\/\d+$/, { error: 'use "<count>/<seconds>", e.g. "5/60"' })
  .transform((value) => {
    const [points, seconds] = value.split("/").map(Number) as [number, number];
    return { points, duration: seconds };
  });

const schema = z.object({
  PREMODERATION_FIRST_COMMENTS: z.coerce.number().int().min(0).max(1000).default(0),
  RATE_LIMIT_COMMENT_USER: rate.prefault("10/60"),
  RATE_LIMIT_COMMENT_IP: rate.prefault("30/60"),
  RATE_LIMIT_REPORT_USER: rate.prefault("20/3600"),
  RATE_LIMIT_REPORT_IP: rate.prefault("60/3600"),
  /** Past this, each further attempt on the account (from any address) waits, but is still checked. */
  RATE_LIMIT_SIGNIN_ACCOUNT: rate.prefault("20/900"),
  RATE_LIMIT_SIGNIN_ACCOUNT_IP: rate.prefault("5/900"),
  RATE_LIMIT_SIGNIN_IP: rate.prefault("100/900"),
  /** Password checks on /settings (changing it, deleting the account), per member. */
  RATE_LIMIT_ACCOUNT_PASSWORD: rate.prefault("10/900"),
  RATE_LIMIT_NAME_CHANGE_USER: rate.prefault("3/86400"),
  RATE_LIMIT_EDIT_USER: rate.prefault("20/600"),
  RATE_LIMIT_SIGNUP_IP: rate.prefault("10/3600"),
  RATE_LIMIT_RESET_ACCOUNT: rate.prefault("3/3600"),
  RATE_LIMIT_RESET_IP: rate.prefault("10/3600"),
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
});

export type ModerationConfig = z.infer<typeof schema>;

/** Moderation settings from the environment, read on each use so tests and operators can change them. */
export function getModerationConfig(): ModerationConfig {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid moderation configuration: ${problems}`);
  }
  return parsed.data;
}
