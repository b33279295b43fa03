// Mass assignment, for every server action: a valid form plus every column name a client could hope to set
// (authorId, role, pinned, locked, status, threadId of another thread, depth, createdAt...) succeeds as the bare
// form would, and not one of the extra values lands in any row the call wrote. Extends the hand-written cases in
// lib/actions/moderation.members.test.ts with one table row per action and a check over the whole database, not chosen columns.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

// Email on (to a local SMTP sink), so the password-reset request has something to do.
const sink = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("@/lib/testing/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  process.env.AUTH_URL = "http://localhost:3000";
  return started;
});
const session = vi.hoisted(() => {
  process.env.AUTH_SECRET = "mass-assignment-secret-mass-assignment";
  return { user: null as CurrentUser | null };
});
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// Outside a request, next/server's after() throws; here the work runs at once (the emails go to the sink).
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => void task(),
}));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "10.6.6.6" }),
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
import { createPasswordResetToken } from "@/lib/queries/password-resets";
import { requestEmailChange } from "@/lib/queries/email-change";
import { asFormText, callAction, databaseChanges, databaseState, type Action, type Fields } from "@/lib/testing/action-harness";
import { buildActionWorld, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { createTestUser } from "@/lib/testing/factories";
import { overrideEnv } from "@/lib/testing/env";

const FORGED_DATE = "2000-01-01T00:00:00.000Z";

/**
 * Every column of every table, with a value no legitimate call of the action under test writes there: if one of
 * them shows up in a row the call wrote, the form set it.
 */
function forgedFields(w: ActionWorld): Record<string, string> {
  // Someone no legitimate call here involves, so her id showing up anywhere means a form put it there.
  const carol = mallory.id;
  return {
    id: "chosenid0000000",
    authorId: carol,
    userId: carol,
    reporterId: carol,
    moderatorId: carol,
    moderatedById: carol,
    createdById: carol,
    resolvedById: carol,
    targetUserId: carol,
    targetId: "forgedtarget",
    targetType: "forged",
    role: "admin",
    status: "removed",
    pinned: "true",
    locked: "true",
    lockReason: "Forged lock reason",
    threadId: w.threads.other,
    articleId: "forgedarticle",
    parentId: w.comments.carolReply,
    depth: "7",
    path: "forgedpath",
    replyCount: "999",
    commentCount: "999",
    position: "99",
    title: "Forged title",
    summary: "Forged summary",
    excerpt: "Forged excerpt",
    body: "Forged body",
    createdAt: FORGED_DATE,
    updatedAt: FORGED_DATE,
    editedAt: FORGED_DATE,
    deletedAt: FORGED_DATE,
    moderatedAt: FORGED_DATE,
    resolvedAt: FORGED_DATE,
    lastActivityAt: FORGED_DATE,
    suspendedUntil: FORGED_DATE,
    emailVerified: FORGED_DATE,
    expires: FORGED_DATE,
    suspendedPermanently: "true",
    suspensionReason: "Forged suspension reason",
    moderationReason: "Forged moderation reason",
    reason: "Forged reason",
    note: "Forged note",
    resolution: "forged",
    openKey: "forged-open-key",
    action: "forged_action",
    detail: "Forged detail",
    phrase: "forgedphrase",
    name: "Forged Name",
    email: "forged@example.test",
    passwordHash: "forged-hash",
    image: "https://evil.example/x.png",
    sessionToken: "forged-session",
    key: "forged-key",
    points: "-1000",
    score: "999",
    readAt: FORGED_DATE,
    recipientId: "chosenrecipient",
    // New accounts default to emails on: a forged "off" would show.
    emailNotifications: "false",
    kind: "mention",
    appellantId: carol,
    decidedById: carol,
    decidedAt: FORGED_DATE,
    decisionReason: "Forged decision",
    commentId: w.comments.carolVisible,
    // The one row that writes it (setSlowModeAction) switches slow mode on: a forged "false" would show.
    slowModeManual: "false",
    slowModeUntil: FORGED_DATE,
    slowModeSince: FORGED_DATE,
    requesterId: carol,
    target: "article",
    // An article's own columns: a draft stays a draft until published, and nobody dates or closes one by form.
    draft: "false",
    publishedAt: FORGED_DATE,
    closedAt: FORGED_DATE,
    slug: "forged-slug",
    source: "Forged source",
    sourceUrl: "https://evil.example/forged",
    nameKey: "forgedkey",
    oldName: "Forged Old Name",
    newName: "Forged New Name",
    tokenHash: "forged-token-hash",
    purpose: "forged_purpose",
    expiresAt: FORGED_DATE,
    usedAt: FORGED_DATE,
  };
}

type Row = {
  action: Action;
  actor: ActorName;
  /** The bare, valid form; its own fields are not overridden by the forged ones. */
  form: (w: ActionWorld) => Fields;
  /** The tables a success may write. */
  writes: string[];
  /** The action changes the caller's own account (their email setting). */
  ownAccount?: true;
  /** Columns a row the action creates takes by default, that happen to equal a forged value ("table.column"). */
  defaults?: string[];
  /** The caller's own account columns the action may change (ownAccount: emailNotifications). */
  ownColumns?: string[];
};

const { createCommentAction, editCommentAction, deleteCommentAction, reportAction, voteAction } = memberActions;
const m = moderationActions;
const { signUpAction, signInAction, requestPasswordResetAction, requestSignInLinkAction, resetPasswordAction } = accountActions;

const ROWS: Record<string, Row> = {
  createCommentAction: {
    action: createCommentAction,
    actor: "member",
    form: (w) => ({ threadId: w.threads.main, parentId: w.comments.carolVisible, body: "A reply" }),
    writes: ["comment", "thread", "rateLimiterFlexible", "notification"],
  },
  editCommentAction: {
    action: editCommentAction,
    actor: "member",
    form: (w) => ({ commentId: w.comments.ownVisible, body: "Edited" }),
    writes: ["comment", "thread", "rateLimiterFlexible"],
  },
  deleteCommentAction: { action: deleteCommentAction, actor: "member", form: (w) => ({ commentId: w.comments.ownVisible }), writes: ["comment", "thread"] },
  reportAction: {
    action: reportAction,
    actor: "member",
    form: (w) => ({ threadId: w.threads.main, commentId: w.comments.carolVisible, reason: "spam", note: "Looks like spam" }),
    writes: ["report", "rateLimiterFlexible"],
  },
  voteAction: { action: voteAction, actor: "member", form: (w) => ({ commentId: w.comments.carolVisible }), writes: ["commentVote", "comment"] },
  moderateCommentAction: {
    action: m.moderateCommentAction,
    actor: "moderator",
    form: (w) => ({ commentId: w.comments.carolReported, kind: "hide", reason: "Rude" }),
    writes: ["comment", "report", "moderationLog", "notification", "notice"],
  },
  dismissReportsAction: {
    action: m.dismissReportsAction,
    actor: "moderator",
    form: (w) => ({ threadId: w.threads.main, commentId: w.comments.carolReported, reason: "Fine" }),
    writes: ["report", "moderationLog", "notice"],
  },
  moderateThreadAction: {
    action: m.moderateThreadAction,
    actor: "moderator",
    form: (w) => ({ threadId: w.threads.pinned, kind: "unpin", reason: "Tidy" }),
    writes: ["thread", "moderationLog"],
  },
  suspendUserAction: {
    action: m.suspendUserAction,
    actor: "moderator",
    form: (w) => ({ userId: w.others.carol.id, duration: "1d", reason: "Cool off", commentId: w.comments.carolReported }),
    writes: ["user", "report", "moderationLog", "notice"],
  },
  liftSuspensionAction: {
    action: m.liftSuspensionAction,
    actor: "moderator",
    form: (w) => ({ userId: w.others.dave.id, reason: "Served" }),
    writes: ["user", "moderationLog"],
  },
  setRoleAction: { action: m.setRoleAction, actor: "admin", form: (w) => ({ userId: w.others.erin.id, role: "moderator" }), writes: ["user", "moderationLog"] },
  addWordFilterAction: {
    action: m.addWordFilterAction,
    actor: "admin",
    form: () => ({ phrase: "brand new phrase", action: "queue" }),
    writes: ["wordFilter", "moderationLog"],
  },
  removeWordFilterAction: { action: m.removeWordFilterAction, actor: "admin", form: (w) => ({ id: w.filterId }), writes: ["wordFilter", "moderationLog"] },
  sourceRequestAction: {
    action: evidenceActions.sourceRequestAction,
    actor: "member",
    form: (w) => ({ commentId: w.comments.carolVisible }),
    writes: ["sourceRequest", "notification"],
  },
  suggestCorrectionAction: {
    action: evidenceActions.suggestCorrectionAction,
    actor: "member",
    form: (w) => ({ threadId: w.threads.main, target: "summary", claim: "The summary gets the date wrong." }),
    writes: ["correction", "rateLimiterFlexible"],
  },
  decideCorrectionAction: {
    action: correctionActions.decideCorrectionAction,
    actor: "moderator",
    form: (w) => ({ correctionId: w.corrections.open, kind: "accept", note: "Summary corrected." }),
    writes: ["correction", "moderationLog", "notice"],
  },
  emailNotificationsAction: {
    action: notificationActions.emailNotificationsAction,
    actor: "member",
    form: () => ({ emailNotifications: "on" }),
    writes: ["user"],
    ownAccount: true,
  },
  openNotificationAction: {
    // Takes the form alone and redirects: adapted to the (state, form) shape, a redirect counting as success.
    action: (_previous, formData) => notificationActions.openNotificationAction(formData) as never,
    actor: "member",
    form: (w) => ({ notificationId: w.notifications.forMember }),
    writes: ["notification"],
  },
  openNoticeAction: {
    action: (_previous, formData) => notificationActions.openNoticeAction(formData) as never,
    actor: "member",
    form: (w) => ({ noticeId: w.notices.forMember }),
    writes: ["notice"],
  },
  fileAppealAction: {
    action: appealActions.fileAppealAction,
    actor: "member",
    form: (w) => ({ logId: w.logs.memberHidden, body: "It was on topic" }),
    writes: ["appeal"],
  },
  decideAppealAction: {
    action: appealDecisionActions.decideAppealAction,
    actor: "moderator",
    form: (w) => ({ appealId: w.appeals.open, kind: "overturned", reason: "Fine after all" }),
    writes: ["appeal", "comment", "thread", "moderationLog", "notification", "notice"],
  },
  setSlowModeAction: {
    action: slowModeActions.setSlowModeAction,
    actor: "moderator",
    form: (w) => ({ threadId: w.threads.main, kind: "on", reason: "Heated" }),
    writes: ["thread", "moderationLog"],
  },
  createArticleAction: {
    action: editorActions.createArticleAction,
    actor: "editor",
    form: () => ({
      source: "The Test Times",
      title: "",
      sourceUrl: "",
      slug: `new-${runId}`,
      text: "# A new article\n\nFirst paragraph.\n\nSecond paragraph.",
    }),
    writes: ["article", "thread", "moderationLog"],
    defaults: ["thread.slowModeManual"],
  },
  updateArticleAction: {
    action: editorActions.updateArticleAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.draft, title: "New title", source: "New source", sourceUrl: "", summary: "New summary" }),
    writes: ["article", "moderationLog"],
  },
  updatePointAction: {
    action: editorActions.updatePointAction,
    actor: "editor",
    form: (w) => ({
      articleId: w.articles.draft,
      threadId: w.points.draftFirst,
      title: "Trees",
      summary: "Cooler streets",
      excerpt: "A street lined with trees",
    }),
    writes: ["thread", "moderationLog"],
  },
  addPointAction: {
    action: editorActions.addPointAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.published, title: "Rain", summary: "Less flooding", excerpt: "soak up storm water" }),
    writes: ["thread", "moderationLog"],
    defaults: ["thread.slowModeManual"],
  },
  pointToolAction: {
    action: editorActions.pointToolAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.published, threadId: w.points.publishedSecond, kind: "up" }),
    writes: ["thread", "moderationLog"],
  },
  splitPointAction: {
    action: editorActions.splitPointAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, at: "is several degrees", newTitle: "Degrees" }),
    writes: ["thread", "moderationLog"],
    defaults: ["thread.slowModeManual"],
  },
  articleAnswersAction: {
    action: editorActions.articleAnswersAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.draft, answersId: w.articles.published, kind: "rebuttal" }),
    writes: ["article", "pointAnswer", "moderationLog"],
  },
  pointAnswersAction: {
    action: editorActions.pointAnswersAction,
    actor: "editor",
    form: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, answersThreadIds: w.points.publishedSecond }),
    writes: ["pointAnswer", "moderationLog"],
  },
  articleStateAction: {
    action: editorActions.articleStateAction,
    actor: "admin",
    form: (w) => ({ articleId: w.articles.published, kind: "close", reason: "" }),
    writes: ["article", "moderationLog"],
  },
  changePasswordAction: {
    action: settingsActions.changePasswordAction,
    actor: "member",
    form: () => ({ currentPassword: "member's own password", newPassword: "a fresh password", confirmPassword: "a fresh password" }),
    writes: ["user", "session", "rateLimiterFlexible"],
    ownColumns: ["passwordHash"],
  },
  endSessionAction: { action: settingsActions.endSessionAction, actor: "member", form: () => ({ sessionId: memberSessionId }), writes: ["session"] },
  endSessionsAction: { action: settingsActions.endSessionsAction, actor: "member", form: () => ({ scope: "others" }), writes: ["session"] },
  deleteAccountAction: {
    action: settingsActions.deleteAccountAction,
    actor: "member",
    form: () => ({ password: "member's own password", confirm: "delete" }),
    writes: [
      "user",
      "comment",
      "thread",
      "commentVote",
      "report",
      "notification",
      "session",
      "sourceRequest",
      "appeal",
      "articleVisit",
      "account",
      "nameChange",
      "accountToken",
      "rateLimiterFlexible",
    ],
    ownColumns: ["name", "nameKey", "email", "emailVerified", "image", "passwordHash", "role", "suspensionReason", "deletedAt"],
  },
  changeDisplayNameAction: {
    action: nameActions.changeDisplayNameAction,
    actor: "member",
    form: () => ({ name: `Renamed ${runId.slice(0, 8)}` }),
    writes: ["user", "nameChange", "rateLimiterFlexible"],
    ownColumns: ["name", "nameKey"],
  },
  signUpAction: {
    action: signUpAction,
    actor: "anonymous",
    form: () => ({ name: "Newcomer", email: `newcomer-${runId}@example.test`, password: "a long enough password", callbackUrl: "/" }),
    writes: ["user", "verificationToken", "rateLimiterFlexible"],
  },
  requestEmailChangeAction: {
    action: emailActions.requestEmailChangeAction,
    actor: "member",
    form: () => ({ newEmail: `moved-${runId}@example.test`, password: "member's own password" }),
    writes: ["accountToken", "rateLimiterFlexible"],
  },
  // Needs no session: the emailed link is the proof. It moves the account that asked, whatever else is forged.
  confirmEmailChangeAction: {
    action: emailActions.confirmEmailChangeAction,
    actor: "anonymous",
    form: () => ({ token: emailChangeToken }),
    writes: ["accountToken", "user"],
  },
  signInAction: {
    action: signInAction,
    actor: "anonymous",
    form: () => ({ email: `erin-${runId}@example.test`, password: "erin's own password", callbackUrl: "/" }),
    writes: ["session", "rateLimiterFlexible"],
  },
  requestPasswordResetAction: {
    action: requestPasswordResetAction,
    actor: "anonymous",
    form: () => ({ email: `erin-${runId}@example.test` }),
    writes: ["accountToken", "rateLimiterFlexible"],
  },
  requestSignInLinkAction: {
    action: requestSignInLinkAction,
    actor: "anonymous",
    form: () => ({ email: `erin-${runId}@example.test`, callbackUrl: "/" }),
    writes: ["verificationToken", "rateLimiterFlexible"],
  },
  resetPasswordAction: {
    action: resetPasswordAction,
    actor: "anonymous",
    form: () => ({ token: resetToken, password: "erin's brand new password" }),
    writes: ["accountToken", "user", "session", "rateLimiterFlexible"],
  },
};

