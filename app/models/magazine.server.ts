// Magazine editions: composing (details, cover, sections, chosen publications), the snapshot the
// web edition and the PDF are made from (buildSnapshot: the same for preview and publication),
// publishing and withdrawing. Every change is audited. The editorial introduction is a realtime
// document (room "edition-<id>", see server/collab/persistence.ts); its HTML is rendered here
// through the one editor schema.
import crypto from "node:crypto";
import { docToHTML } from "~/editor/render.server";
import type { EditionSnapshot, SnapshotArticle, SnapshotSection } from "~/lib/magazine";
import { editionRoom } from "~/lib/magazine";
import { slugify } from "~/models/community-admin.server";
import { db, type Prisma } from "~/utils/db.server";
import { loadDocument } from "../../server/collab/persistence";

export const MAX_COVER_BYTES = 5 * 1024 * 1024;
export type CoverType = "image/jpeg" | "image/png" | "image/webp";

/** The image type by its magic bytes (not by name or the browser's claim), or null. */
export function coverImageType(bytes: Uint8Array): CoverType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  // RIFF....WEBP
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  return null;
}

export type MagazineProblem =
  | "notFound"
  | "slugTaken"
  | "slugInvalid"
  | "slugFixed"
  | "coverType"
  | "coverTooLarge"
  | "coverAltRequired"
  | "notPublishedOutcome"
  | "alreadyChosen"
  | "noArticles"
  | "titleRequired"
  | "communityUnpublished";

export type Result<T = object> = ({ ok: true } & T) | { ok: false; problem: MagazineProblem };

async function audit(
  tx: Prisma.TransactionClient,
  editionId: string,
  actorId: string | null,
  action: string,
  data: object = {},
) {
  const edition = await tx.magazineEdition.findUniqueOrThrow({
    where: { id: editionId },
    select: { communityId: true },
  });
  await tx.auditEvent.create({
    data: {
      actorId,
      communityId: edition.communityId,
      action: `edition.${action}`,
      targetType: "edition",
      targetId: editionId,
      data: JSON.stringify(data),
    },
  });
}

/** Runs a change of an edition and its audit row in one transaction (bumps updatedAt). */
async function change<T>(
  editionId: string,
  actorId: string | null,
  action: string,
  data: object,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const result = await fn(tx);
    await tx.magazineEdition.update({ where: { id: editionId }, data: { updatedAt: new Date() } });
    await audit(tx, editionId, actorId, action, data);
    return result;
  });
}

// ─── Editions ────────────────────────────────────────────────────────────────────────────

export function listEditions(communityId: string) {
  return db.magazineEdition.findMany({
    where: { communityId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      publishedAt: true,
      publicationDate: true,
    },
  });
}

/** Published editions of a community, newest first (its public page lists them). */
export function listPublishedEditions(communityId: string) {
  return db.magazineEdition.findMany({
    where: { communityId, status: "published" },
    orderBy: [{ publicationDate: "desc" }, { publishedAt: "desc" }],
    select: { id: true, slug: true, title: true, subtitle: true, publicationDate: true },
  });
}

async function uniqueEditionSlug(communityId: string, base: string, exceptId?: string) {
  const root = base || "editie";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    const taken = await db.magazineEdition.findFirst({
      where: { communityId, slug, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    });
    if (!taken) return slug;
  }
}

export type EditionDetails = {
  title: string;
  subtitle: string | null;
  publicationDate: string | null;
  colophon: string | null;
};

const toDate = (day: string | null) => (day ? new Date(`${day}T00:00:00.000Z`) : null);

