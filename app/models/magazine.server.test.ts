// Magazine editions on real SQLite: the snapshot (order, credits with consent only, only
// published outcomes, newer publications), publishing, the fixed slug, the cover check, and
// who may read a draft.
import { beforeAll, describe, expect, it } from "vitest";
import { jsonToUpdate } from "~/editor/render.server";
import { editionRoom } from "~/lib/magazine";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { appendUpdates } from "../../server/collab/persistence";
import {
  addArticle,
  addSection,
  buildSnapshot,
  coverImageType,
  createEdition,
  createSectionsPerTheme,
  getEditionForCompose,
  moveArticle,
  moveArticleToSection,
  moveSection,
  publishEdition,
  refreshArticle,
  setCover,
  setCreditConsent,
  updateEdition,
} from "./magazine.server";
import { checkPermission } from "./permissions.server";

let communityId: string;
let organiserId: string;
type Outcome = { id: string; subgroupId: string; themeName: string; subgroupName: string };
let outcomes: Outcome[];

async function publish(outcomeId: string, title: string) {
  const count = await db.outcomePublication.count({ where: { outcomeId } });
  return db.outcomePublication.create({
    data: {
      outcomeId,
      number: count + 1,
      title,
      type: "handreiking",
      json: "{}",
      html: `<h3>${title} kop</h3><p>Tekst van ${title}.</p>`,
    },
  });
}

const details = (title: string) => ({
  title,
  subtitle: "Wat we samen leerden",
  publicationDate: "2026-12-01",
  colophon: "Redactie: de organisatie.",
});

beforeAll(async () => {
  await seedDemo(db);
  const community = await db.community.findFirstOrThrow({
    where: { slug: "werken-aan-aanwezigheid" },
  });
  communityId = community.id;
  organiserId = (await db.roleGrant.findFirstOrThrow({ where: { communityId, role: "organiser" } }))
    .userId;
  const rows = await db.outcome.findMany({
    where: { subgroup: { theme: { communityId } } },
    orderBy: [{ subgroup: { theme: { position: "asc" } } }, { subgroup: { position: "asc" } }],
    select: {
      id: true,
      subgroupId: true,
      subgroup: { select: { name: true, theme: { select: { name: true } } } },
    },
  });
  outcomes = rows.map((r) => ({
    id: r.id,
    subgroupId: r.subgroupId,
    themeName: r.subgroup.theme.name,
    subgroupName: r.subgroup.name,
  }));
  // Three published outcomes of different themes; the fourth stays unpublished.
  await publish(outcomes[0]!.id, "Verzuim vroeg signaleren");
  await publish(outcomes[2]!.id, "Methodiek in de klas");
  await publish(outcomes[4]!.id, "Samen met ouders");
});

async function composedEdition(title: string) {
  const created = await createEdition(organiserId, communityId, details(title));
  if (!created.ok) throw new Error("not created");
  await createSectionsPerTheme(organiserId, created.id);
  const sections = await db.magazineSection.findMany({
    where: { editionId: created.id },
    orderBy: { position: "asc" },
  });
  return { id: created.id, slug: created.slug, sections };
}

