import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DisplayNameForm } from "@/components/display-name-form";
import { getCurrentUser } from "@/lib/current-user";
import { DISPLAY_NAME_RULES } from "@/lib/display-name";
import { changeDisplayNameAction } from "@/lib/actions/display-name";

export const metadata: Metadata = { title: "Display name", robots: { index: false } };

export default async function DisplayNamePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fsettings%2Fname");
  return (
    <main className="narrow">
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1>Display name</h1>
      <p className="lede">
        Your display name is shown next to your comments and is how others @mention you. Moderators can see your earlier names. You can change it three times a
        day.
      </p>
      <DisplayNameForm action={changeDisplayNameAction} currentName={user.name ?? ""} hint={DISPLAY_NAME_RULES} />
      <p>
        <Link href={`/u/${user.id}`}>See your public page</Link>
      </p>
    </main>
  );
}
