-- Existing rows keep version 0 ("not rendered"): `npm run setup` renders them (backfillCookedComments in
-- lib/queries/cooked-comments.ts), and until then a read renders them itself.
-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "bodyHtml" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "bodyHtmlVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bodySources" TEXT NOT NULL DEFAULT '[]';

