import { HOME_HEADING } from "@/lib/page-metadata";
import styles from "./how-agora-works.module.css";

/** The few lines a newcomer needs: what Agora is and what to do here. */
export function HowAgoraWorks() {
  return (
    <section className={styles.section} aria-labelledby="how-heading">
      <h1 id="how-heading">{HOME_HEADING}</h1>
      <p className="lede">Each article below is split into the points it makes, and every point has its own discussion.</p>
      <ol className={styles.steps}>
        <li>
          <strong>Pick a point</strong> of an article that you have something to say about.
        </li>
        <li>
          <strong>Say where you stand</strong>: you agree, you disagree, or you add context.
        </li>
        <li>
          <strong>Argue it with sources</strong>: link to what backs you up, and ask others for theirs.
        </li>
      </ol>
    </section>
  );
}
