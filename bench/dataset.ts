/**
 * The benchmark's forum, generated in memory from a seed: the same seed gives the same rows, ids and times
 * on every machine. Written to a database by bench/generate.ts.
 */
import { between, createRng, cuidLike, pick, pickIndex, type Rng } from "./prng";

export type DatasetOptions = {
  seed: number;
  users: number;
  threads: number;
  /** Comments in all, the hot thread's included. */
  comments: number;
  hotThreadComments: number;
  /** Reply chains that reach `chainDepth` in the hot thread; each other thread gets two. */
  hotThreadChains: number;
  chainDepth: number;
  /** The newest comment's time; everything else is earlier. Fixed, so the rows do not depend on the clock. */
  end: Date;
};

export const DEFAULT_DATASET: DatasetOptions = {
  seed: 20261126,
  users: 5_000,
  threads: 20,
  comments: 100_000,
  hotThreadComments: 10_000,
  hotThreadChains: 12,
  chainDepth: 30,
  end: new Date("2026-11-01T00:00:00.000Z"),
};

export type Role = "member" | "moderator" | "admin";
export type CommentStatus = "visible" | "pending" | "hidden" | "removed";

export type UserRow = { id: string; name: string; email: string; role: Role; createdAt: Date };
export type ArticleRow = { id: string; slug: string; title: string; source: string; summary: string; createdAt: Date };
export type ThreadRow = {
  id: string;
  position: number;
  title: string;
  summary: string;
  excerpt: string;
  commentCount: number;
  lastActivityAt: Date;
  createdAt: Date;
};
export type CommentRow = {
  id: string;
  threadId: string;
  authorId: string;
  parentId: string | null;
  depth: number;
  body: string;
  status: CommentStatus;
  moderationReason: string | null;
  moderatedById: string | null;
  moderatedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
};

export type Dataset = {
  options: DatasetOptions;
  users: UserRow[];
  article: ArticleRow;
  threads: ThreadRow[];
  /** Every comment, each thread's in chronological order (a parent always precedes its replies). */
  comments: CommentRow[];
  hotThreadId: string;
  /** The thread whose size is the median of the others: what most readers open. */
  ordinaryThreadId: string;
  /** The member with the most comments (the user page's worst case). */
  busiestUserId: string;
  /** Visible, live comments of the hot thread the posting scenario replies to. */
  replyTargetIds: string[];
  stats: { maxDepth: number; hotThreadMaxDepth: number; depthHistogram: Record<number, number>; topLevel: number };
};

const FIRST = [
  "Ada",
  "Ben",
  "Chloé",
  "Dev",
  "Emeka",
  "Fatima",
  "Gus",
  "Hana",
  "Ivo",
  "Jun",
  "Kofi",
  "Lena",
  "Mateo",
  "Nadia",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tomasz",
  "Uma",
  "Vik",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
];
const LAST = [
  "Abara",
  "Berg",
  "Castro",
  "Dubois",
  "Eriksen",
  "Fischer",
  "García",
  "Haddad",
  "Ivanova",
  "Jensen",
  "Kim",
  "Lopez",
  "Mensah",
  "Novak",
  "Okafor",
  "Patel",
  "Quispe",
  "Rossi",
  "Sato",
  "Tran",
  "Ueda",
  "Varga",
  "Weber",
  "Xu",
  "Yilmaz",
  "Zhou",
];
const WORDS = (
  "the a an this that these those it they we you I small business community story stories teen teens harm " +
  "misinformation data sharing spying regulator regulators decision platform app users video videos creator creators " +
  "advertising grant grants program initiative local shop owner owners trust evidence study studies report privacy " +
  "policy law court ban algorithm feed moderation safety parents school schools market markets jobs growth risk " +
  "is are was were will would could should might must can does did has have had not never always often rarely " +
  "really clearly arguably honestly frankly obviously probably because although while since unless whereas " +
  "good bad better worse real fake new old big tiny public private foreign domestic fair unfair cheap costly " +
  "about for with without against under over between within across into onto from to of in on at by"
).split(" ");
const MODERATION_REASONS = ["Off-topic", "Personal attack", "Spam link", "Unsourced medical claim", "Duplicate"];
const POINTS = [
  "Small businesses gain reach",
  "Community stories get a stage",
  "Grants are marketing",
  "Teen harm is understated",
  "Misinformation spreads faster",
  "Data flows abroad",
  "Spying concerns are overblown",
  "Regulators moved too slowly",
  "The ban would hurt creators",
  "Local news loses out",
  "Algorithms pick the winners",
  "Parents need better tools",
  "Schools are left alone",
  "Advertising pays for it all",
  "Trust must be earned",
  "Evidence is thin on both sides",
  "Privacy law lags behind",
  "Competition would help",
  "The decision sets a precedent",
  "What happens next",
];

