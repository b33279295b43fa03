-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "commentSeq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable (hand-edited: "path" compares in byte order, COLLATE "C", whatever the database's locale, so that
-- ORDER BY path is depth-first and the range path < p || '~' holds a subtree)
ALTER TABLE "Comment" ADD COLUMN     "path" TEXT COLLATE "C" NOT NULL DEFAULT '',
ADD COLUMN     "replyCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Comment_threadId_path_idx" ON "Comment"("threadId", "path");

-- CreateIndex
CREATE INDEX "Comment_threadId_depth_path_idx" ON "Comment"("threadId", "depth", "path");

-- Backfill (hand-written; the same statements as backfillCommentPaths() in lib/queries/comment-paths.ts).
-- 1. Number each thread's comments oldest first; a comment's key is its number as 5 base36 digits.
UPDATE "Comment" SET "path" =
    substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 1679616 % 36 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 46656 % 36 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 1296 % 36 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" / 36 % 36 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghijklmnopqrstuvwxyz', CAST("numbered"."n" % 36 AS INTEGER) + 1, 1)
FROM (SELECT "id" AS "numberedId", ROW_NUMBER() OVER (PARTITION BY "threadId" ORDER BY "createdAt", "id") AS "n" FROM "Comment") AS "numbered"
WHERE "Comment"."id" = "numbered"."numberedId";

-- 2. A path is the parent's path followed by the comment's own key (the last 5 characters so far).
WITH RECURSIVE "tree" ("treeId", "treePath", "treeDepth") AS (
    SELECT "id", "path", 0 FROM "Comment" WHERE "parentId" IS NULL
    UNION ALL
    SELECT "c"."id", "tree"."treePath" || substr("c"."path", length("c"."path") - 4, 5), "tree"."treeDepth" + 1
    FROM "Comment" AS "c" JOIN "tree" ON "c"."parentId" = "tree"."treeId"
)
UPDATE "Comment" SET "path" = "tree"."treePath", "depth" = "tree"."treeDepth" FROM "tree" WHERE "Comment"."id" = "tree"."treeId";

-- 3. Each comment's descendants that are not pending review, and each thread's last number handed out.
UPDATE "Comment" SET "replyCount" = (
    SELECT COUNT(*) FROM "Comment" AS "d"
    WHERE "d"."threadId" = "Comment"."threadId" AND "d"."path" > "Comment"."path" AND "d"."path" < "Comment"."path" || '~'
      AND "d"."status" <> 'pending'
);
UPDATE "Thread" SET "commentSeq" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."threadId" = "Thread"."id");