// These take no form worth forging (no field of theirs reaches the database), or are adapted in their row.
const FORMLESS = new Set<unknown>([
  accountActions.signInWithGitHubAction,
  accountActions.signInWithOidcAction,
  // Sends a link to the caller's own address; its one field (where the link returns to) reaches no table.
  emailActions.resendConfirmationAction,
  notificationActions.markAllNotificationsReadAction,
  notificationActions.openNotificationAction,
  notificationActions.openNoticeAction,
]);

let world: ActionWorld;
let mallory: { id: string };
let memberSessionId = "";
let runId = "";
let resetToken = "";
let emailChangeToken = "";

beforeEach(async () => {
  runId = randomUUID();
  overrideEnv({
    RATE_LIMIT_COMMENT_USER: "100000/60",
    RATE_LIMIT_EDIT_USER: "100000/60",
    RATE_LIMIT_REPORT_USER: "100000/60",
    PREMODERATION_FIRST_COMMENTS: "0",
    ADMIN_EMAILS: undefined,
  });
  await db.wordFilter.deleteMany({});
  world = await buildActionWorld();
  mallory = await createTestUser("Mallory");
  await db.user.update({
    where: { id: world.others.erin.id },
    data: { email: `erin-${runId}@example.test`, passwordHash: await hashPassword("erin's own password") },
  });
  await db.user.update({ where: { id: world.users.member.id }, data: { passwordHash: await hashPassword("member's own password") } });
  memberSessionId = (await findActiveSessionUser(await createSession(world.users.member.id)))!.sessionId;
  resetToken = await createPasswordResetToken(world.others.erin.id);
  const change = await requestEmailChange({ userId: world.others.erin.id, password: "erin's own password", newEmail: `erin-moved-${runId}@example.test` });
  emailChangeToken = change.kind === "link" ? change.token : "";
});

