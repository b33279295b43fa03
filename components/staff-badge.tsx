/** Agora's staff, marked beside their name in words (so screen readers read it too), never by colour alone. */
export function StaffBadge({ title }: { title: "Moderator" | "Admin" }) {
  return (
    <span className="badge badge-staff" title={`Agora ${title.toLowerCase()}`}>
      {title}
    </span>
  );
}
