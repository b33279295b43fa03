-- CreateEnum
CREATE TYPE "AnswerKind" AS ENUM ('rebuttal', 'follow_up');

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "answerKind" "AnswerKind",
ADD COLUMN     "answersId" TEXT;

-- CreateTable
CREATE TABLE "PointAnswer" (
    "threadId" TEXT NOT NULL,
    "answersThreadId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointAnswer_pkey" PRIMARY KEY ("threadId","answersThreadId")
);

-- CreateIndex
CREATE INDEX "PointAnswer_answersThreadId_idx" ON "PointAnswer"("answersThreadId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_answersId_fkey" FOREIGN KEY ("answersId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointAnswer" ADD CONSTRAINT "PointAnswer_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointAnswer" ADD CONSTRAINT "PointAnswer_answersThreadId_fkey" FOREIGN KEY ("answersThreadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

