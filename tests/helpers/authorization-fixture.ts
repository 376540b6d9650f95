// Data the route × role authorisation test needs beyond the demo seed, made through the models
// (run as its own process with DATABASE_URL set: `tsx tests/helpers/authorization-fixture.ts`,
// after the server has migrated and seeded that database). Prints the ids as one JSON line.
//
// - the outcome of Aanwezigheidsbeleid Subgroep 1 (deelnemer01's) published, with a version;
// - a published magazine edition (two articles) and a draft one;
// - an unpublished community that the demo organiser organises;
// - a calendar feed token of deelnemer01.
import { createCalendarToken } from "~/models/calendar.server";
import { createEdition } from "~/models/magazine.server";
import { takeVersion } from "~/models/outcome-version.server";
import { db } from "~/utils/db.server";
import { createPublishedEdition } from "./edition-fixture";

const member = await db.user.findUniqueOrThrow({ where: { email: "deelnemer01@werkplaats.test" } });
const organiser = await db.user.findUniqueOrThrow({
  where: { email: "organisator@werkplaats.test" },
});
const membership = await db.subgroupMembership.findFirstOrThrow({
  where: { userId: member.id },
  include: { subgroup: { include: { outcome: true } } },
});
const outcome = membership.subgroup.outcome!;

const json = {
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "Gepubliceerde afspraken." }] }],
};
await db.outcome.update({
  where: { id: outcome.id },
  data: { title: "Afspraken", type: "handreiking", status: "published" },
});
await db.outcomePublication.create({
  data: {
    outcomeId: outcome.id,
    number: 1,
    title: "Afspraken",
    type: "handreiking",
    json: JSON.stringify(json),
    html: "<p>Gepubliceerde afspraken.</p>",
    publishedById: organiser.id,
  },
});
const version = await takeVersion(outcome.id, {
  kind: "manual",
  name: "Autorisatietest",
  actorId: organiser.id,
});
if (!version) throw new Error("no version taken");

const published = await createPublishedEdition(2, "authz");
const demo = await db.community.findUniqueOrThrow({ where: { slug: "werken-aan-aanwezigheid" } });
const draft = await createEdition(organiser.id, demo.id, {
  title: "Concept-editie autorisatie",
  subtitle: "",
  publicationDate: "2026-12-01",
  colophon: "",
});
if (!draft.ok) throw new Error(`draft edition: ${draft.problem}`);

const hidden = await db.community.create({
  data: {
    slug: "nog-niet-gepubliceerd",
    name: "Nog niet gepubliceerd",
    tagline: "t",
    description: "d",
    audience: "a",
    location: "l",
    costs: "c",
  },
});
await db.roleGrant.create({
  data: { userId: organiser.id, role: "organiser", communityId: hidden.id },
});

const calendarToken = await createCalendarToken(member.id);

process.stdout.write(
  `${JSON.stringify({
    subgroupId: membership.subgroupId,
    outcomeId: outcome.id,
    versionId: version.id,
    editionId: published.editionId,
    editionSlug: published.editionSlug,
    draftEditionId: draft.id,
    draftEditionSlug: draft.slug,
    hiddenSlug: hidden.slug,
    calendarToken,
  })}\n`,
);
await db.$disconnect();
