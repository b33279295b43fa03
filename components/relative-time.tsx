import { formatExactTime, formatRelativeTime } from "@/lib/time";

export function RelativeTime({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatExactTime(date)}>
      {formatRelativeTime(date)}
    </time>
  );
}
