// The authorization matrix, moderators' and admins' actions: each called as every kind of caller
// (lib/testing/authorization-matrix.ts), and a check that the three files' cases cover every action there is.
// The editors' actions: moderation.editors.test.ts; the members' and what follows the guard: moderation.members.test.ts.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => (await import("@/lib/testing/signed-in")).signedIn.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { createCommentAction, deleteCommentAction, editCommentAction, reportAction } from "@/lib/actions/comments";
import * as editorActions from "@/lib/actions/editor";
import {
  addWordFilterAction,
  dismissReportsAction,
  liftSuspensionAction,
  moderateCommentAction,
  moderateThreadAction,
  removeWordFilterAction,
  setRoleAction,
  suspendUserAction,
} from "@/lib/actions/moderation";
import { CASES, describeMatrix, freshWorldForEachTest } from "@/lib/testing/authorization-matrix";

freshWorldForEachTest();

describe("authorization matrix", () => {
  it("covers every action for every caller", () => {
    // The three files run the guards moderator + admin (here), editor and participant: a case under any other guard would run nowhere.
    expect(new Set(CASES.map((c) => c.guard))).toEqual(new Set(["moderator", "admin", "editor", "participant"]));
    expect(new Set(CASES.map((c) => c.action))).toEqual(
      new Set([
        moderateCommentAction,
        dismissReportsAction,
        moderateThreadAction,
        suspendUserAction,
        liftSuspensionAction,
        setRoleAction,
        addWordFilterAction,
        removeWordFilterAction,
        createCommentAction,
        editCommentAction,
        deleteCommentAction,
        reportAction,
        ...Object.values(editorActions),
      ]),
    );
  });
});

describeMatrix("authorization matrix: moderators' and admins' actions", ["moderator", "admin"]);
