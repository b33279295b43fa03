import { getCurrentUser } from "@/lib/current-user";
import { exportAccountData } from "@/lib/queries/account";

export const dynamic = "force-dynamic";

// "Download my data" on /settings: the signed-in member's own data as a JSON file. Nothing in the request
// names the account, so nobody downloads another's.
export async function GET() {
  const user = await getCurrentUser();
  const headers = { "cache-control": "private, no-store" };
  if (!user) {
    return Response.json({ error: { code: "signed_out", message: "Sign in to download your data." } }, { status: 401, headers });
  }
  const data = await exportAccountData(user.id);
  if (!data) return Response.json({ error: { code: "not_found", message: "That account no longer exists." } }, { status: 404, headers });
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="agora-data-${day}.json"`,
    },
  });
}
