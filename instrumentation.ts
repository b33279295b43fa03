// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeDatabaseOnShutdown } = await import("./lib/shutdown");
  closeDatabaseOnShutdown(async () => {
    const { disconnectDb } = await import("./lib/db");
    await disconnectDb();
  });
}
