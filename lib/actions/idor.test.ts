// IDOR for every server action: ids the caller may not touch (someone else's comment, a hidden, removed, pending or
// deleted one, one in a locked thread or another thread, a staff account, an item that does not exist) are refused
// with a message and change nothing. Extends lib/actions/moderation*.test.ts (the role matrix, and the IDOR cases it
// already has: another member's visible comment, an admin's, one awaiting review, a cross-thread reply or report).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => {
  process.env.AUTH_SECRET = "idor-secret-idor-secret-idor-secret-idor";
  return { user: null as CurrentUser | null };
});
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));
// The account actions sign in through next-auth, which reads the request through next/headers.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "10.7.7.7" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

import * as appealActions from "@/lib/actions/appeals";
import * as accountActions from "@/lib/actions/auth";
import * as appealDecisionActions from "@/lib/actions/appeal-decisions";
import * as slowModeActions from "@/lib/actions/slow-mode";
import * as moderationActions from "@/lib/actions/moderation";
import * as notificationActions from "@/lib/actions/notifications";
import * as settingsActions from "@/lib/actions/settings";
import * as nameActions from "@/lib/actions/display-name";
import * as emailActions from "@/lib/actions/email";
import * as correctionActions from "@/lib/actions/corrections";
import * as memberActions from "@/lib/actions/comments";
import * as evidenceActions from "@/lib/actions/evidence";
import * as editorActions from "@/lib/actions/editor";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createSession, findActiveSessionUser } from "@/lib/queries/sessions";
import { backfillNameKeys } from "@/lib/queries/display-names";
import { RESET_LINK_UNUSABLE } from "@/lib/validations/password-reset";
import { EMAIL_CHANGE_LINK_UNUSABLE } from "@/lib/validations/email-change";
import { callAction, databaseState, expectClearRefusal, expectDatabaseUnchanged, type Action, type Fields } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { overrideEnv } from "@/lib/testing/env";

const { createCommentAction, deleteCommentAction, editCommentAction, reportAction, voteAction } = memberActions;
const {
  addWordFilterAction,
  dismissReportsAction,
  liftSuspensionAction,
  moderateCommentAction,
  moderateThreadAction,
  removeWordFilterAction,
  setRoleAction,
  suspendUserAction,
} = moderationActions;
const { signInAction, signUpAction, resetPasswordAction } = accountActions;
const { fileAppealAction } = appealActions;
const { decideAppealAction } = appealDecisionActions;
const NO_DECISION = "There is no decision of yours to appeal there.";
const { sourceRequestAction, suggestCorrectionAction } = evidenceActions;
const { decideCorrectionAction } = correctionActions;

const NOT_YOURS = "You can only change your own comments.";
const LOCKED = "This thread is locked: no new comments or edits.";
const CANNOT_REPLY = "That comment cannot be replied to.";
const NO_COMMENT = "That comment does not exist.";
const MODERATORS_ONLY = "Only moderators can do that.";
const ADMINS_ONLY = "Only admins can do that.";
const SUSPENDED = /^Your account is suspended/;
const NAME_TAKEN = "That display name is taken, or reads the same as one that is. Choose another.";

type Row = [description: string, actor: ActorName, action: Action, form: (w: ActionWorld) => Fields, message: string | RegExp];

