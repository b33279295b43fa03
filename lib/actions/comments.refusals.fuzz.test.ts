// Fuzz properties that know the answer (issue 17): the member-action fuzz suite beside this file accepts a refusal
// or a success, so it pins no limit. Here every generated form is one the rules refuse (a body over the maximum,
// an empty body, an unknown stance, a comment or thread that is not where the form says), sent by a member who could
// otherwise post it: each must be refused clearly and store nothing. A property failing here means a limit moved.
import fc from "fast-check";
import { beforeAll, describe, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { callAction, DatabaseTracker, expectClearRefusal, type Action, type Fields } from "@/lib/testing/action-harness";
import { buildActionWorld, sessionFor, type ActionWorld } from "@/lib/testing/action-world";
import { useEnv } from "@/lib/testing/env";
import { COMMENT_MAX_LENGTH, STANCES } from "@/lib/validations/comment";
import { REPORT_REASONS } from "@/lib/validations/moderation";
import { createCommentAction, editCommentAction, reportAction } from "@/lib/actions/comments";

// Limits out of the way: a form must be refused for what it holds, not for how often it came.
useEnv({
  RATE_LIMIT_COMMENT_USER: "100000/60",
  RATE_LIMIT_EDIT_USER: "100000/60",
  RATE_LIMIT_COMMENT_IP: "100000/60",
  RATE_LIMIT_REPORT_USER: "100000/60",
  RATE_LIMIT_REPORT_IP: "100000/60",
});

const NUM_RUNS = 25;
const TIMEOUT_MS = 180_000;

let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  world = await buildActionWorld();
});

/**
 * Sends the form as the member and expects a clear refusal that stores nothing. A form the schema refuses spends
 * nothing at all; one refused by the database's answer (a comment in another thread) may have spent a rate-limit point.
 */
async function expectRefused(action: Action, fields: Fields, options: { mayHaveSpent?: boolean } = {}) {
  session.user = await sessionFor(world, "member");
  await database.before();
  const answer = await callAction(action, fields);
  // An accepted form may have written: the next call must not be compared with the state before it.
  if (answer.ok || answer.redirectedTo) database.reset();
  expectClearRefusal(answer);
  await database.expectUnchanged({ except: options.mayHaveSpent ? ["rateLimiterFlexible"] : [] });
}

// Characters that keep their length through the schema (no control characters, no surrogate pairs to miscount).
const bodyCharacter = fc.constantFrom("a", "Z", "é", "中", " ", "\n", "<", "&", "*", "[", "#", "ß");
/** A body longer than the maximum once trimmed: text between two letters, from one character over to well beyond. */
const overlongBody = fc
  .tuple(fc.integer({ min: COMMENT_MAX_LENGTH + 1, max: COMMENT_MAX_LENGTH + 5_000 }), fc.array(bodyCharacter, { minLength: 1, maxLength: 50 }))
  .map(
    ([length, pattern]) =>
      `x${pattern
        .join("")
        .repeat(Math.ceil(length / pattern.length))
        .slice(0, length - 2)}x`,
  );
/** Nothing a reader would see: whitespace and control characters in any mix, or nothing at all. */
const emptyBody = fc
  .array(fc.constantFrom("", " ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u0000", "\u0007", "\u007f"), { maxLength: 40 })
  .map((parts) => parts.join(""));
/** Any stance that is not one of the three, nor "" (no stance). */
const unknownStance = fc
  .oneof(fc.string({ minLength: 1 }), fc.constantFrom("Agrees", "agree", " agrees", "agrees ", "neutral", "null", "0"))
  .filter((value) => value !== "" && !(STANCES as readonly string[]).includes(value));
const fineBody = fc.constantFrom("A fine comment", "Another point, made politely.");

describe("comment forms the rules refuse, refused every time", () => {
  it(
    "refuses a new comment or an edit over the maximum length, storing nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(overlongBody, async (body) => {
          await expectRefused(createCommentAction, { threadId: world.threads.main, body });
          await expectRefused(createCommentAction, { threadId: world.threads.main, parentId: world.comments.carolVisible, body });
          await expectRefused(editCommentAction, { commentId: world.comments.ownVisible, body });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "refuses an empty or blank body, on a new comment and an edit, storing nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(emptyBody, async (body) => {
          await expectRefused(createCommentAction, { threadId: world.threads.main, body });
          await expectRefused(editCommentAction, { commentId: world.comments.ownVisible, body });
        }),
        { numRuns: NUM_RUNS, examples: [[""], [" "], ["\u0000"]] },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "refuses a stance that is not agrees, disagrees, context or none, storing nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(unknownStance, fineBody, async (stance, body) => {
          await expectRefused(createCommentAction, { threadId: world.threads.main, body, stance });
          await expectRefused(editCommentAction, { commentId: world.comments.ownVisible, body, stance });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "refuses a reply to a comment of another thread, or to a thread that does not exist, storing nothing",
    async () => {
      const elsewhere = fc.constantFrom(world.comments.carolInOther, world.comments.carolInLocked);
      const noSuchThread = fc.stringMatching(/^[a-z0-9]{20,30}$/).filter((id) => !Object.values(world.threads).includes(id));
      await fc.assert(
        fc.asyncProperty(elsewhere, noSuchThread, fineBody, async (parentId, missingThread, body) => {
          await expectRefused(createCommentAction, { threadId: world.threads.main, parentId, body }, { mayHaveSpent: true });
          await expectRefused(createCommentAction, { threadId: missingThread, body }, { mayHaveSpent: true });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "refuses a report of a comment under another thread's id, or of a thread that does not exist, storing nothing",
    async () => {
      const elsewhere = fc.constantFrom(world.comments.carolInOther, world.comments.carolInLocked);
      const noSuchThread = fc.stringMatching(/^[a-z0-9]{20,30}$/).filter((id) => !Object.values(world.threads).includes(id));
      await fc.assert(
        fc.asyncProperty(elsewhere, noSuchThread, fc.constantFrom(...REPORT_REASONS), async (commentId, missingThread, reason) => {
          await expectRefused(reportAction, { threadId: world.threads.main, commentId, reason }, { mayHaveSpent: true });
          await expectRefused(reportAction, { threadId: missingThread, reason }, { mayHaveSpent: true });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
