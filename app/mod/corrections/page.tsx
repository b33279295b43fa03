import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CorrectionQueueItem } from "@/components/moderation/correction-queue-item";
import { getCurrentUser } from "@/lib/current-user";
import { canDecideCorrection } from "@/lib/permissions";
import { listOpenCorrections } from "@/lib/queries/corrections";
import { ModNav } from "@/components/moderation/mod-nav";

export const metadata: Metadata = { title: "Corrections", robots: { index: false } };

/** The editors' queue: members' corrections to the article or a point's summary (abuse reports are at /mod). */
export default async function CorrectionsQueuePage() {
  const user = await getCurrentUser();
  // Not found rather than forbidden, as for /mod: members need not learn where the editors work.
  if (!canDecideCorrection(user)) notFound();
  const corrections = await listOpenCorrections();

  return (
    <main>
      <ModNav current="/mod/corrections" />
      <h1>Corrections</h1>
      <p className="hint">
        Members say the article or a point&apos;s summary is wrong. Accept with a public note (it is shown, dated, on the point) or reject with a reason. Abuse
        reports are in the <Link href="/mod">moderation queue</Link>.
      </p>
      <section aria-labelledby="corrections-heading">
        <h2 id="corrections-heading">Open ({corrections.length})</h2>
        {corrections.length === 0 ? (
          <p className="empty">No open correction requests.</p>
        ) : (
          corrections.map((correction) => <CorrectionQueueItem key={correction.id} correction={correction} />)
        )}
      </section>
    </main>
  );
}
