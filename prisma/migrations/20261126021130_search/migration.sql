-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recipientId" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" DATETIME,
    "image" TEXT,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',
    "suspendedUntil" DATETIME,
    "suspendedPermanently" BOOLEAN NOT NULL DEFAULT false,
    "suspensionReason" TEXT,
    "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "emailVerified", "id", "image", "name", "passwordHash", "role", "suspendedPermanently", "suspendedUntil", "suspensionReason", "updatedAt") SELECT "createdAt", "email", "emailVerified", "id", "image", "name", "passwordHash", "role", "suspendedPermanently", "suspendedUntil", "suspensionReason", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Notification_recipientId_createdAt_idx" ON "Notification"("recipientId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_recipientId_readAt_idx" ON "Notification"("recipientId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_commentId_idx" ON "Notification"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_recipientId_commentId_key" ON "Notification"("recipientId", "commentId");


-- Full-text search (hand-written; read by lib/queries/search.ts). FTS5 tables with external content: the text
-- stays in "Thread" and "Comment" (snippet() reads it from there by rowid); the triggers keep the index in step
-- with every insert, edit and delete. Porter stemming; case and accents folded.
-- CAUTION: a later migration that rebuilds "Comment" or "Thread" (Prisma's "RedefineTables": CREATE new_X, copy,
-- DROP X, RENAME) drops these triggers with the table and renumbers its rowids. Such a migration must end by
-- creating the triggers again and running the two 'rebuild' statements below; lib/queries/search.test.ts fails
-- until it does.
CREATE VIRTUAL TABLE "comment_search" USING fts5(body, content='Comment', tokenize='porter unicode61 remove_diacritics 2');

CREATE TRIGGER "comment_search_insert" AFTER INSERT ON "Comment"
BEGIN
    INSERT INTO "comment_search" (rowid, body) VALUES (new.rowid, new.body);
END;

CREATE TRIGGER "comment_search_delete" AFTER DELETE ON "Comment"
BEGIN
    INSERT INTO "comment_search" ("comment_search", rowid, body) VALUES ('delete', old.rowid, old.body);
END;

CREATE TRIGGER "comment_search_update" AFTER UPDATE OF "body" ON "Comment"
BEGIN
    INSERT INTO "comment_search" ("comment_search", rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO "comment_search" (rowid, body) VALUES (new.rowid, new.body);
END;

CREATE VIRTUAL TABLE "thread_search" USING fts5(title, summary, excerpt, content='Thread', tokenize='porter unicode61 remove_diacritics 2');

CREATE TRIGGER "thread_search_insert" AFTER INSERT ON "Thread"
BEGIN
    INSERT INTO "thread_search" (rowid, title, summary, excerpt) VALUES (new.rowid, new.title, new.summary, new.excerpt);
END;

CREATE TRIGGER "thread_search_delete" AFTER DELETE ON "Thread"
BEGIN
    INSERT INTO "thread_search" ("thread_search", rowid, title, summary, excerpt) VALUES ('delete', old.rowid, old.title, old.summary, old.excerpt);
END;

-- Only when the text changes: a new comment updates its thread's counters on every post.
CREATE TRIGGER "thread_search_update" AFTER UPDATE OF "title", "summary", "excerpt" ON "Thread"
BEGIN
    INSERT INTO "thread_search" ("thread_search", rowid, title, summary, excerpt) VALUES ('delete', old.rowid, old.title, old.summary, old.excerpt);
    INSERT INTO "thread_search" (rowid, title, summary, excerpt) VALUES (new.rowid, new.title, new.summary, new.excerpt);
END;

-- Backfill: index every thread and comment that exists already.
INSERT INTO "comment_search" ("comment_search") VALUES ('rebuild');
INSERT INTO "thread_search" ("thread_search") VALUES ('rebuild');
