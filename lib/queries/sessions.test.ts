import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { createSession, deleteSession, endSession, endSessions, findActiveSessionUser, LAST_SEEN_RESOLUTION_MS, listSessions } from "./sessions";

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

  it("records the browser and refreshes last-seen at most once per few minutes", async () => {
    const user = await createTestUser();
    const token = await createSession(user.id, "Firefox on Linux");
    const created = (await listSessions(user.id))[0]!;
    expect(created.browser).toBe("Firefox on Linux");
    await findActiveSessionUser(token);
    expect((await listSessions(user.id))[0]!.lastSeenAt.getTime()).toBe(created.lastSeenAt.getTime());
    const stale = new Date(Date.now() - LAST_SEEN_RESOLUTION_MS - 1000);
    await db.session.update({ where: { sessionToken: token }, data: { lastSeenAt: stale } });
    await findActiveSessionUser(token);
    const refreshed = (await listSessions(user.id))[0]!;
    expect(refreshed.lastSeenAt.getTime()).toBeGreaterThan(stale.getTime());
    expect(refreshed.createdAt.getTime()).toBe(created.createdAt.getTime());
  });

  it("ends only the member's own sessions", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const ownerToken = await createSession(owner.id);
    const otherToken = await createSession(other.id);
    const otherSession = (await listSessions(other.id))[0]!;
    expect(await endSession(owner.id, otherSession.id)).toBe(false);
    expect(await findActiveSessionUser(otherToken)).not.toBeNull();
    const ownSession = (await listSessions(owner.id))[0]!;
    expect(await endSession(owner.id, ownSession.id)).toBe(true);
    expect(await findActiveSessionUser(ownerToken)).toBeNull();
  });

  it("ends every other session, or all of them", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const keepToken = await createSession(user.id);
    await createSession(user.id);
    await createSession(user.id);
    const othersToken = await createSession(other.id);
    const keep = (await findActiveSessionUser(keepToken))!.sessionId;
    expect(await endSessions(user.id, keep)).toBe(2);
    expect((await listSessions(user.id)).map((session) => session.id)).toEqual([keep]);
    expect(await endSessions(user.id, null)).toBe(1);
    expect(await listSessions(user.id)).toEqual([]);
    expect(await findActiveSessionUser(othersToken)).not.toBeNull();
  });
});
