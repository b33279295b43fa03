import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_SIZE, isPostgresUrl } from "./database-url";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
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
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Reply and mention emails go through this SMTP server (smtp:// or smtps://, credentials in the URL); unset: no email. */
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^smtps?$/, error: "must be an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://…:465" })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
  /** The public URL (Auth.js reads it too); the links in emails are built on it. */
  AUTH_URL: z.preprocess(emptyToUndefined, z.string().optional()),
}).superRefine((values, context) => {
  // An email's links cannot come from a request's Host header, which whoever posts the comment controls.
  if (values.SMTP_URL && !URL.canParse(values.AUTH_URL ?? "")) {
    context.addIssue({ code: "custom", path: ["AUTH_URL"], message: "must be the forum's public URL (e.g. https://agora.example.org) when SMTP_URL is set: emails link to it" });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Validates an environment (process.env by default); throws naming every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return parsed.data;
}

/** The environment, read and validated once; a bad value fails at start naming the variable. */
export const env = readEnv();

export const isGitHubSignInEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

/** Whether reply and mention emails are sent (SMTP_URL is set). */
export const isEmailEnabled = Boolean(env.SMTP_URL);
