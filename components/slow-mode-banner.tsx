import { isSlowModeActive } from "@/lib/permissions";
import styles from "./slow-mode-banner.module.css";

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
/** "06:12 UTC": server-rendered, so in UTC like the forum's other exact times. */
const formatClockTime = (date: Date) => `${clock.format(date)} UTC`;

type Props = { thread: { slowModeManual: boolean; slowModeUntil: Date | null; slowModeSince: Date | null }; minutes: number; now?: Date };

/** "Slow mode: one comment every 2 minutes per member. Since 06:12." while the thread's slow mode is on. */
export function SlowModeBanner({ thread, minutes, now = new Date() }: Props) {
  const active = isSlowModeActive(thread, now);
  if (!active) return null;
  const every = minutes === 1 ? "every minute" : `every ${minutes} minutes`;
  return (
    <p className={`banner ${styles.banner} slow-mode-banner`} role="status">
      Slow mode: one comment {every} per member.
      {thread.slowModeSince && (
        <>
          {" "}
          Since <time dateTime={thread.slowModeSince.toISOString()}>{formatClockTime(thread.slowModeSince)}</time>.
        </>
      )}
    </p>
  );
}
