// The authorization matrix, editors' actions: each called as every kind of caller (lib/testing/authorization-matrix.ts).
import { vi } from "vitest";

vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => (await import("@/lib/testing/signed-in")).signedIn.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { describeMatrix, freshWorldForEachTest } from "@/lib/testing/authorization-matrix";

freshWorldForEachTest();

describeMatrix("authorization matrix: editors' actions", ["editor"]);
