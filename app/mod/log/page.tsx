import { readableDetail } from "@/lib/moderation-labels";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { canModerate } from "@/lib/permissions";
import { getModerationLog, listLogModerators, MODERATION_ACTIONS } from "@/lib/queries/moderation-log";
import { logFiltersSchema } from "@/lib/validations/moderation";
import { ModNav } from "@/components/moderation/mod-nav";

export const metadata: Metadata = { title: "Moderation log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function targetHref(entry: { targetType: string; targetId: string }): string | null {
  if (entry.targetType === "thread") return `/t/${entry.targetId}`;
  if (entry.targetType === "user") return `/u/${entry.targetId}`;
  return null;
}

export default async function ModerationLogPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!canModerate(user)) notFound();
  const raw = await searchParams;
  const parsed = logFiltersSchema.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const filters = parsed.success ? parsed.data : {};
  const [{ entries, nextCursor }, moderators] = await Promise.all([
    getModerationLog({ moderatorId: filters.moderator, action: filters.action, userId: filters.user, before: filters.before }),
    listLogModerators(),
  ]);
  const query = new URLSearchParams();
  if (filters.moderator) query.set("moderator", filters.moderator);
  if (filters.action) query.set("action", filters.action);
  if (filters.user) query.set("user", filters.user);

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
          Affected user id
          <input type="text" name="user" defaultValue={filters.user ?? ""} />
        </label>
        <button type="submit" className="button-secondary">
          Filter
        </button>
      </form>
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
              const href = targetHref(entry);
              return (
                <tr key={entry.id}>
                  <td>
                    <RelativeTime date={entry.createdAt} />
                  </td>
                  <td>
                    {entry.moderator ? (
                      <Link href={`/mod/log?moderator=${entry.moderator.id}`}>{entry.moderator.name ?? "—"}</Link>
                    ) : (
                      <span className="muted">Agora (automatic)</span>
                    )}
                  </td>
                  <td>
                    {entry.action.replaceAll("_", " ")}
                    {entry.detail && <div className="muted">{readableDetail(entry.detail)}</div>}
                  </td>
                  <td>
                    {entry.targetType} {href ? <Link href={href}>{entry.targetId}</Link> : <code>{entry.targetId}</code>}
                    {entry.targetUser && (
                      <div>
                        <Link href={`/mod/log?user=${entry.targetUser.id}`}>{entry.targetUser.name ?? entry.targetUser.id}</Link>
                      </div>
                    )}
                  </td>
                  <td>{entry.reason ?? <span className="muted">—</span>}</td>
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
