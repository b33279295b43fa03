-- AlterTable (hand-written: ADD COLUMN, not Prisma's rebuild of Comment, which would drop the search triggers of
-- 20261126021130_search). Existing rows keep version 0 ("not rendered"): `npm run setup` renders them
-- (backfillCookedComments in lib/queries/cooked-comments.ts), and until then a read renders them itself.
ALTER TABLE "Comment" ADD COLUMN "bodyHtml" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Comment" ADD COLUMN "bodyHtmlVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "bodySources" TEXT NOT NULL DEFAULT '[]';
