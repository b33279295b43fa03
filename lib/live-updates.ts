import { env } from "@/lib/env";

/**
 * How often an open thread asks for new comments when its event stream is broken, and how often a stream on
 * SQLite counts again (LIVE_UPDATES_POLL_SECONDS, default 15 s).
 */
export function livePollSeconds(): number {
  return env.LIVE_UPDATES_POLL_SECONDS;
}
