// Property-based fuzzing of the argument map's evidence actions ("needs a source", suggesting a correction,
// deciding one): whatever a client sends, as whoever, the answer is a written refusal or a success, never a thrown
// error (a 500); a refusal leaves the database as it was; a success writes only its own rows.
// getCurrentUser() is mocked (it needs a Next request) to return a real user's session; the rest is real.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import * as correctionActions from "@/lib/actions/corrections";
import {
  callAction,
  callActionWith,
  databaseChanges,
  DatabaseTracker,
  expectClearRefusal,
  formDataFrom,
  type Action,
  type Fields,
} from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import { correctionSchema, CORRECTION_TARGETS, decideCorrectionSchema, sourceRequestSchema } from "@/lib/validations/evidence";
import type { z } from "zod";
import * as evidenceActions from "@/lib/actions/evidence";
import { useEnv } from "@/lib/testing/env";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_REPORT_USER: "100000/60", RATE_LIMIT_REPORT_IP: "100000/60" });

const NUM_RUNS = 40;
const TIMEOUT_MS = 180_000;

let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  world = await buildActionWorld();
});

const actor = fc.oneof({ arbitrary: fc.constantFrom(...ACTORS), weight: 1 }, { arbitrary: fc.constantFrom<ActorName>("member", "moderator"), weight: 1 });
type Changes = ReturnType<typeof databaseChanges>;

type Case = {
  action: Action;
  schema: z.ZodType;
  form: (w: ActionWorld) => fc.Arbitrary<Fields>;
  /** Tried first: at least one succeeds. */
  examples: (w: ActionWorld) => [ActorName, Fields][];
  onSuccess: (actorId: string, changes: Changes) => void;
};

const CASES: Record<string, Case> = {
  sourceRequestAction: {
    action: evidenceActions.sourceRequestAction,
    schema: sourceRequestSchema,
    form: (w) => hostileForm({ commentId: idOf(Object.values(w.comments), everyId(w)), intent: fc.oneof(fc.constantFrom("request", "withdraw"), hostileText) }),
    examples: (w) => [
      ["member", { commentId: w.comments.carolVisible }],
      ["member", { commentId: w.comments.carolVisible, intent: "withdraw" }],
      ["member", { commentId: w.comments.ownVisible, intent: "request\u0000" }],
    ],
    onSuccess: (actorId, changes) => {
      for (const change of changes) expect(["sourceRequest", "notification"]).toContain(change.table);
      for (const change of changes.filter((c) => c.table === "sourceRequest")) {
        const requester = change.columns.requesterId!;
        expect(requester.to ?? requester.from).toBe(actorId);
      }
      for (const change of changes.filter((c) => c.table === "notification")) expect(change.columns.kind!.to).toBe("source_request");
    },
  },
  suggestCorrectionAction: {
    action: evidenceActions.suggestCorrectionAction,
    schema: correctionSchema,
    form: (w) =>
      hostileForm({
        threadId: idOf(Object.values(w.threads), everyId(w)),
        target: fc.oneof(fc.constantFrom(...CORRECTION_TARGETS), hostileText),
        claim: fc.oneof(hostileText, fc.constant("The summary has the wrong date.")),
      }),
    examples: (w) => [
      ["member", { threadId: w.threads.main, target: "summary", claim: "NUL\u0000 in a long enough claim" }],
      ["member", { threadId: w.threads.other, target: "article", claim: "a lone surrogate \ud800 in a claim" }],
    ],
    onSuccess: (actorId, changes) => {
      for (const change of changes) expect(["correction", "rateLimiterFlexible"]).toContain(change.table);
      const added = changes.filter((c) => c.table === "correction");
      expect(added).toHaveLength(1);
      expect(added[0]!.kind).toBe("added");
      expect(added[0]!.columns.requesterId!.to).toBe(actorId);
      expect(added[0]!.columns.status!.to).toBe("open");
    },
  },
  decideCorrectionAction: {
    action: correctionActions.decideCorrectionAction,
    schema: decideCorrectionSchema,
    form: (w) =>
      hostileForm({
        correctionId: idOf(Object.values(w.corrections), everyId(w)),
        kind: fc.oneof(fc.constantFrom("accept", "reject"), hostileText),
        note: hostileText,
        reason: hostileText,
      }),
    examples: (w) => [
      ["member", { correctionId: w.corrections.open, kind: "accept", note: "Mine" }],
      ["moderator", { correctionId: w.corrections.open, kind: "accept", note: "A note with \u0000 and \udfff" }],
      ["admin", { correctionId: w.corrections.open, kind: "reject", reason: "Too late" }],
    ],
    onSuccess: (actorId, changes) => {
      // The requester hears of the decision (a notice).
      for (const change of changes) expect(["correction", "moderationLog", "notice"]).toContain(change.table);
      const decided = changes.filter((c) => c.table === "correction");
      expect(decided).toHaveLength(1);
      expect(decided[0]!.columns.status!.from).toBe("open");
      expect(decided[0]!.columns.decidedById!.to).toBe(actorId);
      const logged = changes.filter((c) => c.table === "moderationLog");
      expect(logged).toHaveLength(1);
      expect(logged[0]!.columns.articleId!.to).toBeTruthy();
    },
  },
};

const outcomes = { accepted: 0, refused: 0 };

async function checkOneCall(c: Case, who: ActorName, fields: Fields) {
  session.user = await sessionFor(world, who);
  const before = await database.before();
  const formData = formDataFrom(fields);
  const passesSchema = c.schema.safeParse(Object.fromEntries(formData)).success;
  const answer = await callAction(c.action, formData);
  if (answer.ok) {
    expect(session.user, "a signed-out caller was let through").not.toBeNull();
    expect(passesSchema).toBe(true);
    c.onSuccess(session.user!.id, databaseChanges(before, await database.after()));
    outcomes.accepted++;
    return;
  }
  outcomes.refused++;
  expectClearRefusal(answer);
  await database.expectUnchanged({ except: passesSchema ? ["rateLimiterFlexible"] : [] });
}

describe("evidence and correction actions under fuzzing", () => {
  it("fuzzes every action the modules export", () => {
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(evidenceActions), ...Object.keys(correctionActions)].sort());
  });

  it.each(Object.entries(CASES))(
    "%s answers every form with a refusal or a success, and a refusal changes nothing",
    async (_name, c) => {
      outcomes.accepted = outcomes.refused = 0;
      await fc.assert(
        fc.asyncProperty(actor, c.form(world), (who, fields) => checkOneCall(c, who, fields)),
        { numRuns: NUM_RUNS, examples: c.examples(world) },
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
    },
    TIMEOUT_MS,
  );

  const notAForm = fc.oneof(
    fc.jsonValue(),
    fc.date(),
    fc.constantFrom(undefined, null, new Map([["commentId", "x"]]), new Blob(["claim=x"]), { get: "claim" }),
  );

  it.each(Object.entries(CASES))(
    "%s refuses any value that is not a form, changing nothing",
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(actor, notAForm, async (who, value) => {
          session.user = await sessionFor(world, who);
          await database.before();
          expectClearRefusal(await callActionWith(c.action, value));
          await database.expectUnchanged();
        }),
        { numRuns: 15 },
      );
    },
    TIMEOUT_MS,
  );
});
