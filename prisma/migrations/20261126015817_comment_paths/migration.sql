-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Thread" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "lockReason" TEXT,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "commentSeq" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Thread_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Thread" ("articleId", "commentCount", "createdAt", "excerpt", "id", "lastActivityAt", "lockReason", "locked", "pinned", "position", "summary", "title") SELECT "articleId", "commentCount", "createdAt", "excerpt", "id", "lastActivityAt", "lockReason", "locked", "pinned", "position", "summary", "title" FROM "Thread";
DROP TABLE "Thread";
ALTER TABLE "new_Thread" RENAME TO "Thread";
CREATE INDEX "Thread_articleId_pinned_lastActivityAt_idx" ON "Thread"("articleId", "pinned", "lastActivityAt");
CREATE UNIQUE INDEX "Thread_articleId_position_key" ON "Thread"("articleId", "position");
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'visible',
    "moderationReason" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "deletedAt" DATETIME,
    "path" TEXT NOT NULL DEFAULT '',
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_moderatedById_fkey" FOREIGN KEY ("moderatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorId", "body", "createdAt", "deletedAt", "depth", "editedAt", "id", "moderatedAt", "moderatedById", "moderationReason", "parentId", "status", "threadId") SELECT "authorId", "body", "createdAt", "deletedAt", "depth", "editedAt", "id", "moderatedAt", "moderatedById", "moderationReason", "parentId", "status", "threadId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_threadId_createdAt_idx" ON "Comment"("threadId", "createdAt");
CREATE INDEX "Comment_threadId_path_idx" ON "Comment"("threadId", "path");
CREATE INDEX "Comment_threadId_depth_path_idx" ON "Comment"("threadId", "depth", "path");
CREATE INDEX "Comment_authorId_createdAt_idx" ON "Comment"("authorId", "createdAt");
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill (hand-written): the places backfillCommentPaths() of lib/queries/comment-paths.ts computes, in SQL
-- (lib/queries/comment-paths.test.ts checks that they agree). Each thread's comments are numbered oldest first;
-- a comment's key is its number as 5 base36 digits, its path its parent's path followed by that key.
WITH RECURSIVE "numbered" AS (
    SELECT "id", "parentId", ROW_NUMBER() OVER (PARTITION BY "threadId" ORDER BY "createdAt", "id") AS "n"
    FROM "Comment"
), "tree" ("treeId", "treePath", "treeDepth") AS (
    SELECT "id", substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("n" / 1679616 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("n" / 46656 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("n" / 1296 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("n" / 36 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("n" / 1 % 36 AS INTEGER) + 1, 1), 0 FROM "numbered" WHERE "parentId" IS NULL
    UNION ALL
    SELECT "numbered"."id", "tree"."treePath" || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 1679616 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 46656 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 1296 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 36 % 36 AS INTEGER) + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 1 % 36 AS INTEGER) + 1, 1), "tree"."treeDepth" + 1
    FROM "numbered" JOIN "tree" ON "numbered"."parentId" = "tree"."treeId"
)
UPDATE "Comment" SET "path" = "tree"."treePath", "depth" = "tree"."treeDepth" FROM "tree"
WHERE "Comment"."id" = "tree"."treeId" AND ("Comment"."path" <> "tree"."treePath" OR "Comment"."depth" <> "tree"."treeDepth");

UPDATE "Comment" SET "replyCount" = "counted"."n" FROM (
    SELECT "c"."id" AS "countedId", (
        SELECT COUNT(*) FROM "Comment" AS "d"
        WHERE "d"."threadId" = "c"."threadId" AND "d"."path" > "c"."path" AND "d"."path" < "c"."path" || '~'
          AND "d"."status" <> 'pending'
    ) AS "n"
    FROM "Comment" AS "c"
) AS "counted"
WHERE "Comment"."id" = "counted"."countedId" AND "Comment"."replyCount" <> "counted"."n";

UPDATE "Thread" SET "commentSeq" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."threadId" = "Thread"."id");