export async function createEdition(
  actorId: string,
  communityId: string,
  input: EditionDetails,
): Promise<Result<{ id: string; slug: string }>> {
  // Two organisers creating editions of the same title at once: the loser of the unique key
  // takes the next free slug.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await insertEdition(actorId, communityId, input);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

async function insertEdition(
  actorId: string,
  communityId: string,
  input: EditionDetails,
): Promise<Result<{ id: string; slug: string }>> {
  const slug = await uniqueEditionSlug(communityId, slugify(input.title));
  const edition = await db.$transaction(async (tx) => {
    const created = await tx.magazineEdition.create({
      data: {
        communityId,
        slug,
        title: input.title,
        subtitle: input.subtitle,
        publicationDate: toDate(input.publicationDate),
        colophon: input.colophon,
        createdById: actorId,
      },
    });
    await audit(tx, created.id, actorId, "create", { title: input.title, slug });
    return created;
  });
  return { ok: true, id: edition.id, slug: edition.slug };
}

/** Title, subtitle, date, colophon, and the slug while the edition was never published. */
export async function updateEdition(
  actorId: string,
  editionId: string,
  input: EditionDetails & { slug?: string | null },
): Promise<Result> {
  const edition = await db.magazineEdition.findUnique({
    where: { id: editionId },
    select: { communityId: true, slug: true, publishedAt: true },
  });
  if (!edition) return { ok: false, problem: "notFound" };
  let slug = edition.slug;
  if (input.slug && input.slug !== edition.slug) {
    // The web edition's URL is stable once published.
    if (edition.publishedAt) return { ok: false, problem: "slugFixed" };
    if (slugify(input.slug) !== input.slug) return { ok: false, problem: "slugInvalid" };
    const taken = await db.magazineEdition.findFirst({
      where: { communityId: edition.communityId, slug: input.slug, id: { not: editionId } },
      select: { id: true },
    });
    if (taken) return { ok: false, problem: "slugTaken" };
    slug = input.slug;
  }
  try {
    await change(editionId, actorId, "update", { title: input.title, slug }, (tx) =>
      tx.magazineEdition.update({
        where: { id: editionId },
        data: {
          title: input.title,
          subtitle: input.subtitle,
          publicationDate: toDate(input.publicationDate),
          colophon: input.colophon,
          slug,
        },
      }),
    );
  } catch (error) {
    // Another edition took the slug between the check above and this write.
    if (isUniqueViolation(error)) return { ok: false, problem: "slugTaken" };
    throw error;
  }
  return { ok: true };
}

/** Stores a cover image (checked by its magic bytes) with its alt text. */
export async function setCover(
  actorId: string,
  editionId: string,
  bytes: Uint8Array,
  alt: string,
): Promise<Result> {
  if (bytes.byteLength > MAX_COVER_BYTES) return { ok: false, problem: "coverTooLarge" };
  const type = coverImageType(bytes);
  if (!type) return { ok: false, problem: "coverType" };
  if (!alt.trim()) return { ok: false, problem: "coverAltRequired" };
  const exists = await db.magazineEdition.count({ where: { id: editionId } });
  if (!exists) return { ok: false, problem: "notFound" };
  await change(editionId, actorId, "cover", { type, bytes: bytes.byteLength }, (tx) =>
    tx.magazineEdition.update({
      where: { id: editionId },
      data: { coverImage: new Uint8Array(bytes), coverImageType: type, coverAlt: alt.trim() },
    }),
  );
  return { ok: true };
}

export async function setCoverAlt(actorId: string, editionId: string, alt: string) {
  if (!alt.trim()) return { ok: false, problem: "coverAltRequired" } as const;
  await change(editionId, actorId, "coverAlt", {}, (tx) =>
    tx.magazineEdition.update({ where: { id: editionId }, data: { coverAlt: alt.trim() } }),
  );
  return { ok: true } as const;
}

export async function removeCover(actorId: string, editionId: string) {
  await change(editionId, actorId, "removeCover", {}, (tx) =>
    tx.magazineEdition.update({
      where: { id: editionId },
      data: { coverImage: null, coverImageType: null, coverAlt: null },
    }),
  );
}

// ─── Sections ────────────────────────────────────────────────────────────────────────────

async function editionOfSection(sectionId: string) {
  return (
    await db.magazineSection.findUnique({ where: { id: sectionId }, select: { editionId: true } })
  )?.editionId;
}

/** "Maak een sectie per thema": one section per theme of the community that has none yet. */
export async function createSectionsPerTheme(actorId: string, editionId: string) {
  const edition = await db.magazineEdition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      communityId: true,
      sections: { select: { themeId: true, position: true } },
    },
  });
  const themes = await db.theme.findMany({
    where: { communityId: edition.communityId },
    orderBy: { position: "asc" },
    select: { id: true, name: true },
  });
  const have = new Set(edition.sections.map((s) => s.themeId));
  const missing = themes.filter((t) => !have.has(t.id));
  let position = Math.max(0, ...edition.sections.map((s) => s.position + 1));
  await change(editionId, actorId, "sectionsPerTheme", { count: missing.length }, (tx) =>
    tx.magazineSection.createMany({
      data: missing.map((t) => ({ editionId, themeId: t.id, title: t.name, position: position++ })),
    }),
  );
  return missing.length;
}