const ROWS: Row[] = [
  // Posting: the thread or the comment replied to must be one the caller can see and reply to.
  [
    "createCommentAction: a reply to another member's hidden comment",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.carolHidden, body: "Re" }),
    CANNOT_REPLY,
  ],
  [
    "createCommentAction: a reply to a removed comment",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.carolRemoved, body: "Re" }),
    CANNOT_REPLY,
  ],
  [
    "createCommentAction: a reply to someone else's comment awaiting review",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.carolPending, body: "Re" }),
    CANNOT_REPLY,
  ],
  [
    "createCommentAction: a reply to a deleted comment",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.carolDeleted, body: "Re" }),
    "The comment you are replying to was deleted.",
  ],
  [
    "createCommentAction: a reply in a locked thread",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.locked, parentId: w.comments.carolInLocked, body: "Re" }),
    LOCKED,
  ],
  [
    "createCommentAction: a thread that does not exist",
    "member",
    createCommentAction,
    () => ({ threadId: "nosuchthread", body: "Hello" }),
    "This thread does not exist.",
  ],
  [
    "createCommentAction: a comment id given as the thread",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.comments.carolVisible, body: "Hello" }),
    "This thread does not exist.",
  ],
  [
    "createCommentAction: a parent that does not exist",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: "nosuchcomment", body: "Re" }),
    "The comment you are replying to is not in this thread.",
  ],
  [
    "createCommentAction: by a suspended member, replying to their own comment",
    "suspended member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.suspendedOwn, body: "Re" }),
    SUSPENDED,
  ],

  // Editing: only the caller's own live comment, in an open thread.
  ...(
    [
      ["another member's hidden comment", (w: ActionWorld) => w.comments.carolHidden, NOT_YOURS],
      ["another member's removed comment", (w: ActionWorld) => w.comments.carolRemoved, NOT_YOURS],
      ["another member's deleted comment", (w: ActionWorld) => w.comments.carolDeleted, NOT_YOURS],
      ["another member's comment in a locked thread", (w: ActionWorld) => w.comments.carolInLocked, NOT_YOURS],
      ["another member's comment in another thread", (w: ActionWorld) => w.comments.carolInOther, NOT_YOURS],
      ["another member's reply", (w: ActionWorld) => w.comments.carolReply, NOT_YOURS],
      ["a moderator's comment", (w: ActionWorld) => w.comments.moderatorComment, NOT_YOURS],
      ["their own comment once a moderator removed it", (w: ActionWorld) => w.comments.ownRemoved, NOT_YOURS],
      ["their own deleted comment", (w: ActionWorld) => w.comments.ownDeleted, NOT_YOURS],
      ["their own comment in a locked thread", (w: ActionWorld) => w.comments.ownInLocked, LOCKED],
      ["a thread's id", (w: ActionWorld) => w.threads.main, NOT_YOURS],
      ["a user's id", (w: ActionWorld) => w.others.carol.id, NOT_YOURS],
    ] as const
  ).flatMap(([target, id, message]): Row[] => [
    [`editCommentAction: ${target}`, "member", editCommentAction, (w) => ({ commentId: id(w), body: "Hijacked" }), message],
    [`deleteCommentAction: ${target}`, "member", deleteCommentAction, (w) => ({ commentId: id(w) }), message],
  ]),
  // Stances: only the author's own top-level comment takes one.
  [
    "editCommentAction: changing the stance of another member's comment",
    "member",
    editCommentAction,
    (w) => ({ commentId: w.comments.carolVisible, body: "Agreed", stance: "disagrees" }),
    NOT_YOURS,
  ],
  [
    "createCommentAction: a reply carrying a stance",
    "member",
    createCommentAction,
    (w) => ({ threadId: w.threads.main, parentId: w.comments.carolVisible, body: "Re", stance: "agrees" }),
    "Only top-level comments take a stance on the point; replies cannot.",
  ],
  [
    "editCommentAction: a moderator editing a member's hidden comment",
    "moderator",
    editCommentAction,
    (w) => ({ commentId: w.comments.carolHidden, body: "Moderated" }),
    NOT_YOURS,
  ],
  [
    "deleteCommentAction: a moderator deleting a member's comment",
    "moderator",
    deleteCommentAction,
    (w) => ({ commentId: w.comments.carolVisible }),
    NOT_YOURS,
  ],
  [
    "editCommentAction: a suspended member editing their own comment",
    "suspended member",
    editCommentAction,
    (w) => ({ commentId: w.comments.suspendedOwn, body: "Edited" }),
    SUSPENDED,
  ],

  // Reporting: only what the reporter can see.
  [
    "reportAction: someone else's comment awaiting review (invisible to the reporter)",
    "member",
    reportAction,
    (w) => ({ threadId: w.threads.main, commentId: w.comments.carolPending, reason: "spam" }),
    NO_COMMENT,
  ],
  [
    "reportAction: a deleted comment",
    "member",
    reportAction,
    (w) => ({ threadId: w.threads.main, commentId: w.comments.carolDeleted, reason: "spam" }),
    NO_COMMENT,
  ],
  [
    "reportAction: a comment that does not exist",
    "member",
    reportAction,
    (w) => ({ threadId: w.threads.main, commentId: "nosuchcomment", reason: "spam" }),
    NO_COMMENT,
  ],
  ["reportAction: a thread that does not exist", "member", reportAction, () => ({ threadId: "nosuchthread", reason: "spam" }), "That thread does not exist."],
  ["reportAction: a user's id as the thread", "member", reportAction, (w) => ({ threadId: w.others.carol.id, reason: "spam" }), "That thread does not exist."],
  [
    "reportAction: their own comment awaiting review",
    "member",
    reportAction,
    (w) => ({ threadId: w.threads.main, commentId: w.comments.ownPending, reason: "spam" }),
    "You cannot report your own comment.",
  ],
  [
    "reportAction: by a suspended member",
    "suspended member",
    reportAction,
    (w) => ({ threadId: w.threads.main, commentId: w.comments.carolVisible, reason: "spam" }),
    SUSPENDED,
  ],

  // Voting: only on a visible comment of someone else's.
  ...(
    [
      ["another member's hidden comment", (w: ActionWorld) => w.comments.carolHidden, "That comment cannot be upvoted."],
      ["a removed comment", (w: ActionWorld) => w.comments.carolRemoved, "That comment cannot be upvoted."],
      ["someone else's comment awaiting review", (w: ActionWorld) => w.comments.carolPending, "That comment cannot be upvoted."],
      ["a deleted comment", (w: ActionWorld) => w.comments.carolDeleted, "That comment cannot be upvoted."],
      ["their own comment", (w: ActionWorld) => w.comments.ownVisible, "You cannot upvote your own comment."],
      ["a comment that does not exist", () => "nosuchcomment", NO_COMMENT],
      ["a thread's id", (w: ActionWorld) => w.threads.main, NO_COMMENT],
    ] as const
  ).map(([target, id, message]): Row => [`voteAction: ${target}`, "member", voteAction, (w) => ({ commentId: id(w) }), message]),
  ["voteAction: by a suspended member", "suspended member", voteAction, (w) => ({ commentId: w.comments.carolVisible }), SUSPENDED],
  ["voteAction: signed out", "anonymous", voteAction, (w) => ({ commentId: w.comments.carolVisible }), "Your session has ended. Sign in again to continue."],

  // "Needs a source": only someone else's visible comment in an open thread; only one's own request taken back.
  ...(
    [
      ["their own comment", (w: ActionWorld) => w.comments.ownVisible, "You cannot ask for a source for your own comment."],
      ["another member's hidden comment", (w: ActionWorld) => w.comments.carolHidden, "That comment cannot be flagged."],
      ["a removed comment", (w: ActionWorld) => w.comments.carolRemoved, "That comment cannot be flagged."],
      ["someone else's comment awaiting review", (w: ActionWorld) => w.comments.carolPending, NO_COMMENT],
      ["a deleted comment", (w: ActionWorld) => w.comments.carolDeleted, NO_COMMENT],
      ["a comment in a locked thread", (w: ActionWorld) => w.comments.carolInLocked, "This thread is locked: no new requests."],
      ["a thread's id", (w: ActionWorld) => w.threads.main, NO_COMMENT],
    ] as const
  ).map(([target, id, message]): Row => [`sourceRequestAction: ${target}`, "member", sourceRequestAction, (w) => ({ commentId: id(w) }), message]),
  [
    "sourceRequestAction: taking back a request the member never made",
    "member",
    sourceRequestAction,
    (w) => ({ commentId: w.comments.carolVisible, intent: "withdraw" }),
    "You have not asked for a source for that comment.",
  ],
  ["sourceRequestAction: by a suspended member", "suspended member", sourceRequestAction, (w) => ({ commentId: w.comments.carolVisible }), SUSPENDED],
  [
    "sourceRequestAction: signed out",
    "anonymous",
    sourceRequestAction,
    (w) => ({ commentId: w.comments.carolVisible }),
    "Your session has ended. Sign in again to continue.",
  ],

  // Corrections: members suggest them on a thread that exists; only editors decide, and only open ones.
  [
    "suggestCorrectionAction: a thread that does not exist",
    "member",
    suggestCorrectionAction,
    () => ({ threadId: "nosuchthread", target: "article", claim: "The article is wrong here." }),
    "That thread does not exist.",
  ],
  [
    "suggestCorrectionAction: a comment's id as the thread",
    "member",
    suggestCorrectionAction,
    (w) => ({ threadId: w.comments.carolVisible, target: "summary", claim: "The summary is wrong here." }),
    "That thread does not exist.",
  ],
  [
    "suggestCorrectionAction: by a suspended member",
    "suspended member",
    suggestCorrectionAction,
    (w) => ({ threadId: w.threads.main, target: "summary", claim: "The summary is wrong here." }),
    SUSPENDED,
  ],
  [
    "decideCorrectionAction: accepting, as a member",
    "member",
    decideCorrectionAction,
    (w) => ({ correctionId: w.corrections.open, kind: "accept", note: "Mine now" }),
    MODERATORS_ONLY,
  ],
  [
    "decideCorrectionAction: rejecting, as a suspended moderator",
    "suspended moderator",
    decideCorrectionAction,
    (w) => ({ correctionId: w.corrections.open, kind: "reject", reason: "No" }),
    MODERATORS_ONLY,
  ],
  [
    "decideCorrectionAction: a request already decided",
    "moderator",
    decideCorrectionAction,
    (w) => ({ correctionId: w.corrections.decided, kind: "reject", reason: "Changed my mind" }),
    "That correction request has already been decided.",
  ],
  [
    "decideCorrectionAction: a thread's id as the request",
    "admin",
    decideCorrectionAction,
    (w) => ({ correctionId: w.threads.main, kind: "accept", note: "Note" }),
    "That correction request does not exist.",
  ],

  // Moderation, aimed at what a moderator may not touch or that is not there.
  [
    "moderateCommentAction: a comment its author deleted",
    "moderator",
    moderateCommentAction,
    (w) => ({ commentId: w.comments.carolDeleted, kind: "hide", reason: "r" }),
    "Its author deleted that comment.",
  ],
  [
    "moderateCommentAction: a thread's id as the comment",
    "moderator",
    moderateCommentAction,
    (w) => ({ commentId: w.threads.main, kind: "remove", reason: "r" }),
    NO_COMMENT,
  ],
  [
    "dismissReportsAction: a reported comment named with another thread's id",
    "moderator",
    dismissReportsAction,
    (w) => ({ threadId: w.threads.other, commentId: w.comments.carolReported }),
    "There are no open reports on that item.",
  ],
  [
    "dismissReportsAction: a thread that does not exist",
    "moderator",
    dismissReportsAction,
    () => ({ threadId: "nosuchthread" }),
    "There are no open reports on that item.",
  ],
  [
    "moderateThreadAction: a thread that does not exist",
    "moderator",
    moderateThreadAction,
    () => ({ threadId: "nosuchthread", kind: "pin" }),
    "That thread does not exist.",
  ],
  [
    "moderateThreadAction: a comment's id as the thread",
    "moderator",
    moderateThreadAction,
    (w) => ({ threadId: w.comments.carolVisible, kind: "lock", reason: "r" }),
    "That thread does not exist.",
  ],
  [
    "suspendUserAction: closing reports on another member's comment",
    "moderator",
    suspendUserAction,
    (w) => ({ userId: w.others.dave.id, duration: "1d", reason: "r", commentId: w.comments.carolReported }),
    "That comment is not by this member.",
  ],
  [
    "suspendUserAction: another admin, as an admin",
    "admin",
    suspendUserAction,
    (w) => ({ userId: w.others.otherAdmin.id, duration: "permanent", reason: "r" }),
    "You cannot suspend that account.",
  ],
  [
    "suspendUserAction: a member who does not exist",
    "moderator",
    suspendUserAction,
    () => ({ userId: "nosuchuser", duration: "1d", reason: "r" }),
    "That member does not exist.",
  ],
  ["liftSuspensionAction: a member who does not exist", "moderator", liftSuspensionAction, () => ({ userId: "nosuchuser" }), "That member does not exist."],
  [
    "liftSuspensionAction: their own suspension, as a suspended moderator",
    "suspended moderator",
    liftSuspensionAction,
    (w) => ({ userId: w.users["suspended moderator"].id }),
    MODERATORS_ONLY,
  ],
  ["setRoleAction: promoting themselves, as a moderator", "moderator", setRoleAction, (w) => ({ userId: w.users.moderator.id, role: "admin" }), ADMINS_ONLY],
  ["setRoleAction: demoting an admin, as a moderator", "moderator", setRoleAction, (w) => ({ userId: w.others.otherAdmin.id, role: "member" }), ADMINS_ONLY],
  ["setRoleAction: a member who does not exist", "admin", setRoleAction, () => ({ userId: "nosuchuser", role: "moderator" }), "That member does not exist."],
  ["addWordFilterAction: as a moderator", "moderator", addWordFilterAction, () => ({ phrase: "moderated words", action: "block" }), ADMINS_ONLY],
  ["removeWordFilterAction: an existing filter, as a moderator", "moderator", removeWordFilterAction, (w) => ({ id: w.filterId }), ADMINS_ONLY],
  [
    "removeWordFilterAction: a comment's id as the filter",
    "admin",
    removeWordFilterAction,
    (w) => ({ id: w.comments.carolVisible }),
    "That filter does not exist.",
  ],

  // Appeals: only the member a decision fell on appeals it, only appealable decisions, once; another moderator decides.
  [
    "fileAppealAction: another member's hidden comment's decision",
    "member",
    fileAppealAction,
    (w) => ({ logId: w.logs.carolRemoved, body: "Mine" }),
    NO_DECISION,
  ],
  ["fileAppealAction: another member's suspension", "member", fileAppealAction, (w) => ({ logId: w.logs.suspension, body: "Mine" }), NO_DECISION],
  [
    "fileAppealAction: a member's decision, as a moderator",
    "moderator",
    fileAppealAction,
    (w) => ({ logId: w.logs.memberHidden, body: "Theirs" }),
    NO_DECISION,
  ],
  ["fileAppealAction: a locked thread (not appealable)", "member", fileAppealAction, (w) => ({ logId: w.logs.lock, body: "Unlock" }), NO_DECISION],
  ["fileAppealAction: a comment's id as the decision", "member", fileAppealAction, (w) => ({ logId: w.comments.ownHidden, body: "x" }), NO_DECISION],
  [
    "fileAppealAction: a decision already appealed, by its appellant's neighbour",
    "member",
    fileAppealAction,
    (w) => ({ logId: w.logs.carolHidden, body: "x" }),
    NO_DECISION,
  ],
  [
    "fileAppealAction: signed out",
    "anonymous",
    fileAppealAction,
    (w) => ({ logId: w.logs.memberHidden, body: "x" }),
    "Your session has ended. Sign in again to continue.",
  ],
  [
    "decideAppealAction: the appeal of the moderator's own decision",
    "moderator",
    decideAppealAction,
    (w) => ({ appealId: w.appeals.ofModeratorsDecision, kind: "overturned", reason: "r" }),
    /^Another moderator must decide this appeal/,
  ],
  ["decideAppealAction: as the member", "member", decideAppealAction, (w) => ({ appealId: w.appeals.open, kind: "overturned", reason: "r" }), MODERATORS_ONLY],
  [
    "decideAppealAction: as a suspended moderator",
    "suspended moderator",
    decideAppealAction,
    (w) => ({ appealId: w.appeals.open, kind: "upheld", reason: "r" }),
    MODERATORS_ONLY,
  ],
  [
    "decideAppealAction: a log row's id as the appeal",
    "moderator",
    decideAppealAction,
    (w) => ({ appealId: w.logs.carolRemoved, kind: "upheld", reason: "r" }),
    "That appeal does not exist.",
  ],

  ["setSlowModeAction: as a member", "member", slowModeActions.setSlowModeAction, (w) => ({ threadId: w.threads.main, kind: "on" }), MODERATORS_ONLY],
  [
    "setSlowModeAction: a thread that does not exist",
    "moderator",
    slowModeActions.setSlowModeAction,
    () => ({ threadId: "nosuchthread", kind: "on" }),
    "That thread does not exist.",
  ],
  [
    "setSlowModeAction: a comment's id as the thread",
    "moderator",
    slowModeActions.setSlowModeAction,
    (w) => ({ threadId: w.comments.carolVisible, kind: "on" }),
    "That thread does not exist.",
  ],

  // Accounts: nobody takes over another's by naming it.
  [
    "signUpAction: an existing member's email, with a new password",
    "anonymous",
    signUpAction,
    (w) => ({ name: "Impostor", email: "carol@example.test", password: "a brand new password", id: w.others.carol.id }),
    "An account with this email already exists. Sign in instead.",
  ],
  [
    "signInAction: an existing member's email, with a wrong password",
    "anonymous",
    signInAction,
    () => ({ email: "carol@example.test", password: "guessing at it" }),
    "Email or password is incorrect.",
  ],

  // Settings: a member ends only their own sessions and deletes only their own account.
  [
    "endSessionAction: another member's session",
    "member",
    settingsActions.endSessionAction,
    () => ({ sessionId: carolSessionId }),
    "That session does not exist.",
  ],
  [
    "endSessionAction: a user's id as the session",
    "member",
    settingsActions.endSessionAction,
    (w) => ({ sessionId: w.others.carol.id }),
    "That session does not exist.",
  ],
  [
    "endSessionAction: a comment's id as the session",
    "member",
    settingsActions.endSessionAction,
    (w) => ({ sessionId: w.comments.carolVisible }),
    "That session does not exist.",
  ],
  [
    "endSessionAction: signed out, naming a member's session",
    "anonymous",
    settingsActions.endSessionAction,
    () => ({ sessionId: carolSessionId }),
    "Your session has ended. Sign in again to continue.",
  ],
  [
    "endSessionsAction: signed out",
    "anonymous",
    settingsActions.endSessionsAction,
    () => ({ scope: "all" }),
    "Your session has ended. Sign in again to continue.",
  ],
  [
    "deleteAccountAction: confirming with another member's email",
    "member",
    settingsActions.deleteAccountAction,
    () => ({ email: "carol@example.test", confirm: "delete" }),
    "That is not your account's email address.",
  ],
  [
    "deleteAccountAction: confirming with another member's password",
    "member",
    settingsActions.deleteAccountAction,
    () => ({ password: "carol's own password", confirm: "delete" }),
    "That is not your account's email address.",
  ],
  [
    "deleteAccountAction: signed out",
    "anonymous",
    settingsActions.deleteAccountAction,
    () => ({ password: "carol's own password", confirm: "delete" }),
    "Your session has ended. Sign in again to continue.",
  ],
  [
    "changePasswordAction: another member's current password",
    "member",
    settingsActions.changePasswordAction,
    () => ({ currentPassword: "carol's own password", newPassword: "taken over now", confirmPassword: "taken over now" }),
    "Your account signs in without a password, so there is none to change.",
  ],
  [
    "changePasswordAction: signed out",
    "anonymous",
    settingsActions.changePasswordAction,
    () => ({ currentPassword: "carol's own password", newPassword: "taken over now", confirmPassword: "taken over now" }),
    "Your session has ended. Sign in again to continue.",
  ],
  // Display names: a member renames only themself, and never into another member's name or a look-alike of it.
  [
    "changeDisplayNameAction: another member's name, with their id sent along",
    "member",
    nameActions.changeDisplayNameAction,
    (w) => ({ name: "Carol", userId: w.others.carol.id, id: w.others.carol.id }),
    NAME_TAKEN,
  ],
  [
    "changeDisplayNameAction: another member's name in Cyrillic look-alikes",
    "member",
    nameActions.changeDisplayNameAction,
    () => ({ name: "С\u0430rol" }),
    NAME_TAKEN,
  ],
  [
    "changeDisplayNameAction: a moderator's name in capitals",
    "member",
    nameActions.changeDisplayNameAction,
    (w) => ({ name: w.others.otherModerator.name!.toUpperCase() }),
    NAME_TAKEN,
  ],
  ["changeDisplayNameAction: by a suspended member", "suspended member", nameActions.changeDisplayNameAction, () => ({ name: "Fresh Start" }), SUSPENDED],
  [
    "changeDisplayNameAction: signed out",
    "anonymous",
    nameActions.changeDisplayNameAction,
    () => ({ name: "Nobody Yet" }),
    "Your session has ended. Sign in again to continue.",
  ],
  // An email-change link is the only key to moving an account: a guessed or forged one moves nothing. (With email
  // configured, another member's password and a taken address: app/email-change.test.ts.)
  [
    "confirmEmailChangeAction: a guessed token",
    "anonymous",
    emailActions.confirmEmailChangeAction,
    () => ({ token: "A".repeat(43) }),
    EMAIL_CHANGE_LINK_UNUSABLE,
  ],
  [
    "confirmEmailChangeAction: a member's id as the token, naming a new address",
    "member",
    emailActions.confirmEmailChangeAction,
    (w) => ({ token: w.others.carol.id, newEmail: "mallory@example.test" }),
    EMAIL_CHANGE_LINK_UNUSABLE,
  ],
  [
    "requestEmailChangeAction: signed out",
    "anonymous",
    emailActions.requestEmailChangeAction,
    () => ({ newEmail: "mallory@example.test", password: "carol's own password" }),
    "Your session has ended. Sign in again to continue.",
  ],
  [
    "resendConfirmationAction: signed out",
    "anonymous",
    emailActions.resendConfirmationAction,
    () => ({ email: "carol@example.test" }),
    "Your session has ended. Sign in again to continue.",
  ],
  // A reset link is the only key to an account's password: a guessed or forged one opens nothing, whoever is named.
  [
    "resetPasswordAction: a guessed token, naming another member",
    "member",
    resetPasswordAction,
    (w) => ({ token: "A".repeat(43), password: "a brand new password", userId: w.others.carol.id, email: "carol@example.test" }),
    RESET_LINK_UNUSABLE,
  ],
  [
    "resetPasswordAction: a member's id as the token",
    "anonymous",
    resetPasswordAction,
    (w) => ({ token: w.others.carol.id, password: "a brand new password" }),
    "This reset link is not valid.",
  ],
];

