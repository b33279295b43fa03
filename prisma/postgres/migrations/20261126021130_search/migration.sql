-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('reply', 'mention');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_recipientId_createdAt_idx" ON "Notification"("recipientId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_recipientId_readAt_idx" ON "Notification"("recipientId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_commentId_idx" ON "Notification"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_recipientId_commentId_key" ON "Notification"("recipientId", "commentId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search (hand-written; lib/queries/search.ts repeats these expressions exactly, or the planner cannot
-- use the indexes). The twin of SQLite's FTS5 tables and triggers: an expression index needs neither triggers
-- nor a backfill (CREATE INDEX reads every existing row; PostgreSQL maintains it on every write). Prisma's schema
-- cannot describe these indexes, and `prisma migrate diff` ignores expression indexes, so the drift test agrees.
CREATE INDEX "Comment_body_search_idx" ON "Comment" USING GIN (to_tsvector('english'::regconfig, "body"));

CREATE INDEX "Thread_search_idx" ON "Thread" USING GIN ((
    setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "summary"), 'B') ||
    setweight(to_tsvector('english'::regconfig, "excerpt"), 'C')
));
