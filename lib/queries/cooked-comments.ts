import { db, type Db } from "@/lib/db";
import { cookBody } from "@/lib/cooked-body";
import { Prisma } from "@/lib/generated/prisma/client";
import { RENDERER_VERSION } from "@/lib/markdown";
import { resolveMentions } from "./mentions";

/** Comments rendered per statement: 4 parameters each, well under both databases' limits. */
export const COOK_BATCH = 500;

/**
 * Renders and stores the HTML and sources of every comment made by another renderer version (rows from before
 * the columns existed, a RENDERER_VERSION bump, bulk imports). `npm run setup` runs it after the migrations.
 * Idempotent; one read and one UPDATE per batch, walking ids in order. A row whose body changed since it was
 * read (an edit meanwhile, which stores its own rendering) is left alone. Returns how many it rendered.
 */
export async function backfillCookedComments(client: Db = db, batchSize = COOK_BATCH): Promise<{ comments: number }> {
  let rendered = 0;
  let after = "";
  for (;;) {
    const rows = await client.comment.findMany({
      where: { bodyHtmlVersion: { not: RENDERER_VERSION }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, body: true },
    });
    if (rows.length === 0) return { comments: rendered };
    // One lookup per batch for the members the batch's @mentions name, so their mentions render as links.
    const mentions = await resolveMentions(
      rows.map((row) => row.body),
      client,
    );
    const values = rows.map((row) => {
      const cooked = cookBody(row.body, mentions);
      return Prisma.sql`(${row.id}, ${cooked.bodyHtml}, ${cooked.bodySources}, ${row.body})`;
    });
    // VALUES names its columns column1, column2... in both databases.
    rendered += await client.$executeRaw`
      UPDATE "Comment" SET "bodyHtml" = "v"."column2", "bodySources" = "v"."column3", "bodyHtmlVersion" = ${RENDERER_VERSION}
      FROM (VALUES ${Prisma.join(values)}) AS "v"
      WHERE "Comment"."id" = "v"."column1" AND "Comment"."body" = "v"."column4"`;
    after = rows.at(-1)!.id;
  }
}
