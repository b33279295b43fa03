// Property-based fuzzing of the display-name action: whatever a client sends, as whoever, the answer is a written
// refusal or a success, never a thrown error (a 500); a success renames the caller alone, to a name that passes the
// rules and reads like nobody else's, and a refusal changes nothing (but the rate-limit counter).
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { db } from "@/lib/db";
import { displayNameKey, displayNameProblem } from "@/lib/display-name";
import { backfillNameKeys } from "@/lib/queries/display-names";
import { callActionWith, databaseChanges, DatabaseTracker, expectClearRefusal, formDataFrom, type Answer } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileField, hostileForm, hostileText } from "@/lib/testing/hostile-input";
import * as actions from "@/lib/actions/display-name";
import { changeDisplayNameAction } from "@/lib/actions/display-name";
import { useEnv } from "@/lib/testing/env";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_NAME_CHANGE_USER: "100000/60" });

const TIMEOUT_MS = 180_000;

let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  world = await buildActionWorld();
  await backfillNameKeys(db);
});

const actor = fc.constantFrom<ActorName>(...ACTORS);

// Names a member might type, and the tricks an impostor would: look-alikes, invisible and direction characters.
const plausibleName = fc.oneof(
  fc.constantFrom("Carol", "C\u0430rol", "CAROL", "Car\u200bol", "Admin", "Agora", "a@b.co", "Mod\u202eProbe", "   ", "New Name", "Zoë"),
  fc.string({ minLength: 1, maxLength: 60 }),
  hostileText,
);

describe("changeDisplayNameAction under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(actions)).toEqual(["changeDisplayNameAction"]);
  });

  it(
    "renames only the caller, to an acceptable name nobody else's reads like, or refuses in writing and changes nothing",
    async () => {
      const argument = fc.oneof(
        { arbitrary: hostileForm({ name: plausibleName }).map((fields) => formDataFrom(fields) as unknown), weight: 4 },
        {
          arbitrary: fc
            .record({ name: hostileField(plausibleName), userId: fc.constantFrom(world.others.carol.id, "x") })
            .map((fields) => formDataFrom(fields) as unknown),
          weight: 1,
        },
        { arbitrary: fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null)), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          const before = await database.before();
          const answer: Answer = await callActionWith(changeDisplayNameAction, value);
          if (!answer.ok) {
            expectClearRefusal(answer);
            await database.expectUnchanged({ except: ["rateLimiterFlexible"] });
            return;
          }
          const changes = databaseChanges(before, await database.after()).filter((change) => change.table !== "rateLimiterFlexible");
          for (const change of changes) {
            expect(["user", "nameChange"]).toContain(change.table);
            if (change.table === "user") {
              expect(change.key).toBe(session.user!.id);
              expect(Object.keys(change.columns).filter((column) => !["name", "nameKey", "updatedAt"].includes(column))).toEqual([]);
            }
          }
          const user = await db.user.findUniqueOrThrow({ where: { id: session.user!.id }, select: { name: true, nameKey: true } });
          expect(displayNameProblem(user.name!)).toBeUndefined();
          expect(user.nameKey).toBe(displayNameKey(user.name!));
          expect(await db.user.count({ where: { nameKey: user.nameKey } })).toBe(1);
        }),
        {
          numRuns: 60,
          examples: [
            ["member", formDataFrom({ name: "C\u0430rol" })],
            ["member", formDataFrom({ name: "Fresh Name" })],
          ],
        },
      );
    },
    TIMEOUT_MS,
  );
});