describe("buildSnapshot", () => {
  it("keeps the order of sections and of articles within them, and skips empty sections", async () => {
    const edition = await composedEdition("Editie volgorde");
    expect(edition.sections.map((s) => s.title)).toHaveLength(3);
    const [first, second] = edition.sections;
    // Two articles in the first section, in the chosen order (second chosen first, then moved).
    expect((await addArticle(organiserId, first!.id, outcomes[2]!.id)).ok).toBe(true);
    expect((await addArticle(organiserId, first!.id, outcomes[0]!.id)).ok).toBe(true);
    await moveArticle(
      organiserId,
      (await db.magazineArticle.findFirstOrThrow({ where: { sectionId: first!.id, position: 1 } }))
        .id,
      "up",
    );
    const third = await addArticle(organiserId, second!.id, outcomes[4]!.id);
    if (!third.ok) throw new Error("not added");
    // The second section moves before the first.
    await moveSection(organiserId, second!.id, "up");

    const snapshot = await buildSnapshot(edition.id);
    expect(snapshot.sections.map((s) => s.id)).toEqual([second!.id, first!.id]);
    expect(snapshot.sections.map((s) => s.articles.map((a) => a.title))).toEqual([
      ["Samen met ouders"],
      ["Verzuim vroeg signaleren", "Methodiek in de klas"],
    ]);
    expect(snapshot.sections.flatMap((s) => s.articles.map((a) => a.slug))).toEqual([
      "samen-met-ouders",
      "verzuim-vroeg-signaleren",
      "methodiek-in-de-klas",
    ]);

    // Moving an article to another section puts it at that section's end.
    await moveArticleToSection(organiserId, third.id, first!.id);
    const moved = await buildSnapshot(edition.id);
    expect(moved.sections).toHaveLength(1);
    expect(moved.sections[0]!.articles.map((a) => a.title)).toEqual([
      "Verzuim vroeg signaleren",
      "Methodiek in de klas",
      "Samen met ouders",
    ]);
  });

  it("credits only members who agreed to be named, then the gespreksleider", async () => {
    const edition = await composedEdition("Editie credits");
    await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id);
    const members = await db.subgroupMembership.findMany({
      where: { subgroupId: outcomes[0]!.subgroupId },
      select: { userId: true, user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    });
    expect(members.length).toBeGreaterThanOrEqual(2);
    for (const m of members) await setCreditConsent(outcomes[0]!.subgroupId, m.userId, false);
    await setCreditConsent(outcomes[0]!.subgroupId, members[1]!.userId, true);
    const leader = await db.roleGrant.findFirstOrThrow({
      where: {
        role: "facilitator",
        theme: { subgroups: { some: { id: outcomes[0]!.subgroupId } } },
      },
      select: { user: { select: { name: true } } },
    });

    const snapshot = await buildSnapshot(edition.id);
    expect(snapshot.sections[0]!.articles[0]!.credits).toEqual([
      members[1]!.user.name,
      leader.user.name,
    ]);
    expect(snapshot.sections[0]!.articles[0]!.credits).not.toContain(members[0]!.user.name);
  });

  it("lets only published outcomes be chosen, once per edition", async () => {
    const edition = await composedEdition("Editie keuze");
    expect(await addArticle(organiserId, edition.sections[0]!.id, outcomes[1]!.id)).toEqual({
      ok: false,
      problem: "notPublishedOutcome",
    });
    expect((await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id)).ok).toBe(true);
    expect(await addArticle(organiserId, edition.sections[1]!.id, outcomes[0]!.id)).toEqual({
      ok: false,
      problem: "alreadyChosen",
    });
  });

  it("detects a newer publication of a chosen outcome and follows it on 'bijwerken'", async () => {
    const edition = await composedEdition("Editie bijwerken");
    const added = await addArticle(organiserId, edition.sections[0]!.id, outcomes[2]!.id);
    if (!added.ok) throw new Error("not added");
    await publish(outcomes[2]!.id, "Methodiek in de klas, herzien");
    const view = await getEditionForCompose(communityId, edition.id);
    const article = view!.sections[0]!.articles[0]!;
    expect(article).toMatchObject({ outdated: true, title: "Methodiek in de klas" });
    expect((await buildSnapshot(edition.id)).sections[0]!.articles[0]!.title).toBe(
      "Methodiek in de klas",
    );
    await refreshArticle(organiserId, added.id);
    expect((await buildSnapshot(edition.id)).sections[0]!.articles[0]!.title).toBe(
      "Methodiek in de klas, herzien",
    );
  });

  it("includes the editorial introduction written in the edition's room", async () => {
    const edition = await composedEdition("Editie voorwoord");
    await appendUpdates(editionRoom(edition.id), [
      {
        update: jsonToUpdate({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Beste lezer <b>" }] }],
        }),
        userId: organiserId,
      },
    ]);
    expect((await buildSnapshot(edition.id)).introHtml).toBe("<p>Beste lezer &lt;b&gt;</p>");
  });
});

