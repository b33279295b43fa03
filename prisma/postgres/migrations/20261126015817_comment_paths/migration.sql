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
