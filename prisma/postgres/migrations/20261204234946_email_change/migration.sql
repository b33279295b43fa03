-- AlterTable
ALTER TABLE "AccountToken" ADD COLUMN     "newEmail" TEXT;