function sentence(rng: Rng): string {
  const length = between(rng, 6, 22);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(pick(rng, WORDS));
  const r = rng();
  if (r < 0.08) words[pickIndex(rng, length)] = `**${pick(rng, WORDS)}**`;
  else if (r < 0.16) words[pickIndex(rng, length)] = `*${pick(rng, WORDS)}*`;
  else if (r < 0.2) words[pickIndex(rng, length)] = `[source](https://example.org/${pick(rng, WORDS)}/${between(rng, 1, 9999)})`;
  const text = words.join(" ");
  return text[0]!.toUpperCase() + text.slice(1) + pick(rng, [".", ".", ".", "?", "!"]);
}

/** A Markdown comment: one to four paragraphs, now and then a quote or a list, ~50 to ~900 characters. */
function commentBody(rng: Rng): string {
  const paragraphs: string[] = [];
  const count = rng() < 0.6 ? 1 : between(rng, 2, 4);
  for (let p = 0; p < count; p++) {
    const r = rng();
    if (r < 0.07) paragraphs.push(`> ${sentence(rng)}`);
    else if (r < 0.12) paragraphs.push([0, 1, 2].map(() => `- ${sentence(rng)}`).join("\n"));
    else paragraphs.push(Array.from({ length: between(rng, 1, 3) }, () => sentence(rng)).join(" "));
  }
  return paragraphs.join("\n\n");
}

type Node = { parent: number; depth: number };

/**
 * The shape of one thread's discussion, in posting order: about a fifth top-level comments, most replies one
 * or two levels down, now and then a longer exchange, and `chains` back-and-forth arguments that run
 * `chainDepth` replies deep, interleaved with the rest over time.
 */
function threadShape(rng: Rng, size: number, chains: number, chainDepth: number): Node[] {
  const nodes: Node[] = [];
  const topLevel: number[] = [];
  const chainTips: number[] = [];
  let chainsToStart = chains;
  for (let i = 0; i < size; i++) {
    const remaining = size - i;
    const pendingChainNodes = chainTips.reduce((sum, tip) => sum + chainDepth - nodes[tip]!.depth, 0) + chainsToStart * chainDepth;
    const chainShare = Math.min(1, pendingChainNodes / remaining);
    let node: Node;
    if (chainTips.length > 0 && rng() < chainShare * 0.8 + (pendingChainNodes >= remaining ? 1 : 0)) {
      const which = pickIndex(rng, chainTips.length);
      const tip = chainTips[which]!;
      node = { parent: tip, depth: nodes[tip]!.depth + 1 };
      if (node.depth >= chainDepth) chainTips.splice(which, 1);
      else chainTips[which] = i;
    } else if (chainsToStart > 0 && topLevel.length > 0 && rng() < chainShare) {
      const root = topLevel[topLevel.length - 1 - Math.floor(rng() ** 2 * topLevel.length)]!;
      node = { parent: root, depth: 1 };
      chainsToStart--;
      chainTips.push(i);
    } else {
      const r = rng();
      if (topLevel.length === 0 || r < 0.2) {
        node = { parent: -1, depth: 0 };
      } else if (r < 0.62) {
        // A reply to a top-level comment, usually a recent one.
        const root = topLevel[topLevel.length - 1 - Math.floor(rng() ** 3 * topLevel.length)]!;
        node = { parent: root, depth: 1 };
      } else {
        // A reply somewhere in the recent conversation; deeper exchanges thin out quickly.
        const recent = Math.min(i, 400);
        let parent = i - 1 - pickIndex(rng, recent);
        for (let tries = 0; tries < 4 && nodes[parent]!.depth >= 4 && rng() < 0.75; tries++) parent = i - 1 - pickIndex(rng, recent);
        // Only the argument chains reach the bottom; a reply there goes back to the chain's top instead.
        while (nodes[parent]!.depth >= chainDepth - 1) parent = nodes[parent]!.parent;
        node = { parent, depth: nodes[parent]!.depth + 1 };
      }
    }
    if (node.depth === 0) topLevel.push(i);
    nodes.push(node);
  }
  return nodes;
}

