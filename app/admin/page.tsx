import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { addWordFilterAction, liftSuspensionAction, removeWordFilterAction, setRoleAction } from "@/lib/actions/moderation";
import { ActionForm } from "@/components/action-form";
import { getCurrentUser } from "@/lib/current-user";
import { canAdminister } from "@/lib/permissions";
import { listSuspendedUsers, listUsersForAdmin } from "@/lib/queries/users";
import { listWordFilters } from "@/lib/queries/word-filters";
import { formatExactTime } from "@/lib/time";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!canAdminister(user)) notFound();
  const rawQuery = (await searchParams).q;
  const query = typeof rawQuery === "string" ? rawQuery.trim().slice(0, 100) : "";
  const [users, suspended, filters] = await Promise.all([listUsersForAdmin(query || undefined), listSuspendedUsers(), listWordFilters()]);

  return (
    <main>
      <h1>Admin</h1>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">Members and roles</h2>
        <form method="get" className="log-filters">
          <label className="field-label">
            Find by name or email
            <input type="text" name="q" defaultValue={query} />
          </label>
          <button type="submit" className="button-secondary">
            Search
          </button>
        </form>
        <table className="log-table">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((member) => (
              <tr key={member.id}>
                <td data-label="Member">
                  <Link href={`/u/${member.id}`}>{member.name ?? member.id}</Link>
                </td>
                <td data-label="Email">{member.email}</td>
                <td data-label="Role">
                  {member.id === user!.id ? (
                    <span>{member.role} (you)</span>
                  ) : (
                    <ActionForm
                      action={setRoleAction}
                      hidden={{ userId: member.id }}
                      submit="Change"
                      className="inline-action"
                      label={`Role of ${member.name ?? member.id}`}
                    >
                      <select name="role" defaultValue={member.role} aria-label="Role">
                        <option value="member">member</option>
                        <option value="moderator">moderator</option>
                        <option value="editor">editor</option>
                        <option value="admin">admin</option>
                      </select>
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="suspended-heading">
        <h2 id="suspended-heading">Suspended members ({suspended.length})</h2>
        {suspended.length === 0 ? (
          <p className="empty">Nobody is suspended.</p>
        ) : (
          <ul className="plain-list">
            {suspended.map((member) => (
              <li key={member.id}>
                <Link href={`/u/${member.id}`}>{member.name ?? member.id}</Link>{" "}
                {member.suspendedPermanently ? "permanently" : `until ${formatExactTime(member.suspendedUntil!)}`} — {member.suspensionReason}
                <ActionForm action={liftSuspensionAction} hidden={{ userId: member.id }} submit="Lift suspension" className="inline-action" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="filter-heading">
        <h2 id="filter-heading">Word filter</h2>
        <p className="muted">
          Whole words or phrases, matched in the text readers see: capitals, invisible characters, look-alike letters, character references and Markdown inside
          a word do not hide them. “Block” refuses the comment with a message; “Queue” holds it for review.
        </p>
        <ActionForm action={addWordFilterAction} submit="Add" className="log-filters" label="Add a word filter">
          <label className="field-label">
            Word or phrase
            <input type="text" name="phrase" maxLength={100} required />
          </label>
          <label className="field-label">
            Then
            <select name="action" defaultValue="queue">
              <option value="queue">Queue for review</option>
              <option value="block">Block</option>
            </select>
          </label>
        </ActionForm>
        {filters.length === 0 ? (
          <p className="empty">No filtered words.</p>
        ) : (
          <ul className="plain-list">
            {filters.map((filter) => (
              <li key={filter.id}>
                <code>{filter.phrase}</code> → {filter.action}
                <ActionForm action={removeWordFilterAction} hidden={{ id: filter.id }} submit="Remove" className="inline-action" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
