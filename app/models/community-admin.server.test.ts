import { beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { communitySchema, partnerSchema, themeSchema } from "~/lib/forms-admin";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import {
  addOrganiser,
  addPartner,
  createCommunity,
  listOrganisers,
  movePartner,
  removeOrganiser,
  slugify,
  updateCommunity,
} from "./community-admin.server";
import { checkPermission } from "./permissions.server";
import {
  addFacilitator,
  createTheme,
  deleteTheme,
  listThemesAdmin,
  removeFacilitator,
} from "./theme-admin.server";

let organiserId: string;
let facilitatorEmail: string;

beforeAll(async () => {
  await seedDemo(db);
  organiserId = (
    await db.user.findUniqueOrThrow({ where: { email: "organisator@werkplaats.test" } })
  ).id;
  facilitatorEmail = "gespreksleider.beleid@werkplaats.test";
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function freshCommunity(name = `Testgemeenschap ${unique()}`) {
  const created = await createCommunity(organiserId, { name, kind: "themacafe", tagline: "" });
  if (!created.ok) throw new Error(created.error);
  return created;
}

function errorsOf(schema: Parameters<typeof parseForm>[0], values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  const parsed = parseForm(schema, form);
  return parsed.ok ? {} : parsed.errors;
}

describe("creating a community", () => {
  it("derives the address from the name", () => {
    expect(slugify("Werken aan aanwezigheid")).toBe("werken-aan-aanwezigheid");
    expect(slugify("  Thuiszitters: café & co’s ")).toBe(
      "thuiszitters-cafe-co-s".replace("co-s", "cos"),
    );
    expect(slugify("!!!")).toBe("");
  });

  it("makes the creator its organiser and keeps it unpublished and closed", async () => {
    const name = `Preventie van thuiszitten ${unique()}`;
    const created = await freshCommunity(name);
    const community = await db.community.findUniqueOrThrow({ where: { id: created.id } });
    expect(community).toMatchObject({
      slug: slugify(name),
      name,
      kind: "themacafe",
      publishedAt: null,
      registrationStatus: "closed",
    });
    expect((await listOrganisers(created.id)).map((o) => o.id)).toEqual([organiserId]);
    // Unpublished: hidden from everyone but its organisers.
    expect(
      (await checkPermission(null, "community.view", { kind: "community", id: created.id }))
        .allowed,
    ).toBe(false);
    expect(
      (
        await checkPermission(organiserId, "community.manage", {
          kind: "community",
          id: created.id,
        })
      ).allowed,
    ).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { communityId: created.id } });
    expect(audit).toMatchObject({
      action: "community.create",
      actorId: organiserId,
      targetId: created.id,
    });
  });

  it("refuses a name whose address is taken, or that has no letters", async () => {
    const created = await freshCommunity();
    const community = await db.community.findUniqueOrThrow({ where: { id: created.id } });
    const again = await createCommunity(organiserId, {
      name: community.name.toUpperCase(),
      kind: "leergemeenschap",
      tagline: "",
    });
    expect(again).toEqual({ ok: false, field: "name", error: "admin.error.slugTaken" });
    expect(
      await createCommunity(organiserId, { name: "New", kind: "leergemeenschap", tagline: "" }),
    ).toEqual({
      ok: false,
      field: "name",
      error: "admin.error.slugTaken",
    });
    expect(
      await createCommunity(organiserId, { name: "???", kind: "leergemeenschap", tagline: "" }),
    ).toEqual({
      ok: false,
      field: "name",
      error: "admin.error.slugEmpty",
    });
  });
});

describe("editing a community", () => {
  const valid = {
    name: "Werken aan aanwezigheid",
    kind: "leergemeenschap",
    tagline: "Doorstart",
    registrationStatus: "open",
    capacity: "",
  };

  it("explains every bad field in Dutch message keys", () => {
    expect(errorsOf(communitySchema, valid)).toEqual({});
    expect(errorsOf(communitySchema, { ...valid, name: "  " })).toEqual({
      name: "admin.error.communityNameRequired",
    });
    expect(errorsOf(communitySchema, { ...valid, capacity: "-5" })).toEqual({
      capacity: "admin.error.capacityTooLow",
    });
    expect(errorsOf(communitySchema, { ...valid, capacity: "veertig" })).toEqual({
      capacity: "admin.error.capacityInvalid",
    });
    expect(errorsOf(communitySchema, { ...valid, registrationStatus: "closed" })).toEqual({
      closedReason: "admin.error.closedReasonRequired",
    });
    expect(errorsOf(communitySchema, { ...valid, contactEmail: "info@" })).toEqual({
      contactEmail: "admin.error.emailInvalid",
    });
    expect(errorsOf(partnerSchema, { name: "Ingrado", url: "www.ingrado.nl" })).toEqual({
      url: "admin.error.urlInvalid",
    });
    expect(errorsOf(themeSchema, { name: "", capacity: "0" })).toEqual({
      name: "admin.error.themeNameRequired",
      capacity: "admin.error.capacityTooLow",
    });
  });

  it("saves the registration settings and records what changed", async () => {
    const { id } = await freshCommunity();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      ...valid,
      name: "Nieuwe naam",
      registrationStatus: "full",
      closedReason: "Vol!",
      capacity: "40",
    }))
      form.set(k, v);
    const parsed = parseForm(communitySchema, form);
    if (!parsed.ok) throw new Error("invalid");
    await updateCommunity(organiserId, id, parsed.data);
    const community = await db.community.findUniqueOrThrow({ where: { id } });
    expect(community).toMatchObject({
      name: "Nieuwe naam",
      registrationStatus: "full",
      closedReason: "Vol!",
      capacity: 40,
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { communityId: id, action: "community.update" },
    });
    expect(JSON.parse(audit.data).changed).toEqual(
      expect.arrayContaining(["name", "tagline", "registrationStatus", "closedReason", "capacity"]),
    );
  });

  it("keeps partners in the chosen order and refuses a duplicate", async () => {
    const { id } = await freshCommunity();
    for (const name of ["Ingrado", "NCJ", "LBBO"])
      await addPartner(organiserId, id, { name, url: null });
    expect(await addPartner(organiserId, id, { name: "NCJ", url: null })).toEqual({
      ok: false,
      field: "name",
      error: "admin.error.partnerTaken",
    });
    const lbbo = await db.partner.findFirstOrThrow({ where: { communityId: id, name: "LBBO" } });
    await movePartner(organiserId, id, lbbo.id, "up");
    await movePartner(organiserId, id, lbbo.id, "up");
    await movePartner(organiserId, id, lbbo.id, "up"); // already first: nothing changes
    const partners = await db.partner.findMany({
      where: { communityId: id },
      orderBy: { position: "asc" },
    });
    expect(partners.map((p) => p.name)).toEqual(["LBBO", "Ingrado", "NCJ"]);
  });
});

