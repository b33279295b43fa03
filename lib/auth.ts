import { cache } from "react";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { backfillNameKeys } from "@/lib/queries/display-names";
import type { Provider } from "next-auth/providers";
import { browserName } from "@/lib/browser-name";
import { db } from "@/lib/db";
import { env, isEmailEnabled, isGitHubSignInEnabled, isOidcSignInEnabled } from "@/lib/env";
import { mailFrom } from "@/lib/notification-email";
import { mayFollowSignInLink, sendSignInLink, SIGN_IN_LINK_PROVIDER_ID } from "@/lib/sign-in-link";
import { SIGN_IN_LINK_TTL_MINUTES } from "@/lib/validations/sign-in-link";
import type { Role } from "@/lib/generated/prisma/enums";
import { verifyPassword } from "@/lib/password";
import { createSession, deleteSession, findActiveSessionUser, SESSION_MAX_AGE_SECONDS } from "@/lib/queries/sessions";
import { findUserCredentials, setRoleByEmail } from "@/lib/queries/users";
import { clientIpFrom } from "@/lib/client-address";
import { mustConfirmEmail } from "@/lib/email-confirmation";
import { enforceRateLimits, RateLimitedError, resetRateLimit } from "@/lib/rate-limit";
import { signInSchema } from "@/lib/validations/auth";

type Suspension = { until: string | null; permanent: boolean; reason: string | null } | null;

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; suspension: Suspension; emailUnconfirmed?: boolean } & DefaultSession["user"];
    /** The Session row's id (not its secret token): marks "this device" on /settings. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The database session this cookie stands for. */
    sid?: string;
    /** The Session row's id, for /settings. */
    sessionId?: string;
    uid?: string;
    role?: Role;
    suspension?: Suspension;
    /** lib/email-confirmation.ts: a member who must still confirm their address. */
    emailUnconfirmed?: boolean;
  }
}

/** Too many sign-in attempts; the code carries the wait in seconds to the sign-in form. */
export class SignInRateLimited extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

/** Auth.js's id for the OpenID Connect provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** The browser of the request signing in, for the sessions list; null outside a request. */
async function requestBrowser(): Promise<string | null> {
  try {
    return browserName((await headers()).get("user-agent"));
  } catch {
    return null;
  }
}

/** How long each sign-in attempt waits once an account has had too many failures from everywhere together. */
export const SIGNIN_SLOWDOWN_MS = 2000;

/**
 * Wrong passwords from one address never lock the owner out from another: the per-account-and-address and
 * per-address limits refuse, but the per-account limit (every address together) only slows each further attempt.
 */
async function enforceSignInLimits(email: string, ip: string): Promise<void> {
  try {
    await enforceRateLimits([
      { limit: "signin:account-ip", key: `${email}|${ip}` },
      { limit: "signin:ip", key: ip },
    ]);
  } catch (error) {
    if (error instanceof RateLimitedError) throw new SignInRateLimited(error.retryAfterSeconds);
    throw error;
  }
  try {
    await enforceRateLimits([{ limit: "signin:account", key: email }]);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    await new Promise((resolve) => setTimeout(resolve, SIGNIN_SLOWDOWN_MS));
  }
}

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  // Runs for the sign-in form's server action and for a direct POST to Auth.js's callback alike.
  async authorize(raw, request) {
    const parsed = signInSchema.safeParse(raw);
    if (!parsed.success) return null;
    const { email, password } = parsed.data;
    const ip = clientIpFrom(request.headers);
    await enforceSignInLimits(email, ip);
    const user = await findUserCredentials(email);
    // verifyPassword hashes even for an unknown email, so timing does not reveal which accounts exist.
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) return null;
    // Only this address's count: the owner signing in must not hand an attacker elsewhere a fresh allowance.
    await resetRateLimit("signin:account-ip", `${email}|${ip}`);
    return { id: user.id, name: user.name, email: user.email, image: user.image };
  },
});

