import type { CurrentUser } from "@/lib/current-user";

/**
 * Who a test's server actions see as the caller, where the test mocks getCurrentUser() (it needs a Next request):
 *   vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => (await import("@/lib/testing/signed-in")).signedIn.user) }));
 */
export const signedIn: { user: CurrentUser | null } = { user: null };
