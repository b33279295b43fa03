import { after } from "next/server";
import { log, serializeError } from "@/lib/logger";

/**
 * Runs work a request owes but its answer does not wait for (notifications, the automatic cool-down) once the
 * response has gone, on this server (Next's `after()`). A failure is logged under `what`, never thrown at the
 * member whose request already succeeded. Outside a request (tests, scripts) there is no response to wait for:
 * the work runs now, before this returns.
 */
export async function afterResponse(what: string, work: () => Promise<unknown>, context: Record<string, unknown> = {}): Promise<void> {
  const guarded = async () => {
    try {
      await work();
    } catch (error) {
      log("error", what, { ...context, error: serializeError(error) });
    }
  };
  try {
    after(guarded);
  } catch {
    // "`after` was called outside a request scope".
    await guarded();
  }
}
