// Telling this application's other instances (PostgreSQL only: SQLite is one file, one instance) that something
// changed: NOTIFY on one of Agora's channels, heard by each process's one listener (lib/instance-listener.ts).
// Every payload starts with the sender's id, so a process ignores the echo of what it already did itself.
import { randomUUID } from "node:crypto";
import { isPostgresUrl } from "@/lib/database-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log, serializeError } from "@/lib/logger";

// Server actions, pages and route handlers are bundled apart: the process's one id lives on globalThis.
const SHARED = Symbol.for("agora.instanceId");

/** This process's id in its notifications. */
export function instanceId(): string {
  const holder = globalThis as typeof globalThis & { [SHARED]?: string };
  return (holder[SHARED] ??= randomUUID());
}

/**
 * Sends `message` (no spaces; none for a bare "changed") on `channel` to the other instances. Never throws: the
 * write it follows is done, and a notification that fails leaves the other instances to their own expiry; the
 * failure is logged as "<what>: the notification failed".
 */
export async function notifyOtherInstances(channel: string, message: string | undefined, what: string): Promise<void> {
  if (!isPostgresUrl(env.DATABASE_URL)) return;
  try {
    await db.$executeRaw`SELECT pg_notify(${channel}, ${message === undefined ? instanceId() : `${instanceId()} ${message}`})`;
  } catch (error) {
    log("warn", `${what}: the notification failed`, { error: serializeError(error) });
  }
}

/** A notification's sender and message; `fromSelf` when this process sent it (`self`, in tests). */
export function readNotification(payload: string, self: string = instanceId()): { sender: string; message: string | undefined; fromSelf: boolean } {
  const space = payload.indexOf(" ");
  const sender = space === -1 ? payload : payload.slice(0, space);
  return { sender, message: space === -1 ? undefined : payload.slice(space + 1), fromSelf: sender === self };
}
