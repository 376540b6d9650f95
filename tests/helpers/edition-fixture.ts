// A published magazine edition with N articles of realistic length (texts from
// /work/shared/seeds when present, else generated Dutch-like prose), made through the magazine
// model: extra subgroups with published outcomes, one section per theme, publish. For the
// edition-PDF integration test and the benchmark; uses the global db (DATABASE_URL).
import fs from "node:fs";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { jsonToHTML } from "~/editor/render.server";
import {
  addArticle,
  addSection,
  createEdition,
  publishEdition,
  updateEdition,
} from "~/models/magazine.server";
import { db } from "~/utils/db.server";

const SEEDS = "/work/shared/seeds";

function seedTexts(): string[] {
  try {
    const files = fs
      .readdirSync(SEEDS)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    const texts = files.map((f) => fs.readFileSync(path.join(SEEDS, f), "utf8"));
    if (texts.length > 0) return texts;
  } catch {}
  const sentence =
    "Scholen, samenwerkingsverbanden en leerplicht werken samen aan de aanwezigheid van elke leerling, zodat verzuim vroeg gezien en besproken wordt.";
  return Array.from({ length: 5 }, (_, i) =>
    Array.from({ length: 12 + i * 3 }, () => sentence).join(i % 2 ? "\n\n" : " "),
  );
}

/** An article's document: headings, paragraphs from the texts, a list. */
export function articleDoc(index: number, texts = seedTexts()): JSONContent {
  const paragraphs = [0, 1]
    .flatMap((k) => (texts[(index + k) % texts.length] ?? "").split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter(Boolean);
  const half = Math.ceil(paragraphs.length / 2);
  const para = (text: string): JSONContent => ({
    type: "paragraph",
    content: [{ type: "text", text }],
  });
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Aanleiding" }] },
      ...paragraphs.slice(0, half).map(para),
      {
        type: "heading",
        attrs: { level: 3 },
        content: [{ type: "text", text: "Zo pak je het aan" }],
      },
      {
        type: "bulletList",
        content: ["Signaleer vroeg", "Bespreek met ouders", "Leg afspraken vast"].map((t) => ({
          type: "listItem",
          content: [para(t)],
        })),
      },
      ...paragraphs.slice(half).map(para),
    ],
  };
}

export type EditionFixture = {
  editionId: string;
  communitySlug: string;
  editionSlug: string;
  /** Article titles in the edition's order. */
  titles: string[];
};

/** Creates and publishes an edition with `count` articles in the demo community. */
export async function createPublishedEdition(
  count: number,
  label: string,
): Promise<EditionFixture> {
  const community = await db.community.findFirstOrThrow({
    where: { slug: "werken-aan-aanwezigheid" },
    select: {
      id: true,
      slug: true,
      themes: { orderBy: { position: "asc" }, select: { id: true, name: true } },
    },
  });
  const organiser = await db.user.findFirstOrThrow({
    where: { email: "organisator@werkplaats.test" },
    select: { id: true },
  });
  const texts = seedTexts();
  const run = `${label}-${Date.now().toString(36)}`;
  const created = await createEdition(organiser.id, community.id, {
    title: `Magazine ${run}`,
    subtitle: "Opbrengsten van de ontwikkelgroep",
    publicationDate: "2026-11-24",
    colophon: "Uitgave van de leergemeenschap.",
  });
  if (!created.ok) throw new Error(`createEdition: ${created.problem}`);
  for (const theme of community.themes) await addSection(organiser.id, created.id, theme.name);
  const sections = (
    await db.magazineSection.findMany({
      where: { editionId: created.id },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((section) => section.id);
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const theme = community.themes[i % community.themes.length] as { id: string };
    const json = articleDoc(i, texts);
    // Titles sort differently from the order chosen (reverse numbering).
    const title = `Artikel ${String(count - i).padStart(2, "0")} ${run}`;
    const subgroup = await db.subgroup.create({
      data: {
        themeId: theme.id,
        name: `Subgroep ${run} ${i + 1}`,
        position: 100 + i,
        outcome: { create: { title, type: "handreiking", status: "published" } },
      },
      select: { outcome: { select: { id: true } } },
    });
    const outcomeId = subgroup.outcome?.id as string;
    await db.outcomePublication.create({
      data: {
        outcomeId,
        number: 1,
        title,
        type: "handreiking",
        json: JSON.stringify(json),
        html: jsonToHTML(json),
      },
    });
    const added = await addArticle(
      organiser.id,
      sections[i % sections.length] as string,
      outcomeId,
    );
    if (!added.ok) throw new Error(`addArticle: ${added.problem}`);
  }
  // The edition's order: section by section, articles in the order added.
  for (let s = 0; s < sections.length; s++)
    for (let i = s; i < count; i += sections.length)
      titles.push(`Artikel ${String(count - i).padStart(2, "0")} ${run}`);
  const published = await publishEdition(organiser.id, created.id);
  if (!published.ok) throw new Error(`publishEdition: ${published.problems.join(", ")}`);
  return {
    editionId: created.id,
    communitySlug: community.slug,
    editionSlug: created.slug,
    titles,
  };
}

/** Changes the subtitle and republishes: a new snapshot, so the cached PDF is stale. */
export async function republish(editionId: string, subtitle: string) {
  const organiser = await db.user.findFirstOrThrow({
    where: { email: "organisator@werkplaats.test" },
    select: { id: true },
  });
  const edition = await db.magazineEdition.findUniqueOrThrow({ where: { id: editionId } });
  await updateEdition(organiser.id, editionId, {
    title: edition.title,
    subtitle,
    publicationDate: "2026-11-24",
    colophon: edition.colophon,
  });
  const published = await publishEdition(organiser.id, editionId);
  if (!published.ok) throw new Error("republish failed");
}
