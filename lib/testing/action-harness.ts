// Calling server actions directly and proving what they did (or did not do) to the database: shared by the
// fuzz, mass-assignment and IDOR tests of every action.
import { createHash } from "node:crypto";
import { expect } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** A form field as a browser (or a hostile client) can send it: text, a file, or the same name repeated. */
export type FieldValue = string | Blob;
export type Fields = Record<string, FieldValue | FieldValue[] | undefined>;

export function formDataFrom(fields: Fields): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

/** What an action answered; a successful one that redirects (by throwing NEXT_REDIRECT) gives `redirectedTo`. */
export type Answer = ActionState & { redirectedTo?: string };

/** Calls a server action as Next.js would; any error other than a redirect propagates (a 500 in production). */
export function callAction(action: Action, fields: Fields | FormData, previous: ActionState = { ok: true }): Promise<Answer> {
  return callActionWith(action, fields instanceof FormData ? fields : formDataFrom(fields), previous);
}

/** Calls a server action with any argument where its FormData belongs, as a hand-made request can. */
export async function callActionWith(action: Action, argument: unknown, previous: unknown = { ok: true }): Promise<Answer> {
  try {
    return await action(previous as ActionState, argument as FormData);
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { ok: true, redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

// Words that only appear in a message that leaked an internal error instead of a written refusal.
const INTERNALS = /prisma|sqlite|postgres|constraint|invocation|unique|foreign key|stack|TypeError|undefined|null|\[object|\bat .+:\d+/i;

/** A refusal a person can read: not ok, no redirect, one short message that names no internals. */
export function expectClearRefusal(answer: Answer): void {
  expect(answer.ok, "the action should have refused").toBe(false);
  expect(answer.redirectedTo).toBeUndefined();
  expect(typeof answer.message).toBe("string");
  expect(answer.message!.length).toBeGreaterThan(0);
  // A refusal may quote its input (a 10,001-character body's length, a filter phrase) but is never a dump of it.
  expect(answer.message!.length).toBeLessThan(400);
  expect(answer.message).not.toMatch(INTERNALS);
  for (const errors of Object.values(answer.fieldErrors ?? {})) {
    for (const error of errors ?? []) expect(error).not.toMatch(INTERNALS);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The whole database, row by row: every model the client knows, so a table added later is covered too.

export type Table = string;
export type Row = Record<string, unknown>;
type Rows = Record<Table, Row[]>;

const TABLES: Table[] = Object.values(Prisma.ModelName).map((name) => name[0]!.toLowerCase() + name.slice(1));

type Delegate = { findMany(args?: object): Promise<Row[]> };

/** A row's identity: its id, or the unique column of the tables that have no id. */
function keyOf(row: Row): string {
  return String(row.id ?? row.key ?? row.token ?? canonical(row));
}

async function readRows(): Promise<Rows> {
  const tables = await Promise.all(
    TABLES.map(async (table) => {
      const delegate = (db as unknown as Record<string, Delegate>)[table]!;
      try {
        // The hash is left out of default reads; a refused call must not change it either.
        const rows = await delegate.findMany(table === "user" ? { omit: { passwordHash: false } } : {});
        return [table, rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))] as const;
      } catch (error) {
        // A model whose migration this database does not have yet (another change in progress) has no rows.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021") return [table, []] as const;
        throw error;
      }
    }),
  );
  return Object.fromEntries(tables);
}

export type DatabaseState = { counts: Record<Table, number>; hash: string; rows: Rows };

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Date ? `date:${v.toISOString()}` : v));
}

/** Row counts, a hash of every row of every table, and the rows themselves (to show what changed). */
export async function databaseState(): Promise<DatabaseState> {
  const rows = await readRows();
  const counts = Object.fromEntries(TABLES.map((table) => [table, rows[table]!.length]));
  return { counts, hash: createHash("sha256").update(canonical(rows)).digest("hex"), rows };
}

/**
 * The database is exactly as it was. `except` names tables a refusal may legitimately touch (a rate limit spends
 * its point before the refusal that follows it); every other table is compared row by row.
 */
export async function expectDatabaseUnchanged(before: DatabaseState, options: { except?: Table[] } = {}): Promise<DatabaseState> {
  const after = await databaseState();
  const except = new Set(options.except ?? []);
  if (after.hash === before.hash) return after;
  const kept = (state: DatabaseState) => TABLES.filter((table) => !except.has(table)).map((table) => [table, state.counts[table], state.rows[table]]);
  expect(kept(after)).toEqual(kept(before));
  return after;
}

/**
 * The database state between calls, read once per call: the state after one call is the state before the next
 * (nothing else writes in between), which halves the reading a long fuzzing run does.
 */
export class DatabaseTracker {
  private last: DatabaseState | null = null;

  async before(): Promise<DatabaseState> {
    return (this.last ??= await databaseState());
  }

  async after(): Promise<DatabaseState> {
    return (this.last = await databaseState());
  }

  async expectUnchanged(options: { except?: Table[] } = {}): Promise<void> {
    const before = await this.before();
    this.last = null;
    this.last = await expectDatabaseUnchanged(before, options);
  }

  /** Forget the state, after something outside the calls wrote to the database. */
  reset(): void {
    this.last = null;
  }
}

export type RowChange = { table: Table; key: string; kind: "added" | "removed" | "changed"; columns: Record<string, { from: unknown; to: unknown }> };

/** Every row added, removed or changed between two states, with the columns that differ. */
export function databaseChanges(before: DatabaseState, after: DatabaseState): RowChange[] {
  const changes: RowChange[] = [];
  for (const table of TABLES) {
    const old = new Map(before.rows[table]!.map((row) => [keyOf(row), row]));
    const now = new Map(after.rows[table]!.map((row) => [keyOf(row), row]));
    for (const [key, row] of now) {
      const previous = old.get(key);
      const columns: RowChange["columns"] = {};
      for (const column of Object.keys(row)) {
        if (!previous || canonical(previous[column]) !== canonical(row[column])) columns[column] = { from: previous?.[column], to: row[column] };
      }
      if (!previous) changes.push({ table, key, kind: "added", columns });
      else if (Object.keys(columns).length) changes.push({ table, key, kind: "changed", columns });
    }
    for (const [key, row] of old) {
      if (!now.has(key))
        changes.push({ table, key, kind: "removed", columns: Object.fromEntries(Object.keys(row).map((c) => [c, { from: row[c], to: undefined }])) });
    }
  }
  return changes;
}

/** A value as a form would spell it, to compare what landed in a column with what a form field said. */
export function asFormText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