// Every action that changes something is covered above or below; these take no id to guess: they act on the
// caller alone (signing out, the caller's own notifications and email setting) or on nothing stored (GitHub).
// Editors' actions: a point of another article, an article or point that does not exist, another kind of id.
const NO_POINT = "That point does not exist.";
const NO_ARTICLE = "That article does not exist.";
const pointEdit = { title: "T", summary: "S", excerpt: "A street lined with trees" };
ROWS.push(
  [
    "updatePointAction: a point of another article",
    "editor",
    editorActions.updatePointAction,
    (w) => ({ articleId: w.articles.draft, threadId: w.points.publishedSecond, ...pointEdit }),
    NO_POINT,
  ],
  [
    "updatePointAction: a thread of a test article given as a point",
    "editor",
    editorActions.updatePointAction,
    (w) => ({ articleId: w.articles.draft, threadId: w.threads.main, ...pointEdit }),
    NO_POINT,
  ],
  [
    "updatePointAction: an article that does not exist",
    "admin",
    editorActions.updatePointAction,
    (w) => ({ articleId: "nosucharticle", threadId: w.points.draftFirst, ...pointEdit }),
    NO_ARTICLE,
  ],
  [
    "updatePointAction: a comment id given as the article",
    "editor",
    editorActions.updatePointAction,
    (w) => ({ articleId: w.comments.carolVisible, threadId: w.points.draftFirst, ...pointEdit }),
    NO_ARTICLE,
  ],
  [
    "pointToolAction: deleting a point of another article",
    "editor",
    editorActions.pointToolAction,
    (w) => ({ articleId: w.articles.draft, threadId: w.points.publishedSecond, kind: "delete" }),
    NO_POINT,
  ],
  [
    "pointToolAction: deleting a point that has comments",
    "editor",
    editorActions.pointToolAction,
    (w) => ({ articleId: w.articles.published, threadId: w.points.publishedCommented, kind: "delete" }),
    "This point has comments: it cannot be deleted, only closed.",
  ],
  [
    "pointToolAction: merging a point of another article",
    "editor",
    editorActions.pointToolAction,
    (w) => ({ articleId: w.articles.published, threadId: w.points.draftFirst, kind: "merge" }),
    NO_POINT,
  ],
  [
    "splitPointAction: a point of another article",
    "editor",
    editorActions.splitPointAction,
    (w) => ({ articleId: w.articles.published, threadId: w.points.draftFirst, at: "on a hot", newTitle: "N" }),
    NO_POINT,
  ],
  ["addPointAction: an article that does not exist", "editor", editorActions.addPointAction, () => ({ articleId: "nosucharticle", ...pointEdit }), NO_ARTICLE],
  [
    "updateArticleAction: a thread id given as the article",
    "editor",
    editorActions.updateArticleAction,
    (w) => ({ articleId: w.points.draftFirst, title: "T", source: "S", summary: "S" }),
    NO_ARTICLE,
  ],
  [
    "articleStateAction: closing a draft",
    "editor",
    editorActions.articleStateAction,
    (w) => ({ articleId: w.articles.draft, kind: "close" }),
    "A draft takes no comments yet: publish it first.",
  ],
  [
    "articleStateAction: publishing an article that does not exist",
    "editor",
    editorActions.articleStateAction,
    () => ({ articleId: "nosucharticle", kind: "publish" }),
    NO_ARTICLE,
  ],
  [
    "articleAnswersAction: an article that does not exist",
    "editor",
    editorActions.articleAnswersAction,
    (w) => ({ articleId: "nosucharticle", answersId: w.articles.published, kind: "rebuttal" }),
    NO_ARTICLE,
  ],
  [
    "articleAnswersAction: answering a draft",
    "editor",
    editorActions.articleAnswersAction,
    (w) => ({ articleId: w.articles.published, answersId: w.articles.draft, kind: "rebuttal" }),
    "Choose a published article for this one to answer.",
  ],
  [
    "articleAnswersAction: answering a thread's id",
    "editor",
    editorActions.articleAnswersAction,
    (w) => ({ articleId: w.articles.draft, answersId: w.points.publishedSecond, kind: "rebuttal" }),
    "Choose a published article for this one to answer.",
  ],
  [
    "articleAnswersAction: an article answering itself",
    "editor",
    editorActions.articleAnswersAction,
    (w) => ({ articleId: w.articles.published, answersId: w.articles.published, kind: "rebuttal" }),
    "An article cannot answer itself.",
  ],
  [
    "pointAnswersAction: a point of another article",
    "editor",
    editorActions.pointAnswersAction,
    (w) => ({ articleId: w.articles.draft, threadId: w.points.publishedSecond, answersThreadIds: w.points.publishedThird }),
    "That point does not exist.",
  ],
  [
    "pointAnswersAction: linking to a point of an article it does not answer",
    "editor",
    editorActions.pointAnswersAction,
    (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, answersThreadIds: w.points.draftSecond }),
    "Choose points of the article this one answers.",
  ],
  [
    "pointAnswersAction: an article that answers none",
    "editor",
    editorActions.pointAnswersAction,
    (w) => ({ articleId: w.articles.published, threadId: w.points.publishedSecond, answersThreadIds: w.points.draftFirst }),
    "First say which earlier article this one answers.",
  ],
  [
    "createArticleAction: the slug of an existing article",
    "editor",
    editorActions.createArticleAction,
    () => ({ source: "S", slug: "test-article-taken", text: "# Taken\n\nA paragraph." }),
    /^Another article already has the address \/a\/test-article-taken/,
  ],
);

