import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { createSession, deleteSession, findActiveSessionUser } from "./sessions";

describe("database sessions", () => {
  it("resolves a session to its user, with the role read fresh", async () => {
    const user = await createTestUser("Sam");
    const token = await createSession(user.id);
    expect((await findActiveSessionUser(token))?.role).toBe("member");
    await db.user.update({ where: { id: user.id }, data: { role: "moderator" } });
    expect((await findActiveSessionUser(token))?.role).toBe("moderator");
  });

  it("ends a session for good when it is deleted (sign-out)", async () => {
    const user = await createTestUser();
    const token = await createSession(user.id);
    await deleteSession(token);
    expect(await findActiveSessionUser(token)).toBeNull();
  });

  it("treats an expired session as signed out", async () => {
    const user = await createTestUser();
    const token = await createSession(user.id);
    await db.session.update({ where: { sessionToken: token }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findActiveSessionUser(token)).toBeNull();
  });

  it("never returns the password hash", async () => {
    const user = await createTestUser();
    await db.user.update({ where: { id: user.id }, data: { passwordHash: "$argon2id$secret" } });
    const token = await createSession(user.id);
    expect(JSON.stringify(await findActiveSessionUser(token))).not.toContain("argon2");
  });
});
