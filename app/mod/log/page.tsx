import { readableDetail } from "@/lib/moderation-labels";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { canModerate } from "@/lib/permissions";
import { findMemberByName, getModerationLog, listLogModerators, MODERATION_ACTIONS } from "@/lib/queries/moderation-log";
import { logFiltersSchema } from "@/lib/validations/moderation";
import { ModNav } from "@/components/moderation/mod-nav";

export const metadata: Metadata = { title: "Moderation log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ModerationLogPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!canModerate(user)) notFound();
  const raw = await searchParams;
  const parsed = logFiltersSchema.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const filters = parsed.success ? parsed.data : {};
  // A typed name is looked up as names are compared; an unknown one matches nothing, and the page says so.
  const named = filters.member ? await findMemberByName(filters.member) : undefined;
  const userId = named ? named.id : filters.user;
  const [{ entries, nextCursor }, moderators] = await Promise.all([
    named === null
      ? { entries: [], nextCursor: undefined }
      : getModerationLog({ moderatorId: filters.moderator, action: filters.action, userId, before: filters.before }),
    listLogModerators(),
  ]);
  const query = new URLSearchParams();
  if (filters.moderator) query.set("moderator", filters.moderator);
  if (filters.action) query.set("action", filters.action);
  if (userId) query.set("user", userId);
  const affected = named ?? entries.find((entry) => entry.targetUser?.id === userId)?.targetUser;

  return (
    <main>
      <ModNav current="/mod/log" />
      <h1>Moderation log</h1>
      <form method="get" className="log-filters" aria-label="Filter the log">
        <label className="field-label">
          Moderator
          <select name="moderator" defaultValue={filters.moderator ?? ""}>
            <option value="">Anyone</option>
            {moderators.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.id}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          Action
          <select name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            {MODERATION_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          Member
          <input type="text" name="member" defaultValue={affected?.name ?? filters.member ?? ""} placeholder="Display name" autoComplete="off" />
        </label>
        <button type="submit" className="button-secondary">
          Filter
        </button>
      </form>
      {named === null && (
        <p className="form-error" role="alert">
          No member is called {`“${filters.member}”`}. Check the spelling, or pick them from a log entry.
        </p>
      )}
      {userId && affected && (
        <p>
          Actions affecting <Link href={`/u/${userId}`}>{affected.name ?? "[deleted account]"}</Link> · <Link href="/mod/log">Show everyone&apos;s</Link>
        </p>
      )}
      {entries.length === 0 ? (
        <p className="empty">No actions match.</p>
      ) : (
        <table className="log-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Moderator</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const { label, href } = entry.target;
              return (
                <tr key={entry.id}>
                  <td data-label="When">
                    <RelativeTime date={entry.createdAt} />
                  </td>
                  <td data-label="Moderator">
                    {entry.moderator ? (
                      <Link href={`/mod/log?moderator=${entry.moderator.id}`}>{entry.moderator.name ?? "—"}</Link>
                    ) : (
                      <span className="muted">Agora (automatic)</span>
                    )}
                  </td>
                  <td data-label="Action">
                    {entry.action.replaceAll("_", " ")}
                    {entry.detail && <div className="muted">{readableDetail(entry.detail)}</div>}
                  </td>
                  <td data-label="Target">
                    {href ? <Link href={href}>{label}</Link> : label}
                    {entry.targetUser && (
                      <div className="muted">
                        Everything affecting <Link href={`/mod/log?user=${entry.targetUser.id}`}>{entry.targetUser.name ?? "[deleted account]"}</Link>
                      </div>
                    )}
                  </td>
                  <td data-label="Reason">{entry.reason ?? <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <Link href={`/mod/log?${query.toString()}${query.size ? "&" : ""}before=${nextCursor}`}>Older entries →</Link>
        </p>
      )}
    </main>
  );
}