const ID_FREE = new Set<unknown>([
  accountActions.signInWithGitHubAction,
  accountActions.signInWithOidcAction,
  // Emails the address's owner, never the caller; the same answer for every address (app/password-reset.test.ts).
  accountActions.requestPasswordResetAction,
  // Likewise: the link goes to the address's owner, and only an existing account can follow it (e2e/sign-in-link.spec.ts).
  accountActions.requestSignInLinkAction,
  notificationActions.markAllNotificationsReadAction,
  notificationActions.emailNotificationsAction,
]);
// Redirects instead of answering with a state: its own test below.
const TESTED_BELOW = new Set<unknown>([notificationActions.openNotificationAction, notificationActions.openNoticeAction]);

let world: ActionWorld;
let carolSessionId = "";

beforeAll(async () => {
  overrideEnv({
    RATE_LIMIT_COMMENT_USER: "100000/60",
    RATE_LIMIT_EDIT_USER: "100000/60",
    RATE_LIMIT_COMMENT_IP: "100000/60",
    RATE_LIMIT_REPORT_USER: "100000/60",
    RATE_LIMIT_REPORT_IP: "100000/60",
    RATE_LIMIT_NAME_CHANGE_USER: "100000/60",
  });
  world = await buildActionWorld();
  await db.article.updateMany({ where: { slug: "test-article-taken" }, data: { slug: `moved-${Date.now()}` } });
  await db.article.update({ where: { id: world.articles.published }, data: { slug: "test-article-taken" } });
  await db.user.update({
    where: { id: world.others.carol.id },
    data: { email: "carol@example.test", passwordHash: await hashPassword("carol's own password") },
  });
  // The world's members were made without name keys (as rows from before them): give them theirs.
  await backfillNameKeys(db);
  carolSessionId = (await findActiveSessionUser(await createSession(world.others.carol.id)))!.sessionId;
});

