import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_SIZE, isPostgresUrl } from "./database-url";
import { parseTrustProxy } from "./trust-proxy";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

/** A rate limit, "points/seconds": "5/60" is 5 per minute. */
const rate = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+\/\d+$/, { error: 'use "<count>/<seconds>", e.g. "5/60"' })
      .default(fallback)
      .transform((value) => {
        const [points, seconds] = value.split("/").map(Number) as [number, number];
        return { points, duration: seconds };
      }),
  );

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((url) => url.startsWith("file:") || isPostgresUrl(url), {
        message: "must be a SQLite URL such as file:./prisma/agora.db or a PostgreSQL URL such as postgresql://user:password@host:5432/agora",
      }),
    /** PostgreSQL only: the most connections one app process opens (pg pool size). */
    DATABASE_POOL_SIZE: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a whole number" })
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .max(1000, { error: "must be at most 1000" })
        .default(DEFAULT_POOL_SIZE),
    ),
    AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
    AUTH_GITHUB_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    AUTH_GITHUB_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
    /** An organisation's own OpenID Connect provider (Keycloak, Authentik…): its issuer URL, as discovery serves it. */
    OIDC_ISSUER: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
    OIDC_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    OIDC_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
    /** What the sign-in button calls it: "Sign in with <OIDC_NAME>". */
    OIDC_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(60).default("single sign-on")),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Reply and mention emails go through this SMTP server (smtp:// or smtps://, credentials in the URL); unset: no email. */
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^smtps?$/, error: "must be an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://…:465" }).optional(),
    ),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
    /** Signed-out readers get home, article and thread pages rendered at most this many seconds ago; 0: never cached. */
    ANONYMOUS_CACHE_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a whole number of seconds" })
        .int({ error: "must be a whole number of seconds" })
        .min(0, { error: "must be 0 (off) or more" })
        .max(300, { error: "must be at most 300" })
        .default(5),
    ),
    /** The public URL (Auth.js reads it too); the links in emails are built on it. */
    AUTH_URL: z.preprocess(emptyToUndefined, z.string().optional()),
    /**
     * Which hops in front of the server are proxies whose X-Forwarded-For/-Host/-Proto count (lib/trust-proxy.ts):
     * unset (none), a hop count ("1": one nginx), or addresses and CIDRs ("loopback", "10.0.0.0/8, 192.0.2.7").
     */
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .optional()
        .superRefine((value, context) => {
          try {
            parseTrustProxy(value);
          } catch (error) {
            context.addIssue({ code: "custom", message: `must be a hop count or a list of addresses and CIDRs: ${(error as Error).message}` });
          }
        }),
    ),
    /** Server-Sent Events streams (live updates) one instance holds open at most; past it, readers poll. */
    LIVE_UPDATES_MAX_STREAMS: wholeNumber(0, 100000, 500),
    /** The bearer token /api/metrics asks for; unset: the endpoint answers 404. */
    METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, { error: "must be at least 16 characters" }).optional()),
    /** Whether an article's public moderation log names the moderator ("show") or says "a moderator" ("hide"). */
    MODERATION_LOG_NAMES: z.preprocess(emptyToUndefined, z.enum(["show", "hide"], { error: 'must be "show" or "hide"' }).default("hide")),
    /** Slow mode: one comment per member per this many minutes in the thread. */
    SLOW_MODE_MINUTES: wholeNumber(1, 1440, 2),
    /** The automatic cool-down switches slow mode on when a thread gets more comments than this in 10 minutes... */
    COOLDOWN_COMMENTS_PER_10_MIN: wholeNumber(1, 100000, 30),
    /** ...or more reports than this in 10 minutes... */
    COOLDOWN_REPORTS_PER_10_MIN: wholeNumber(1, 100000, 5),
    /** ...and keeps it on until the thread has been below both for this many minutes. */
    COOLDOWN_QUIET_MINUTES: wholeNumber(1, 10080, 30),
    /** No member alone can start it: at least this many different commenters, or reporters, in the 10 minutes. */
    COOLDOWN_MIN_PEOPLE: wholeNumber(2, 1000, 2),
    /** A thread counts as busy only above this many times its own usual rate (comments per 10 minutes, last day). */
    COOLDOWN_RATE_MULTIPLE: wholeNumber(1, 1000, 4),
    /** A report weighs half until its author has been a member this many days... */
    COOLDOWN_NEW_MEMBER_DAYS: wholeNumber(0, 3650, 7),
    /** ...and has this many published comments. */
    COOLDOWN_NEW_MEMBER_COMMENTS: wholeNumber(0, 100000, 3),
    /** The cool-down is weighed at most once per this many seconds per thread on each instance (activity in between
        is weighed when they end); 0: after every comment and report. */
    COOLDOWN_CHECK_SECONDS: wholeNumber(0, 60, 1),
    /** A member's first this many comments wait for a moderator's approval (0: none do). */
    PREMODERATION_FIRST_COMMENTS: wholeNumber(0, 1000, 0),
    /** Rate limits (lib/rate-limit.ts), "points/seconds". */
    RATE_LIMIT_COMMENT_USER: rate("10/60"),
    RATE_LIMIT_COMMENT_IP: rate("30/60"),
    RATE_LIMIT_REPORT_USER: rate("20/3600"),
    RATE_LIMIT_REPORT_IP: rate("60/3600"),
    /** Suggested corrections: their own budget, so suggesting never uses up a member's reports (nor the reverse). */
    RATE_LIMIT_CORRECTION_USER: rate("10/3600"),
    RATE_LIMIT_CORRECTION_IP: rate("30/3600"),
    /** Past this, each further attempt on the account (from any address) waits, but is still checked. */
    RATE_LIMIT_SIGNIN_ACCOUNT: rate("20/900"),
    RATE_LIMIT_SIGNIN_ACCOUNT_IP: rate("5/900"),
    RATE_LIMIT_SIGNIN_IP: rate("100/900"),
    /** Password checks on /settings (changing it, deleting the account), per member. */
    RATE_LIMIT_ACCOUNT_PASSWORD: rate("10/900"),
    RATE_LIMIT_NAME_CHANGE_USER: rate("3/86400"),
    RATE_LIMIT_EDIT_USER: rate("20/600"),
    RATE_LIMIT_SIGNUP_IP: rate("10/3600"),
    RATE_LIMIT_RESET_ACCOUNT: rate("3/3600"),
    RATE_LIMIT_RESET_IP: rate("10/3600"),
    /** These addresses become admins when they sign in (comma-separated). */
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** How often an open thread asks for new comments when its event stream is broken (seconds). */
    LIVE_UPDATES_POLL_SECONDS: wholeNumber(1, 3600, 15),
    /** "1": the benchmark's routes (/api/bench/*) answer; bench/run.ts starts the server so. */
    BENCH_METRICS: z.preprocess(emptyToUndefined, z.enum(["1", "0"]).optional()),
  })
  .superRefine((values, context) => {
    // Half a provider is a typo, not a choice: say which part is missing rather than hide the button.
    const oidc = { OIDC_ISSUER: values.OIDC_ISSUER, OIDC_CLIENT_ID: values.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: values.OIDC_CLIENT_SECRET };
    if (Object.values(oidc).some(Boolean)) {
      for (const [key, value] of Object.entries(oidc)) {
        if (!value)
          context.addIssue({
            code: "custom",
            path: [key],
            message: "must be set too: OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
          });
      }
    }
    // An email's links cannot come from a request's Host header, which whoever posts the comment controls.
    if (values.SMTP_URL && !URL.canParse(values.AUTH_URL ?? "")) {
      context.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: "must be the forum's public URL (e.g. https://agora.example.org) when SMTP_URL is set: emails link to it",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Validates an environment (process.env by default); throws naming every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return parsed.data;
}

/**
 * The environment, read and validated once; a bad value fails at start naming the variable. Every setting is read
 * from here, never from process.env (tests change it through lib/testing/env.ts, which validates the same way).
 */
export const env: Env = readEnv();

/**
 * Replaces the settings in place, for tests only (lib/testing/env.ts): code that reads `env.X` when it runs sees
 * the new values; constants derived at start (isEmailEnabled…) keep theirs.
 */
export function replaceEnvForTesting(next: Env): void {
  if (process.env.NODE_ENV !== "test") throw new Error("The settings change only under test.");
  for (const key of Object.keys(env) as (keyof Env)[]) delete env[key];
  Object.assign(env, next);
}

export const isGitHubSignInEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

/** Whether an OpenID Connect provider is configured (issuer, client id and secret all set). */
export const isOidcSignInEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);

/** Whether reply and mention emails are sent (SMTP_URL is set). */
export const isEmailEnabled = Boolean(env.SMTP_URL);

/** Whether the public moderation log names moderators (MODERATION_LOG_NAMES=show). */
export const showModeratorNamesInPublicLog = env.MODERATION_LOG_NAMES === "show";

export type SlowModeConfig = {
  slowModeMinutes: number;
  commentsPer10Min: number;
  reportsPer10Min: number;
  quietMinutes: number;
  minPeople: number;
  rateMultiple: number;
  newMemberDays: number;
  newMemberComments: number;
};

/** The slow-mode and automatic cool-down settings (SLOW_MODE_MINUTES, COOLDOWN_*). */
export function slowModeConfig(values: Env = env): SlowModeConfig {
  return {
    slowModeMinutes: values.SLOW_MODE_MINUTES,
    commentsPer10Min: values.COOLDOWN_COMMENTS_PER_10_MIN,
    reportsPer10Min: values.COOLDOWN_REPORTS_PER_10_MIN,
    quietMinutes: values.COOLDOWN_QUIET_MINUTES,
    minPeople: values.COOLDOWN_MIN_PEOPLE,
    rateMultiple: values.COOLDOWN_RATE_MULTIPLE,
    newMemberDays: values.COOLDOWN_NEW_MEMBER_DAYS,
    newMemberComments: values.COOLDOWN_NEW_MEMBER_COMMENTS,
  };
}