const providers: Provider[] = [credentials];
if (isGitHubSignInEnabled) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
if (isOidcSignInEnabled) providers.push(oidcProvider());
if (isEmailEnabled) {
  providers.push(
    Nodemailer({
      id: SIGN_IN_LINK_PROVIDER_ID,
      server: env.SMTP_URL,
      from: mailFrom(),
      maxAge: SIGN_IN_LINK_TTL_MINUTES * 60,
      sendVerificationRequest: sendSignInLink,
    }),
  );
}

/**
 * An organisation's own OpenID Connect provider (Keycloak, Authentik…), found by discovery at OIDC_ISSUER.
 * Authorization code with PKCE and state, the ID token checked against the issuer's keys (Auth.js). An account
 * whose email is already a member's is not linked to it automatically: whoever runs the provider could otherwise
 * take over that member (Auth.js refuses with OAuthAccountNotLinked, shown on the sign-in page).
 */
function oidcProvider(): Provider {
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME,
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    checks: ["pkce", "state", "nonce"],
    profile(profile) {
      const name = [profile.name, profile.preferred_username, profile.email?.split("@")[0]].find(
        (candidate): candidate is string => typeof candidate === "string" && candidate.trim().length > 0,
      );
      return { id: String(profile.sub), name: name?.trim().slice(0, 50) ?? "Member", email: profile.email ?? null, image: profile.picture ?? null };
    },
  };
}

export const {
  handlers,
  auth: uncachedAuth,
  signIn,
  signOut,
} = NextAuth({
  adapter: PrismaAdapter(db),
  providers,
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Credentials sign-in requires the JWT strategy; the JWT only carries a database session id (see callbacks).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Auth.js's own error page answers "Configuration" with a 500 for anyone who asks for it; ours is the sign-in page.
  pages: { signIn: "/signin", error: "/signin", verifyRequest: "/signin/email/sent" },
  callbacks: {
    async signIn({ account, user, email }) {
      if (account?.provider === SIGN_IN_LINK_PROVIDER_ID) return mayFollowSignInLink(user.email, email?.verificationRequest === true);
      return true;
    },
    // Auth.js's default throws (a 500) on a callbackUrl that is not a URL; this one sends it home instead. Agora's
    // own origin is the one a request reached or the configured public one (AUTH_URL): an emailed link carries the
    // latter, and Next.js may hand Auth.js's route the address it listens on (localhost) as the request's origin.
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      if (!URL.canParse(url)) return baseUrl;
      const own = [baseUrl, env.AUTH_URL && URL.canParse(env.AUTH_URL) ? new URL(env.AUTH_URL).origin : null];
      return own.includes(new URL(url).origin) ? url : baseUrl;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        // The first admins come from configuration, applied at every sign-in (sign-up signs in too).
        if (user.email && env.ADMIN_EMAILS.includes(user.email.toLowerCase())) {
          await setRoleByEmail(user.email, "admin");
        }
        token.sid = await createSession(user.id, await requestBrowser());
      }
      if (!token.sid) return null;
      // Read on every request: a deleted session or a changed role takes effect at once.
      const current = await findActiveSessionUser(token.sid);
      if (!current) return null;
      token.uid = current.id;
      token.sessionId = current.sessionId;
      token.role = current.role;
      token.suspension =
        current.suspendedPermanently || current.suspendedUntil
          ? {
              until: current.suspendedUntil?.toISOString() ?? null,
              permanent: current.suspendedPermanently,
              reason: current.suspensionReason,
            }
          : null;
      token.emailUnconfirmed = mustConfirmEmail({ role: current.role, emailVerified: current.emailVerified, hasPassword: current.hasPassword });
      token.name = current.name;
      token.email = current.email;
      token.picture = current.image;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.role = token.role ?? "member";
      session.user.suspension = token.suspension ?? null;
      session.user.emailUnconfirmed = token.emailUnconfirmed ?? false;
      session.sessionId = token.sessionId;
      return session;
    },
  },
  events: {
    // A member created by an OAuth provider (GitHub) comes with the provider's name: give it its unique key, with a
    // number when it reads the same as an existing member's (lib/queries/display-names.ts).
    async createUser() {
      await backfillNameKeys();
    },
    async signOut(message) {
      if ("token" in message && message.token?.sid) await deleteSession(message.token.sid);
    },
  },
});

/** The session of the current request, read once per render. */
export const auth = cache(() => uncachedAuth());
