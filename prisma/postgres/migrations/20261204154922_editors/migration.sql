-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'editor';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "body" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "draft" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- Hand-written backfill (valid on both databases): an article that existed before editors was published when it
-- was created.
UPDATE "Article" SET "publishedAt" = "createdAt";