describe("publishing", () => {
  it("refuses an edition without articles or without a title, then publishes and freezes", async () => {
    const edition = await composedEdition("Editie publiceren");
    expect(await publishEdition(organiserId, edition.id)).toEqual({
      ok: false,
      problems: ["noArticles"],
    });
    await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id);
    await updateEdition(organiserId, edition.id, { ...details(""), slug: null });
    expect(await publishEdition(organiserId, edition.id)).toEqual({
      ok: false,
      problems: ["titleRequired"],
    });
    await updateEdition(organiserId, edition.id, { ...details("Editie publiceren"), slug: null });
    expect(await publishEdition(organiserId, edition.id)).toEqual({ ok: true, republished: false });
    const stored = await db.magazineEdition.findUniqueOrThrow({ where: { id: edition.id } });
    expect(stored.status).toBe("published");
    expect(JSON.parse(stored.snapshot!).title).toBe("Editie publiceren");
    // A later change is not public until republished.
    await addSection(organiserId, edition.id, "Extra");
    await updateEdition(organiserId, edition.id, { ...details("Nieuwe titel"), slug: null });
    expect(
      JSON.parse(
        (await db.magazineEdition.findUniqueOrThrow({ where: { id: edition.id } })).snapshot!,
      ).title,
    ).toBe("Editie publiceren");
    expect((await getEditionForCompose(communityId, edition.id))!.edition.unpublishedChanges).toBe(
      true,
    );
    expect(await publishEdition(organiserId, edition.id)).toEqual({ ok: true, republished: true });
    expect((await getEditionForCompose(communityId, edition.id))!.edition.unpublishedChanges).toBe(
      false,
    );
    expect(
      await db.auditEvent.count({ where: { targetType: "edition", targetId: edition.id } }),
    ).toBeGreaterThanOrEqual(6);
  });

  it("refuses to publish while the community itself is unpublished (nobody could read it)", async () => {
    const edition = await composedEdition("Editie van een verborgen leergemeenschap");
    await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id);
    const { publishedAt } = await db.community.findUniqueOrThrow({ where: { id: communityId } });
    await db.community.update({ where: { id: communityId }, data: { publishedAt: null } });
    try {
      expect(await publishEdition(organiserId, edition.id)).toEqual({
        ok: false,
        problems: ["communityUnpublished"],
      });
    } finally {
      await db.community.update({ where: { id: communityId }, data: { publishedAt } });
    }
    expect(await publishEdition(organiserId, edition.id)).toEqual({ ok: true, republished: false });
  });

  it("refuses a cover without alt text and fixes the slug after the first publication", async () => {
    const edition = await composedEdition("Editie slug");
    expect(
      await updateEdition(organiserId, edition.id, {
        ...details("Editie slug"),
        slug: "winter-2026",
      }),
    ).toEqual({ ok: true });
    expect(
      await updateEdition(organiserId, edition.id, {
        ...details("Editie slug"),
        slug: "Niet Goed!",
      }),
    ).toEqual({ ok: false, problem: "slugInvalid" });
    await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id);
    expect((await publishEdition(organiserId, edition.id)).ok).toBe(true);
    expect(
      await updateEdition(organiserId, edition.id, {
        ...details("Editie slug"),
        slug: "lente-2027",
      }),
    ).toEqual({ ok: false, problem: "slugFixed" });
    expect((await db.magazineEdition.findUniqueOrThrow({ where: { id: edition.id } })).slug).toBe(
      "winter-2026",
    );
  });
});

describe("the cover image", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  const webp = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");

  it("is recognised by its magic bytes, not its name", () => {
    expect(coverImageType(png)).toBe("image/png");
    expect(coverImageType(jpeg)).toBe("image/jpeg");
    expect(coverImageType(webp)).toBe("image/webp");
    expect(coverImageType(new TextEncoder().encode("<svg xmlns=…>"))).toBeNull();
    expect(coverImageType(new TextEncoder().encode("GIF89a"))).toBeNull();
  });

  it("is refused when it is not an image, too large, or without alt text", async () => {
    const edition = await composedEdition("Editie omslag");
    expect(
      await setCover(organiserId, edition.id, new TextEncoder().encode("%PDF-1.7"), "x"),
    ).toEqual({ ok: false, problem: "coverType" });
    expect(await setCover(organiserId, edition.id, png, " ")).toEqual({
      ok: false,
      problem: "coverAltRequired",
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png);
    expect(await setCover(organiserId, edition.id, big, "Omslag")).toEqual({
      ok: false,
      problem: "coverTooLarge",
    });
    expect(await setCover(organiserId, edition.id, png, "Leerlingen op het schoolplein")).toEqual({
      ok: true,
    });
    expect((await buildSnapshot(edition.id)).cover).toMatchObject({
      alt: "Leerlingen op het schoolplein",
    });
  });
});

describe("who may read an edition", () => {
  it("hides a draft from the public and participants; a published edition is public", async () => {
    const edition = await composedEdition("Editie toegang");
    const participant = await db.subgroupMembership.findFirstOrThrow({
      where: { subgroupId: outcomes[0]!.subgroupId },
    });
    for (const userId of [null, participant.userId]) {
      const p = await checkPermission(userId, "magazine.read", { kind: "edition", id: edition.id });
      expect(p.allowed).toBe(false);
      expect(p.conditions.editionPublished).toBe(false); // requirePermission answers 404
    }
    expect(
      (await checkPermission(organiserId, "magazine.read", { kind: "edition", id: edition.id }))
        .allowed,
    ).toBe(true);
    expect(
      (
        await checkPermission(participant.userId, "magazine.manage", {
          kind: "community",
          id: communityId,
        })
      ).allowed,
    ).toBe(false);
    await addArticle(organiserId, edition.sections[0]!.id, outcomes[0]!.id);
    await publishEdition(organiserId, edition.id);
    expect(
      (await checkPermission(null, "magazine.read", { kind: "edition", id: edition.id })).allowed,
    ).toBe(true);
  });
});