describe("guessed ids (IDOR), for every action", () => {
  it("covers every server action that takes an id or an account", () => {
    const all = [
      memberActions,
      moderationActions,
      accountActions,
      notificationActions,
      settingsActions,
      nameActions,
      emailActions,
      appealActions,
      appealDecisionActions,
      slowModeActions,
      evidenceActions,
      correctionActions,
      editorActions,
    ]
      .flatMap((module) => Object.values(module))
      .filter((v) => typeof v === "function");
    const covered = new Set(ROWS.map((row) => row[2]));
    expect(all.filter((action) => !covered.has(action as Action) && !ID_FREE.has(action) && !TESTED_BELOW.has(action))).toEqual([]);
  });

  it.each(ROWS)("%s (as %s) is refused and changes nothing", async (_description, actor, action, form, message) => {
    session.user = await sessionFor(world, actor);
    const before = await databaseState();
    const answer = await callAction(action, form(world));
    expectClearRefusal(answer);
    if (typeof message === "string") expect(answer.message).toBe(message);
    else expect(answer.message).toMatch(message);
    // Posting, reporting and signing in spend a rate-limit point before the refusal; nothing else may change.
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
  });

  it("openNotificationAction: a member opening another member's notification lands on their own list, and it stays unread", async () => {
    session.user = await sessionFor(world, "member");
    const before = await databaseState();
    const form = new FormData();
    form.append("notificationId", world.notifications.forCarol);
    const answer = await callAction((_previous, formData) => notificationActions.openNotificationAction(formData) as never, form);
    expect(answer.redirectedTo).toBe("/notifications");
    await expectDatabaseUnchanged(before);
  });

  it("openNoticeAction: a member opening another member's moderation notice lands on their own list, and it stays unread", async () => {
    session.user = await sessionFor(world, "member");
    const before = await databaseState();
    const form = new FormData();
    form.append("noticeId", world.notices.forCarol);
    const answer = await callAction((_previous, formData) => notificationActions.openNoticeAction(formData) as never, form);
    expect(answer.redirectedTo).toBe("/notifications");
    await expectDatabaseUnchanged(before);
  });

  it.each(ACTORS.filter((actor) => actor !== "moderator" && actor !== "admin"))(
    "as %s, every moderation action aimed at every item in the forum is refused and changes nothing",
    async (actor) => {
      session.user = await sessionFor(world, actor);
      const before = await databaseState();
      const forms: [Action, (id: string) => Fields][] = [
        [moderateCommentAction, (id) => ({ commentId: id, kind: "remove", reason: "r" })],
        [dismissReportsAction, (id) => ({ threadId: id, commentId: id })],
        [moderateThreadAction, (id) => ({ threadId: id, kind: "lock", reason: "r" })],
        [suspendUserAction, (id) => ({ userId: id, duration: "permanent", reason: "r" })],
        [liftSuspensionAction, (id) => ({ userId: id })],
        [setRoleAction, (id) => ({ userId: id, role: "admin" })],
        [removeWordFilterAction, (id) => ({ id })],
        [slowModeActions.setSlowModeAction, (id) => ({ threadId: id, kind: "on" })],
        [appealDecisionActions.decideAppealAction, (id) => ({ appealId: id, kind: "overturned", reason: "r" })],
        [decideCorrectionAction, (id) => ({ correctionId: id, kind: "accept", note: "n" })],
      ];
      for (const id of everyId(world)) {
        for (const [action, form] of forms) {
          const answer = await callAction(action, form(id));
          expectClearRefusal(answer);
          expect([MODERATORS_ONLY, ADMINS_ONLY]).toContain(answer.message);
        }
      }
      await expectDatabaseUnchanged(before);
    },
  );

  it.each(ACTORS.filter((actor) => actor !== "editor" && actor !== "admin"))(
    "as %s, every editor action aimed at every item in the forum is refused and changes nothing",
    async (actor) => {
      session.user = await sessionFor(world, actor);
      const before = await databaseState();
      const forms: [Action, (id: string) => Fields][] = [
        [editorActions.createArticleAction, () => ({ source: "S", text: "# Title\n\nA paragraph." })],
        [editorActions.updateArticleAction, (id) => ({ articleId: id, title: "T", source: "S", summary: "S" })],
        [editorActions.updatePointAction, (id) => ({ articleId: id, threadId: id, ...pointEdit })],
        [editorActions.addPointAction, (id) => ({ articleId: id, ...pointEdit })],
        [editorActions.pointToolAction, (id) => ({ articleId: id, threadId: id, kind: "delete" })],
        [editorActions.splitPointAction, (id) => ({ articleId: id, threadId: id, at: "trees", newTitle: "N" })],
        [editorActions.articleStateAction, (id) => ({ articleId: id, kind: "publish" })],
        [editorActions.articleAnswersAction, (id) => ({ articleId: id, answersId: id, kind: "rebuttal" })],
        [editorActions.pointAnswersAction, (id) => ({ articleId: id, threadId: id, answersThreadIds: id })],
      ];
      for (const id of [...Object.values(world.articles), ...Object.values(world.points), world.threads.main]) {
        for (const [action, form] of forms) {
          const answer = await callAction(action, form(id));
          expectClearRefusal(answer);
          expect(answer.message).toBe("Only editors can do that.");
        }
      }
      await expectDatabaseUnchanged(before);
    },
  );
});