afterAll(async () => {
  await sink.close();
});

describe("extra form fields are never applied (mass assignment)", () => {
  it("has a row for every server action that takes a form", () => {
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
    const covered = new Set(Object.values(ROWS).map((row) => row.action));
    expect(all.filter((action) => !covered.has(action as Action) && !FORMLESS.has(action))).toEqual([]);
  });

  it.each(Object.entries(ROWS))("%s: every forged column is ignored; the call does what the bare form does", async (_name, row) => {
    session.user = await sessionFor(world, row.actor);
    const form = row.form(world);
    const forged = Object.fromEntries(Object.entries(forgedFields(world)).filter(([name]) => !(name in form)));
    const before = await databaseState();

    const answer = await callAction(row.action, { ...forged, ...form });

    expect(answer.ok, answer.message).toBe(true);
    const changes = databaseChanges(before, await databaseState());
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(row.writes, `${change.table} was written`).toContain(change.table);
      if (change.kind === "removed") continue;
      const landed = Object.entries(change.columns)
        .filter(([column, { to }]) => column in forged && to !== null && asFormText(to) === forged[column])
        .map(([column]) => `${change.table}.${column}`)
        .filter((column) => !(change.kind === "added" && row.defaults?.includes(column)));
      expect(landed, `forged values stored in ${change.table} ${change.key}`).toEqual([]);
    }
    // Nobody's role, account or suspension moved unless the action is about exactly that.
    const users = changes.filter((change) => change.table === "user" && change.kind === "changed");
    for (const change of users) {
      if (row.ownAccount || row.ownColumns) {
        expect(change.key).toBe(session.user?.id);
        const allowed = [...(row.ownColumns ?? ["emailNotifications"]), "updatedAt"];
        expect(Object.keys(change.columns).filter((column) => !allowed.includes(column))).toEqual([]);
      } else expect(change.key).not.toBe(session.user?.id);
    }
  });
});
