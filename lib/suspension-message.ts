import type { Suspension } from "@/lib/current-user";
import { formatExactTime } from "@/lib/time";

/** What a suspended member is told when they try to take part. */
export function describeSuspension(suspension: Suspension): string {
  const span = suspension.permanent || !suspension.until ? "permanently" : `until ${formatExactTime(suspension.until)}`;
  const reason = suspension.reason ? ` Reason: ${suspension.reason}` : "";
  return `Your account is suspended ${span}. You can still read the discussion.${reason}`;
}