describe("people", () => {
  it("never removes the last organiser", async () => {
    const { id } = await freshCommunity();
    expect(await removeOrganiser(organiserId, id, organiserId)).toEqual({
      ok: false,
      field: "organisers",
      error: "admin.error.lastOrganiser",
    });
    expect(await addOrganiser(organiserId, id, "niemand@werkplaats.test")).toEqual({
      ok: false,
      field: "email",
      error: "admin.error.noAccount",
    });
    const added = await addOrganiser(organiserId, id, facilitatorEmail);
    expect(added).toEqual({ ok: true, name: "Jeroen Bakker" });
    expect(await addOrganiser(organiserId, id, facilitatorEmail)).toMatchObject({
      error: "admin.error.alreadyOrganiser",
    });
    expect(await removeOrganiser(organiserId, id, organiserId)).toEqual({ ok: true });
    const left = await listOrganisers(id);
    expect(left.map((o) => o.email)).toEqual([facilitatorEmail]);
    expect(await removeOrganiser(left[0]!.id, id, left[0]!.id)).toMatchObject({
      error: "admin.error.lastOrganiser",
    });
    const actions = (
      await db.auditEvent.findMany({ where: { communityId: id }, orderBy: { at: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["community.create", "organiser.add", "organiser.remove"]);
  });

  it("assigns gespreksleiders by the e-mail address of an existing account", async () => {
    const { id } = await freshCommunity();
    await createTheme(organiserId, id, { name: "Samenwerken", description: "", capacity: 12 });
    expect(
      await createTheme(organiserId, id, { name: "samenwerken", description: "", capacity: null }),
    ).toMatchObject({
      error: "admin.error.themeTaken",
    });
    const [theme] = await listThemesAdmin(id);
    expect(theme).toMatchObject({ slug: "samenwerken", capacity: 12 });
    expect(
      await addFacilitator(organiserId, id, theme!.id, "onbekend@werkplaats.test"),
    ).toMatchObject({
      error: "admin.error.noAccount",
    });
    expect(await addFacilitator(organiserId, id, theme!.id, facilitatorEmail)).toEqual({
      ok: true,
      name: "Jeroen Bakker",
    });
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: facilitatorEmail } });
    expect(
      (await checkPermission(facilitator.id, "community.manage", { kind: "community", id }))
        .allowed,
    ).toBe(false);
    const [withLeader] = await listThemesAdmin(id);
    expect(withLeader!.facilitators.map((f) => f.email)).toEqual([facilitatorEmail]);
    expect(await removeFacilitator(organiserId, id, withLeader!.facilitators[0]!.grantId)).toEqual({
      ok: true,
    });
    expect((await listThemesAdmin(id))[0]!.facilitators).toEqual([]);
  });

  it("deletes a theme only while nobody is registered for it", async () => {
    const { id } = await freshCommunity();
    await createTheme(organiserId, id, {
      name: "Aanwezigheidsbeleid",
      description: "",
      capacity: null,
    });
    await createTheme(organiserId, id, {
      name: "Effectieve methodieken",
      description: "",
      capacity: null,
    });
    const [busy, empty] = await listThemesAdmin(id);
    const participant = await db.user.findUniqueOrThrow({
      where: { email: "deelnemer01@werkplaats.test" },
    });
    await db.registration.create({
      data: {
        communityId: id,
        userId: participant.id,
        themeId: busy!.id,
        organisation: "OBS",
        function: "po",
        consentAt: new Date(),
      },
    });
    expect(await deleteTheme(organiserId, id, busy!.id)).toEqual({
      ok: false,
      field: "confirm",
      error: "admin.error.themeHasRegistrations",
    });
    expect(await deleteTheme(organiserId, id, empty!.id)).toEqual({ ok: true });
    expect((await listThemesAdmin(id)).map((t) => [t.name, t.registrations])).toEqual([
      ["Aanwezigheidsbeleid", 1],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { communityId: id, action: "theme.delete" },
    });
    expect(audit.targetId).toBe(empty!.id);
  });
});
