import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE, E2E_DATABASE_URL, startAppServer, type AppServer } from "./app-server";
import { newFormVisitor } from "./form-visitor";
import { firstThreadPath, LOAD_TEST_ENV, loadTestDatabase, openProbe, postConcurrently, signedInPosters, type LoadResult } from "./load";

// `npm run backup` while the forum takes comments: the copy is one consistent moment of the database, every
// comment acknowledged before the backup began is in it, and a server started on the copy serves it.

const run = promisify(execFile);

/** Runs `npm run backup [-- target]` on `databaseUrl`, as an operator would; resolves with its exit code and output. */
async function npmRunBackup(databaseUrl: string, target?: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["--silent", "run", "backup", ...(target ? ["--", target] : [])], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

test.describe("npm run backup on PostgreSQL", () => {
  test.skip(E2E_DATABASE !== "postgres", "the PostgreSQL refusal; the SQLite backup runs in the SQLite pass");

  test("refuses and points to pg_dump", async () => {
    const { code, output } = await npmRunBackup(E2E_DATABASE_URL);
    expect(code).toBe(1);
    expect(output).toContain("pg_dump");
  });
});

test.describe("npm run backup on SQLite, while comments are being posted", () => {
  test.skip(E2E_DATABASE !== "sqlite", "npm run backup copies SQLite files; PostgreSQL is backed up with pg_dump");
  test.describe.configure({ timeout: 480_000 });

  let server: AppServer | undefined;
  let restored: AppServer | undefined;
  let database: ReturnType<typeof loadTestDatabase>;
  const backupFile = `prisma/e2e-backup-${Date.now().toString(36)}.db`;

  test.beforeAll(() => {
    database = loadTestDatabase("backup-source");
  });

  test.afterAll(async () => {
    await Promise.all([server?.stop(), restored?.stop()]);
    database?.dispose();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${backupFile}${suffix}`, { force: true });
  });

  test("the backup is a consistent snapshot holding every comment acknowledged before it began, and a server on it serves", async () => {
    server = await startAppServer({ ...LOAD_TEST_ENV, DATABASE_URL: database.url });
    const guide = await newFormVisitor(server.url);
    const threadPath = await firstThreadPath(guide);
    const threadId = threadPath.split("/").at(-1)!;
    const posters = await signedInPosters(server.url, threadPath, 10);
    let probe = await openProbe(database.url);
    const countBefore = await probe.threadCommentCount(threadId);
    await probe.close();

    // Posting runs throughout; the backup starts once some comments are in and ends well before the posting does.
    const tag = `backup-${Date.now().toString(36)}`;
    let acknowledgedBeforeBackup: string[] | undefined;
    let backup: Promise<{ code: number; output: string }> | undefined;
    let acknowledgedWhileBackingUp = 0;
    const load: LoadResult = await postConcurrently(posters, threadPath, tag, 30, (sofar) => {
      if (!backup && sofar.acknowledged.length >= 40) {
        acknowledgedBeforeBackup = [...sofar.acknowledged];
        backup = npmRunBackup(database.url, backupFile);
        void backup.then(() => (acknowledgedWhileBackingUp = sofar.acknowledged.length - acknowledgedBeforeBackup!.length));
      }
    });
    const { code, output } = await backup!;
    expect(output).toContain("integrity ok");
    expect(code).toBe(0);
    // The forum kept taking comments while the backup ran, and refused none.
    expect(load.refused).toEqual([]);
    expect(load.networkErrors).toEqual([]);
    test.info().annotations.push({
      type: "backup",
      description: `${acknowledgedWhileBackingUp} comments acknowledged while the backup ran: ${output.trim().split("\n")[0]}`,
    });

    const copy = await openProbe(`file:./${backupFile}`);
    expect(await copy.integrityCheck()).toBe("ok");
    const inCopy = await copy.commentIds(threadId, tag);
    // Everything acknowledged before the backup began is in it; nothing in it was refused or invented.
    expect(inCopy).toEqual(expect.arrayContaining(acknowledgedBeforeBackup!));
    expect(load.acknowledged).toEqual(expect.arrayContaining(inCopy));
    // One moment of the database: the thread's counter, moved in the same transaction as each comment, agrees.
    const countInCopy = await copy.threadCommentCount(threadId);
    expect(countInCopy - countBefore).toBe(inCopy.length);
    await copy.close();

    // Restoring is using the copy as the database: a server started on it shows the thread as the copy has it.
    restored = await startAppServer({ DATABASE_URL: `file:./${backupFile}` });
    const reader = await newFormVisitor(restored.url);
    const page = (await reader.page(threadPath)).replaceAll("<!-- -->", "");
    expect(page).toMatch(new RegExp(`>${countInCopy} comments?<`));
    probe = await openProbe(database.url);
    expect(await probe.commentIds(threadId, tag)).toHaveLength(load.acknowledged.length);
    await probe.close();
    await Promise.all([guide.close(), reader.close(), ...posters.map((poster) => poster.visitor.close())]);
  });
});