export async function addSection(actorId: string, editionId: string, title: string) {
  const last = await db.magazineSection.findFirst({
    where: { editionId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  await change(editionId, actorId, "addSection", { title }, (tx) =>
    tx.magazineSection.create({
      data: { editionId, title, position: (last?.position ?? -1) + 1 },
    }),
  );
}

export async function updateSection(
  actorId: string,
  sectionId: string,
  input: { title: string; intro: string | null },
): Promise<Result> {
  const editionId = await editionOfSection(sectionId);
  if (!editionId) return { ok: false, problem: "notFound" };
  await change(editionId, actorId, "updateSection", { sectionId, title: input.title }, (tx) =>
    tx.magazineSection.update({ where: { id: sectionId }, data: input }),
  );
  return { ok: true };
}

export async function removeSection(actorId: string, sectionId: string): Promise<Result> {
  const editionId = await editionOfSection(sectionId);
  if (!editionId) return { ok: false, problem: "notFound" };
  await change(editionId, actorId, "removeSection", { sectionId }, async (tx) => {
    await tx.magazineSection.delete({ where: { id: sectionId } });
    await renumber(tx, "section", editionId);
  });
  return { ok: true };
}

/** Gives positions 0, 1, 2, … in the current order (after a removal or a move). */
async function renumber(
  tx: Prisma.TransactionClient,
  kind: "section" | "article",
  parentId: string,
  order?: string[],
) {
  const ids =
    order ??
    (kind === "section"
      ? (
          await tx.magazineSection.findMany({
            where: { editionId: parentId },
            orderBy: { position: "asc" },
            select: { id: true },
          })
        ).map((r) => r.id)
      : (
          await tx.magazineArticle.findMany({
            where: { sectionId: parentId },
            orderBy: { position: "asc" },
            select: { id: true },
          })
        ).map((r) => r.id));
  for (const [position, id] of ids.entries()) {
    if (kind === "section") await tx.magazineSection.update({ where: { id }, data: { position } });
    else await tx.magazineArticle.update({ where: { id }, data: { position } });
  }
}

function swap(ids: string[], id: string, direction: "up" | "down"): string[] | null {
  const i = ids.indexOf(id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const next = [...ids];
  [next[i], next[j]] = [next[j] as string, next[i] as string];
  return next;
}

export async function moveSection(
  actorId: string,
  sectionId: string,
  direction: "up" | "down",
): Promise<Result> {
  const editionId = await editionOfSection(sectionId);
  if (!editionId) return { ok: false, problem: "notFound" };
  const ids = (
    await db.magazineSection.findMany({
      where: { editionId },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((r) => r.id);
  const order = swap(ids, sectionId, direction);
  if (order)
    await change(editionId, actorId, "moveSection", { sectionId, direction }, (tx) =>
      renumber(tx, "section", editionId, order),
    );
  return { ok: true };
}

// ─── Articles ────────────────────────────────────────────────────────────────────────────

/**
 * The community's outcomes that have a publication, each with its latest publication: what an
 * organiser can choose into an edition.
 */
export async function publishedOutcomes(communityId: string) {
  const outcomes = await db.outcome.findMany({
    where: { subgroup: { theme: { communityId } }, publications: { some: {} } },
    orderBy: [{ subgroup: { theme: { position: "asc" } } }, { subgroup: { position: "asc" } }],
    select: {
      id: true,
      subgroup: { select: { name: true, theme: { select: { id: true, name: true } } } },
      publications: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, title: true, publishedAt: true },
      },
    },
  });
  return outcomes.map((o) => {
    const latest = o.publications[0] as (typeof o.publications)[number];
    return {
      outcomeId: o.id,
      subgroupName: o.subgroup.name,
      themeId: o.subgroup.theme.id,
      themeName: o.subgroup.theme.name,
      latest,
      title: latest.title ?? o.subgroup.name,
    };
  });
}

export async function addArticle(
  actorId: string,
  sectionId: string,
  outcomeId: string,
): Promise<Result<{ id: string }>> {
  const section = await db.magazineSection.findUnique({
    where: { id: sectionId },
    select: { editionId: true, edition: { select: { communityId: true } } },
  });
  if (!section) return { ok: false, problem: "notFound" };
  const latest = await db.outcomePublication.findFirst({
    where: {
      outcomeId,
      outcome: { subgroup: { theme: { communityId: section.edition.communityId } } },
    },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  if (!latest) return { ok: false, problem: "notPublishedOutcome" };
  const chosen = await db.magazineArticle.findFirst({
    where: { section: { editionId: section.editionId }, publication: { outcomeId } },
    select: { id: true },
  });
  if (chosen) return { ok: false, problem: "alreadyChosen" };
  const last = await db.magazineArticle.findFirst({
    where: { sectionId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  const article = await change(
    section.editionId,
    actorId,
    "addArticle",
    { sectionId, outcomeId, publicationId: latest.id },
    (tx) =>
      tx.magazineArticle.create({
        data: { sectionId, publicationId: latest.id, position: (last?.position ?? -1) + 1 },
      }),
  );
  return { ok: true, id: article.id };
}

async function articleContext(articleId: string) {
  return db.magazineArticle.findUnique({
    where: { id: articleId },
    select: {
      sectionId: true,
      publication: { select: { outcomeId: true } },
      section: { select: { editionId: true } },
    },
  });
}

export async function moveArticle(
  actorId: string,
  articleId: string,
  direction: "up" | "down",
): Promise<Result> {
  const article = await articleContext(articleId);
  if (!article) return { ok: false, problem: "notFound" };
  const ids = (
    await db.magazineArticle.findMany({
      where: { sectionId: article.sectionId },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((r) => r.id);
  const order = swap(ids, articleId, direction);
  if (order)
    await change(
      article.section.editionId,
      actorId,
      "moveArticle",
      { articleId, direction },
      (tx) => renumber(tx, "article", article.sectionId, order),
    );
  return { ok: true };
}

/** Moves an article to the end of another section of the same edition. */
export async function moveArticleToSection(
  actorId: string,
  articleId: string,
  sectionId: string,
): Promise<Result> {
  const article = await articleContext(articleId);
  const target = await db.magazineSection.findUnique({
    where: { id: sectionId },
    select: { editionId: true },
  });
  if (!article || !target || target.editionId !== article.section.editionId)
    return { ok: false, problem: "notFound" };
  if (article.sectionId === sectionId) return { ok: true };
  const last = await db.magazineArticle.findFirst({
    where: { sectionId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  await change(
    target.editionId,
    actorId,
    "moveArticleToSection",
    { articleId, sectionId },
    async (tx) => {
      await tx.magazineArticle.update({
        where: { id: articleId },
        data: { sectionId, position: (last?.position ?? -1) + 1 },
      });
      await renumber(tx, "article", article.sectionId);
    },
  );
  return { ok: true };
}

export async function removeArticle(actorId: string, articleId: string): Promise<Result> {
  const article = await articleContext(articleId);
  if (!article) return { ok: false, problem: "notFound" };
  await change(article.section.editionId, actorId, "removeArticle", { articleId }, async (tx) => {
    await tx.magazineArticle.delete({ where: { id: articleId } });
    await renumber(tx, "article", article.sectionId);
  });
  return { ok: true };
}

/** "Bijwerken": the article follows its outcome's latest publication. */
export async function refreshArticle(actorId: string, articleId: string): Promise<Result> {
  const article = await articleContext(articleId);
  if (!article) return { ok: false, problem: "notFound" };
  const latest = await db.outcomePublication.findFirstOrThrow({
    where: { outcomeId: article.publication.outcomeId },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  await change(
    article.section.editionId,
    actorId,
    "refreshArticle",
    { articleId, publication: latest.number },
    (tx) =>
      tx.magazineArticle.update({ where: { id: articleId }, data: { publicationId: latest.id } }),
  );
  return { ok: true };
}

// ─── Composing view ──────────────────────────────────────────────────────────────────────

/** Everything the compose page shows. Null when the edition is not in this community. */
export async function getEditionForCompose(communityId: string, editionId: string) {
  const edition = await db.magazineEdition.findFirst({
    where: { id: editionId, communityId },
    select: {
      id: true,
      slug: true,
      title: true,
      subtitle: true,
      publicationDate: true,
      colophon: true,
      status: true,
      publishedAt: true,
      snapshot: true,
      coverImageType: true,
      coverAlt: true,
      updatedAt: true,
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          intro: true,
          theme: { select: { name: true } },
          articles: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              publication: {
                select: {
                  number: true,
                  title: true,
                  outcome: {
                    select: {
                      id: true,
                      subgroup: { select: { name: true, theme: { select: { name: true } } } },
                      publications: {
                        orderBy: { number: "desc" },
                        take: 1,
                        select: { number: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!edition) return null;
  const available = await publishedOutcomes(communityId);
  const chosen = new Set(
    edition.sections.flatMap((s) => s.articles.map((a) => a.publication.outcome.id)),
  );
  const current = await buildSnapshot(editionId);
  return {
    edition: {
      id: edition.id,
      slug: edition.slug,
      title: edition.title,
      subtitle: edition.subtitle,
      publicationDate: edition.publicationDate?.toISOString().slice(0, 10) ?? null,
      colophon: edition.colophon,
      status: edition.status,
      everPublished: edition.publishedAt !== null,
      hasCover: edition.coverImageType !== null,
      coverAlt: edition.coverAlt,
      unpublishedChanges:
        edition.status === "published" && !sameSnapshot(edition.snapshot, current),
    },
    sections: edition.sections.map((s) => ({
      id: s.id,
      title: s.title,
      intro: s.intro,
      themeName: s.theme?.name ?? null,
      articles: s.articles.map((a) => {
        const latest = a.publication.outcome.publications[0]?.number ?? a.publication.number;
        return {
          id: a.id,
          title: a.publication.title ?? a.publication.outcome.subgroup.name,
          subgroupName: a.publication.outcome.subgroup.name,
          themeName: a.publication.outcome.subgroup.theme.name,
          number: a.publication.number,
          latestNumber: latest,
          outdated: latest > a.publication.number,
        };
      }),
    })),
    available: available.filter((o) => !chosen.has(o.outcomeId)),
    problems: publishProblems(current),
  };
}

// ─── The snapshot ────────────────────────────────────────────────────────────────────────

/** The names to credit for a subgroup: consenting members (by name), then the gespreksleiders. */
async function creditsOf(subgroupId: string, themeId: string): Promise<string[]> {
  const [members, leaders] = await Promise.all([
    db.subgroupMembership.findMany({
      where: { subgroupId, creditConsentAt: { not: null } },
      select: { user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.roleGrant.findMany({
      where: { role: "facilitator", OR: [{ subgroupId }, { themeId, subgroupId: null }] },
      select: { user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const names = [...members.map((m) => m.user.name)];
  for (const l of leaders) if (!names.includes(l.user.name)) names.push(l.user.name);
  return names;
}

/** The editorial introduction's HTML, rendered through the one editor schema. */
export async function introductionHTML(editionId: string): Promise<string> {
  const loaded = await loadDocument(editionRoom(editionId));
  if (!loaded) return "";
  try {
    return docToHTML(loaded.doc);
  } finally {
    loaded.doc.destroy();
  }
}

/** The edition as it would be published now (the preview shows exactly this). */
export async function buildSnapshot(editionId: string): Promise<EditionSnapshot> {
  const edition = await db.magazineEdition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      id: true,
      slug: true,
      title: true,
      subtitle: true,
      publicationDate: true,
      coverImage: true,
      coverAlt: true,
      colophon: true,
      community: {
        select: {
          slug: true,
          name: true,
          partners: { orderBy: { position: "asc" }, select: { name: true, url: true } },
        },
      },
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          intro: true,
          theme: { select: { name: true } },
          articles: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              publication: {
                select: {
                  title: true,
                  type: true,
                  html: true,
                  publishedAt: true,
                  outcome: {
                    select: {
                      subgroup: {
                        select: {
                          id: true,
                          name: true,
                          themeId: true,
                          theme: { select: { name: true } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  const usedSlugs = new Set<string>();
  const sections: SnapshotSection[] = [];
  for (const s of edition.sections) {
    if (s.articles.length === 0) continue; // an empty section is not part of the edition
    const articles: SnapshotArticle[] = [];
    for (const a of s.articles) {
      const { publication } = a;
      const subgroup = publication.outcome.subgroup;
      const title = publication.title ?? subgroup.name;
      const base = slugify(title) || "artikel";
      let slug = base;
      for (let n = 2; usedSlugs.has(slug); n++) slug = `${base}-${n}`;
      usedSlugs.add(slug);
      articles.push({
        id: a.id,
        slug,
        title,
        type: publication.type,
        subgroupName: subgroup.name,
        themeName: subgroup.theme.name,
        html: publication.html,
        credits: await creditsOf(subgroup.id, subgroup.themeId),
        publishedAt: publication.publishedAt.toISOString(),
      });
    }
    sections.push({
      id: s.id,
      title: s.title,
      intro: s.intro,
      themeName: s.theme?.name ?? null,
      articles,
    });
  }
  return {
    version: 1,
    editionId: edition.id,
    communitySlug: edition.community.slug,
    communityName: edition.community.name,
    slug: edition.slug,
    title: edition.title,
    subtitle: edition.subtitle,
    publicationDate: edition.publicationDate?.toISOString().slice(0, 10) ?? null,
    cover: edition.coverImage
      ? { alt: edition.coverAlt ?? "", hash: coverHash(edition.coverImage) }
      : null,
    introHtml: await introductionHTML(edition.id),
    sections,
    colophon: { text: edition.colophon, partners: edition.community.partners },
  };
}

function sameSnapshot(stored: string | null, current: EditionSnapshot): boolean {
  return stored !== null && stored === JSON.stringify(current);
}

/** A short stable hash of a cover image (its URL's ?v=, and which cover a snapshot froze). */
export function coverHash(image: Uint8Array): string {
  return crypto.createHash("sha256").update(image).digest("base64url").slice(0, 16);
}

/** A short stable hash of a snapshot (ETags, the PDF cache key). */
export function snapshotHash(snapshot: EditionSnapshot | string): string {
  const text = typeof snapshot === "string" ? snapshot : JSON.stringify(snapshot);
  return crypto.createHash("sha256").update(text).digest("base64url").slice(0, 22);
}

/** Why this snapshot cannot be published (empty when it can). */
export function publishProblems(snapshot: EditionSnapshot): MagazineProblem[] {
  const problems: MagazineProblem[] = [];
  if (!snapshot.title.trim()) problems.push("titleRequired");
  if (!snapshot.sections.some((s) => s.articles.length > 0)) problems.push("noArticles");
  if (snapshot.cover && !snapshot.cover.alt.trim()) problems.push("coverAltRequired");
  return problems;
}

/** Freezes the snapshot and publishes (again). */
export async function publishEdition(
  actorId: string,
  editionId: string,
): Promise<{ ok: true; republished: boolean } | { ok: false; problems: MagazineProblem[] }> {
  const snapshot = await buildSnapshot(editionId);
  const problems = publishProblems(snapshot);
  const before = await db.magazineEdition.findUniqueOrThrow({
    where: { id: editionId },
    select: { publishedAt: true, community: { select: { publishedAt: true } } },
  });
  // Nobody but its organisers could read it (and the PDF renderer reads it as a visitor).
  if (before.community.publishedAt === null) problems.push("communityUnpublished");
  if (problems.length > 0) return { ok: false, problems };
  const text = JSON.stringify(snapshot);
  await change(editionId, actorId, "publish", { hash: snapshotHash(text) }, (tx) =>
    tx.magazineEdition.update({
      where: { id: editionId },
      data: { status: "published", publishedAt: new Date(), snapshot: text },
    }),
  );
  return { ok: true, republished: before.publishedAt !== null };
}

/** Takes the web edition offline again (the slug stays fixed: it was public). */
export async function withdrawEdition(actorId: string, editionId: string) {
  await change(editionId, actorId, "withdraw", {}, (tx) =>
    tx.magazineEdition.update({ where: { id: editionId }, data: { status: "draft" } }),
  );
}

// ─── The public side ─────────────────────────────────────────────────────────────────────

/** Finds an edition by its URL (for the permission check). */
export function findEdition(communitySlug: string, editionSlug: string) {
  return db.magazineEdition.findFirst({
    where: { slug: editionSlug, community: { slug: communitySlug } },
    select: { id: true, status: true, snapshot: true, updatedAt: true },
  });
}

/**
 * What the web edition shows: the frozen snapshot of a published edition; a draft (only its
 * organisers get this far) shows what would be published now.
 */
export async function readableSnapshot(edition: {
  id: string;
  status: string;
  snapshot: string | null;
}): Promise<{ snapshot: EditionSnapshot; hash: string; draft: boolean }> {
  if (edition.status === "published" && edition.snapshot)
    return {
      snapshot: JSON.parse(edition.snapshot) as EditionSnapshot,
      hash: snapshotHash(edition.snapshot),
      draft: false,
    };
  const snapshot = await buildSnapshot(edition.id);
  return { snapshot, hash: snapshotHash(snapshot), draft: true };
}

export function getCover(editionId: string) {
  return db.magazineEdition.findUnique({
    where: { id: editionId },
    select: { coverImage: true, coverImageType: true },
  });
}

// ─── Credit consent ──────────────────────────────────────────────────────────────────────

export async function setCreditConsent(subgroupId: string, userId: string, consent: boolean) {
  const result = await db.subgroupMembership.updateMany({
    where: { subgroupId, userId },
    data: { creditConsentAt: consent ? new Date() : null },
  });
  return result.count > 0;
}

export async function getCreditConsent(subgroupId: string, userId: string) {
  const membership = await db.subgroupMembership.findUnique({
    where: { subgroupId_userId: { subgroupId, userId } },
    select: { creditConsentAt: true },
  });
  return membership ? { member: true, consent: membership.creditConsentAt !== null } : null;
}