/** Sizes of the threads other than the hot one: from 1.6× to 0.4× their mean, summing to `total`. */
function otherThreadSizes(count: number, total: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1.6 - (1.2 * i) / Math.max(1, count - 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  sizes[0]! += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

export function generateDataset(options: DatasetOptions = DEFAULT_DATASET): Dataset {
  const rng = createRng(options.seed);
  const end = options.end.getTime();
  const day = 86_400_000;

  const users: UserRow[] = Array.from({ length: options.users }, (_, i) => ({
    id: cuidLike(rng),
    name: `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
    email: `member${i}@bench.agora.test`,
    role: i === 0 ? "admin" : i <= 4 ? "moderator" : "member",
    createdAt: new Date(end - 400 * day + Math.floor(rng() * 300 * day)),
  }));
  const moderators = users.slice(0, 5);

  const article: ArticleRow = {
    id: cuidLike(rng),
    slug: "bench-article",
    title: "Sparks Good, scaled up: a benchmark article",
    source: "Agora benchmark dataset",
    summary: "A generated article whose twenty points carry 100,000 comments between them, one point drawing 10,000.",
    createdAt: new Date(end - 60 * day),
  };

  // The hot thread sits fourth on the list, so it is not simply the first one on the page.
  const hotPosition = Math.min(4, options.threads);
  const others = otherThreadSizes(options.threads - 1, options.comments - options.hotThreadComments);
  const threads: ThreadRow[] = [];
  const comments: CommentRow[] = [];
  const depthHistogram: Record<number, number> = {};
  let maxDepth = 0;
  let hotThreadMaxDepth = 0;
  let topLevelCount = 0;
  const authored = new Map<string, number>();

  for (let position = 1; position <= options.threads; position++) {
    const isHot = position === hotPosition;
    const size = isHot ? options.hotThreadComments : others.shift()!;
    const id = cuidLike(rng);
    // The hot thread is a recent three-day storm; the others run over the last month.
    const span = isHot ? 3 * day : 30 * day;
    const start = end - span - Math.floor(rng() * day);
    const shape = threadShape(rng, size, isHot ? options.hotThreadChains : 2, options.chainDepth);
    const rows: CommentRow[] = [];
    for (const [i, node] of shape.entries()) {
      // Authors: a few very active members, a long tail of occasional ones.
      const author = users[Math.floor(rng() ** 2.2 * users.length)]!;
      authored.set(author.id, (authored.get(author.id) ?? 0) + 1);
      rows.push({
        id: cuidLike(rng),
        threadId: id,
        authorId: author.id,
        parentId: node.parent >= 0 ? rows[node.parent]!.id : null,
        depth: node.depth,
        body: commentBody(rng),
        status: "visible",
        moderationReason: null,
        moderatedById: null,
        moderatedAt: null,
        createdAt: new Date(start + Math.floor(((i + rng()) / size) * span)),
        editedAt: null,
        deletedAt: null,
      });
      depthHistogram[node.depth] = (depthHistogram[node.depth] ?? 0) + 1;
      maxDepth = Math.max(maxDepth, node.depth);
      if (isHot) hotThreadMaxDepth = Math.max(hotThreadMaxDepth, node.depth);
      if (node.depth === 0) topLevelCount++;
    }

    // Soft states, as a live forum accumulates them: edits, deletions, moderators' hides and removals, and a
    // few comments awaiting review (only leaves: nobody can reply to a pending comment).
    const hasReplies = new Set(rows.map((row) => row.parentId).filter(Boolean));
    for (const row of rows) {
      const r = rng();
      const later = new Date(row.createdAt.getTime() + between(rng, 60_000, 6 * 3_600_000));
      if (r < 0.01) {
        row.deletedAt = later;
        row.body = "";
      } else if (r < 0.015) {
        row.status = "hidden";
        row.moderationReason = pick(rng, MODERATION_REASONS);
        row.moderatedById = pick(rng, moderators).id;
        row.moderatedAt = later;
      } else if (r < 0.018) {
        row.status = "removed";
        row.moderationReason = pick(rng, MODERATION_REASONS);
        row.moderatedById = pick(rng, moderators).id;
        row.moderatedAt = later;
      } else if (r < 0.02 && !hasReplies.has(row.id)) {
        row.status = "pending";
      } else if (r < 0.06) {
        row.editedAt = later;
      }
    }

    const counted = rows.filter((row) => row.deletedAt === null && (row.status === "visible" || row.status === "hidden"));
    threads.push({
      id,
      position,
      title: POINTS[(position - 1) % POINTS.length]! + (position > POINTS.length ? ` (${position})` : ""),
      summary: `Point ${position} of the benchmark article. ${sentence(rng)}`,
      excerpt: Array.from({ length: 3 }, () => sentence(rng)).join(" "),
      commentCount: counted.length,
      lastActivityAt: counted.at(-1)?.createdAt ?? new Date(start),
      createdAt: new Date(start),
    });
    comments.push(...rows);
  }

  const hot = threads[hotPosition - 1]!;
  const bySize = threads.filter((thread) => thread !== hot).sort((a, b) => a.commentCount - b.commentCount);
  const busiest = [...authored.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const replyTargetIds = comments
    .filter((row) => row.threadId === hot.id && row.status === "visible" && row.deletedAt === null && row.depth < options.chainDepth)
    .map((row) => row.id);

  return {
    options,
    users,
    article,
    threads,
    comments,
    hotThreadId: hot.id,
    ordinaryThreadId: bySize[Math.floor(bySize.length / 2)]!.id,
    busiestUserId: busiest,
    replyTargetIds,
    stats: { maxDepth, hotThreadMaxDepth, depthHistogram, topLevel: topLevelCount },
  };
}
