/** Sets a member's role: `npm run user:role -- <email> admin|editor|moderator|member`. */
import { loadEnvFiles } from "@/lib/load-env-files";

const ROLES = ["admin", "editor", "moderator", "member"] as const;
type Role = (typeof ROLES)[number];

async function main(): Promise<number> {
  const [email, role] = process.argv.slice(2);
  if (!email || !ROLES.includes(role as Role)) {
    console.error("usage: npm run user:role -- <email> admin|editor|moderator|member");
    return 2;
  }
  loadEnvFiles();
  // Imported after the env files are loaded: lib/db reads DATABASE_URL when first evaluated.
  const { setRoleByEmail } = await import("@/lib/queries/users");
  const { db } = await import("@/lib/db");
  try {
    if (!(await setRoleByEmail(email, role as Role))) {
      console.error(`error: no account with the email ${email}. Sign up first, then run this again.`);
      return 1;
    }
    console.log(`${email} is now ${role}.`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
