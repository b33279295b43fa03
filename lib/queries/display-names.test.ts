import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NameTakenError } from "@/lib/display-name";
import { createTestUser } from "@/lib/testing/factories";
import { backfillNameKeys, changeDisplayName, listEarlierNames } from "./display-names";
import { createUserWithPassword } from "./users";

const account = (name: string) => ({ name, email: `${crypto.randomUUID()}@example.test`, passwordHash: "x" });

describe("display names are unique ignoring case and look-alikes", () => {
  it("refuses a sign-up whose name reads the same as a member's, and stores nothing", async () => {
    await createUserWithPassword(account("Probe Member"));
    const before = await db.user.count();
    for (const name of ["probe member", "Pr\u043ebe Member", "ProbeMember", "Ｐｒｏｂｅ Ｍｅｍｂｅｒ", "Probe Mernber"]) {
      await expect(createUserWithPassword(account(name)), name).rejects.toBeInstanceOf(NameTakenError);
    }
    expect(await db.user.count()).toBe(before);
  });

  it("lets a member change their name, keeps the old one, and refuses another member's", async () => {
    const first = await createUserWithPassword(account("First Name"));
    await createUserWithPassword(account("Second Name"));
    expect(await changeDisplayName({ userId: first.id, name: "First Renamed" })).toEqual({ changed: true });
    await expect(changeDisplayName({ userId: first.id, name: "SECOND name" })).rejects.toBeInstanceOf(NameTakenError);
    // Their own name in other capitals is theirs to take.
    expect(await changeDisplayName({ userId: first.id, name: "FIRST RENAMED" })).toEqual({ changed: true });
    expect(await changeDisplayName({ userId: first.id, name: "FIRST RENAMED" })).toEqual({ changed: false });
    const user = await db.user.findUniqueOrThrow({ where: { id: first.id }, select: { name: true } });
    expect(user.name).toBe("FIRST RENAMED");
    expect((await listEarlierNames(first.id)).map((change) => change.oldName)).toEqual(["First Renamed", "First Name"]);
    // The released name is free again.
    await expect(createUserWithPassword(account("first name"))).resolves.toBeDefined();
  });
});

describe("backfillNameKeys", () => {
  it("makes existing duplicates unique, keeps the oldest name, and says so in the moderation log", async () => {
    const original = await createTestUser("Mod Probe");
    const impostors = [await createTestUser("Mod\u200b Probe"), await createTestUser("M\u043ed Pr\u043ebe"), await createTestUser("mod probe")];
    const rtl = await createTestUser("Quiet\u202e One");
    const result = await backfillNameKeys(db);
    expect(result.renamed).toBe(4);
    const names = await db.user.findMany({
      where: { id: { in: [original.id, ...impostors.map((user) => user.id), rtl.id] } },
      select: { id: true, name: true, nameKey: true },
    });
    const byId = new Map(names.map((row) => [row.id, row]));
    expect(byId.get(original.id)!.name).toBe("Mod Probe");
    expect(byId.get(impostors[0]!.id)!.name).toBe("Mod Probe 2");
    expect(byId.get(impostors[1]!.id)!.name).toBe("M\u043ed Pr\u043ebe 3");
    expect(byId.get(impostors[2]!.id)!.name).toBe("mod probe 4");
    expect(byId.get(rtl.id)!.name).toBe("Quiet One");
    expect(new Set(names.map((row) => row.nameKey)).size).toBe(names.length);

    const log = await db.moderationLog.findMany({
      where: { action: "rename_duplicate_name" },
      select: { targetUserId: true, moderatorId: true, detail: true },
    });
    expect(log.map((row) => row.targetUserId).sort()).toEqual([...impostors.map((user) => user.id), rtl.id].sort());
    expect(log.every((row) => row.moderatorId === null)).toBe(true);
    expect(log.find((row) => row.targetUserId === impostors[2]!.id)!.detail).toBe('"mod probe" → "mod probe 4"');
    expect((await listEarlierNames(impostors[0]!.id))[0]!.oldName).toBe("Mod\u200b Probe");

    // Idempotent: a second run renames nobody.
    expect(await backfillNameKeys(db)).toEqual({ keyed: 0, renamed: 0 });
  });
});
