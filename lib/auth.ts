import { cache } from "react";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { env, isGitHubSignInEnabled } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { verifyPassword } from "@/lib/password";
import { createSession, deleteSession, findActiveSessionUser, SESSION_MAX_AGE_SECONDS } from "@/lib/queries/sessions";
import { findUserCredentials } from "@/lib/queries/users";
import { signInSchema } from "@/lib/validations/auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The database session this cookie stands for. */
    sid?: string;
    uid?: string;
    role?: Role;
  }
}

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  async authorize(raw) {
    const parsed = signInSchema.safeParse(raw);
    if (!parsed.success) return null;
    const user = await findUserCredentials(parsed.data.email);
    // verifyPassword hashes even for an unknown email, so timing does not reveal which accounts exist.
    const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
    if (!user || !ok) return null;
    return { id: user.id, name: user.name, email: user.email, image: user.image };
  },
});

const providers: Provider[] = [credentials];
if (isGitHubSignInEnabled) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));

export const { handlers, auth: uncachedAuth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  providers,
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Credentials sign-in requires the JWT strategy; the JWT only carries a database session id (see callbacks).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sid = await createSession(user.id);
      }
      if (!token.sid) return null;
      // Read on every request: a deleted session or a changed role takes effect at once.
      const current = await findActiveSessionUser(token.sid);
      if (!current) return null;
      token.uid = current.id;
      token.role = current.role;
      token.name = current.name;
      token.email = current.email;
      token.picture = current.image;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.role = token.role ?? "member";
      return session;
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sid) await deleteSession(message.token.sid);
    },
  },
});

/** The session of the current request, read once per render. */
export const auth = cache(() => uncachedAuth());
