import { z } from "zod";

const pollSeconds = z.coerce.number().int().min(1).max(3600).catch(15);

/**
 * How often an open thread asks for new comments when its event stream is broken, and how often a stream on
 * SQLite counts again (LIVE_UPDATES_POLL_SECONDS, default 15 s).
 */
export function livePollSeconds(): number {
  return pollSeconds.parse(process.env.LIVE_UPDATES_POLL_SECONDS ?? 15);
}
