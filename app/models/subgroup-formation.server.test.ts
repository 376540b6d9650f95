import { beforeAll, describe, expect, it } from "vitest";
import { proposeSubgroups } from "~/lib/subgroup-proposal";
import { db } from "~/utils/db.server";
import { onAccessChange } from "~/utils/live-events.server";
import {
  addSubgroup,
  confirmFormation,
  getFormationOverview,
  moveMember,
  placeMember,
} from "./subgroup-formation.server";

let organiserId: string;
const ORIGIN = "https://werkplaats.example.nl";

beforeAll(async () => {
  organiserId = (
    await db.user.create({
      data: {
        email: `org-${Date.now()}@werkplaats.test`,
        name: "Organisator Test",
        passwordHash: "x",
      },
    })
  ).id;
});

const FUNCTIONS = ["po", "vo", "leerplicht", "jgz", "gemeente"];

/** A community with one unformed theme and `count` registrants (plus one waitlisted and one plenary-only). */
async function communityWithRegistrants(count: number) {
  const tag = Math.random().toString(36).slice(2, 8);
  const community = await db.community.create({
    data: {
      slug: `test-${tag}`,
      name: `Testgemeenschap ${tag}`,
      tagline: "t",
      description: "d",
      audience: "a",
      location: "l",
      costs: "c",
      themes: { create: { slug: "thema", name: "Testthema", description: "d", position: 1 } },
    },
    include: { themes: true },
  });
  const theme = community.themes[0]!;
  const register = async (i: number, extra: { status?: string; plenaryOnly?: boolean } = {}) => {
    const user = await db.user.create({
      data: {
        email: `p${i}-${tag}@werkplaats.test`,
        name: `Deelnemer ${i}`,
        passwordHash: "x",
        locale: i === 0 ? "en" : "nl",
      },
    });
    await db.registration.create({
      data: {
        communityId: community.id,
        userId: user.id,
        themeId: extra.plenaryOnly ? null : theme.id,
        plenaryOnly: extra.plenaryOnly ?? false,
        status: extra.status ?? "registered",
        organisation: `Organisatie ${i % 3}`,
        function: FUNCTIONS[i % FUNCTIONS.length]!,
        consentAt: new Date(),
      },
    });
    return user.id;
  };
  const userIds: string[] = [];
  for (let i = 0; i < count; i++) userIds.push(await register(i));
  await register(100, { status: "waitlisted" });
  await register(101, { plenaryOnly: true });
  return { communityId: community.id, themeId: theme.id, userIds, register };
}

async function proposal(communityId: string, themeId: string, size = 4) {
  const theme = (await getFormationOverview(communityId)).find((t) => t.id === themeId)!;
  return proposeSubgroups(
    theme.unplaced.map((p) => ({
      id: p.userId,
      function: p.function ?? "",
      organisation: p.organisation ?? "",
    })),
    size,
  ).map((userIds, i) => ({ name: `Subgroep ${i + 1}`, userIds }));
}

function record<T>(subscribe: (listener: (value: T) => void) => () => void) {
  const seen: T[] = [];
  const stop = subscribe((value) => seen.push(value));
  return { seen, stop };
}

describe("confirming a formation", () => {
  it("creates subgroups with empty outcomes, memberships, the formation time, an audit event and one mail per member", async () => {
    const { communityId, themeId, userIds } = await communityWithRegistrants(9);
    const overview = (await getFormationOverview(communityId))[0]!;
    // Only registered theme registrants: not the waitlisted, not the plenary-only one.
    expect(overview.unplaced.map((p) => p.userId).sort()).toEqual([...userIds].sort());

    const groups = await proposal(communityId, themeId);
    expect(groups.map((g) => g.userIds.length)).toEqual([3, 3, 3]);
    const result = await confirmFormation({
      communityId,
      themeId,
      groups,
      actorId: organiserId,
      origin: ORIGIN,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const subgroups = await db.subgroup.findMany({
      where: { themeId },
      include: { outcome: true, members: true },
      orderBy: { position: "asc" },
    });
    expect(subgroups.map((s) => s.name)).toEqual(["Subgroep 1", "Subgroep 2", "Subgroep 3"]);
    expect(subgroups.map((s) => s.id)).toEqual(result.subgroupIds);
    for (const [i, s] of subgroups.entries()) {
      expect(s.outcome).toMatchObject({ type: "leeg", templateApplied: null });
      expect(s.members.map((m) => m.userId).sort()).toEqual([...groups[i]!.userIds].sort());
    }
    const theme = await db.theme.findUniqueOrThrow({ where: { id: themeId } });
    expect(theme.subgroupsFormedAt).not.toBeNull();

    const audit = await db.auditEvent.findMany({ where: { targetId: themeId } });
    expect(audit.map((a) => a.action)).toEqual(["subgroup.form"]);
    expect(audit[0]!.actorId).toBe(organiserId);

    const mails = await db.emailJob.findMany({ where: { userId: { in: userIds } } });
    expect(mails).toHaveLength(9);
    for (const mail of mails) {
      const subgroup = subgroups.find((s) => s.members.some((m) => m.userId === mail.userId))!;
      expect(mail.kind).toBe("subgroup.placed");
      expect(mail.dedupeKey).toBe(`subgroup.placed:${subgroup.id}:${mail.userId}`);
      expect(mail.text).toContain(`${ORIGIN}/subgroups/${subgroup.id}`);
    }
    // In each person's own language.
    const english = mails.find((m) => m.userId === userIds[0])!;
    expect(english.subject).toMatch(/^Your subgroup for Testthema/);
    const dutch = mails.find((m) => m.userId === userIds[1])!;
    expect(dutch.subject).toMatch(/^Je subgroep voor Testthema/);
  });

  it("is safe against a double submit: one set of subgroups, mails queued once", async () => {
    const { communityId, themeId, userIds } = await communityWithRegistrants(6);
    const groups = await proposal(communityId, themeId, 3);
    const input = { communityId, themeId, groups, actorId: organiserId, origin: ORIGIN };
    const first = await confirmFormation(input);
    const again = await confirmFormation(input);
    expect(first.ok).toBe(true);
    expect(again).toEqual({ ok: false, error: { kind: "alreadyFormed" } });
    expect(await db.subgroup.count({ where: { themeId } })).toBe(2);
    expect(await db.emailJob.count({ where: { userId: { in: userIds } } })).toBe(6);
    expect(await db.auditEvent.count({ where: { targetId: themeId } })).toBe(1);
  });

  it("lets only one of two simultaneous confirmations through", async () => {
    const { communityId, themeId, userIds } = await communityWithRegistrants(8);
    const groups = await proposal(communityId, themeId);
    const input = { communityId, themeId, groups, actorId: organiserId, origin: ORIGIN };
    const results = await Promise.all([confirmFormation(input), confirmFormation(input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: { kind: "alreadyFormed" } });
    expect(await db.subgroup.count({ where: { themeId } })).toBe(2);
    expect(await db.subgroupMembership.count({ where: { themeId } })).toBe(8);
    expect(await db.emailJob.count({ where: { userId: { in: userIds } } })).toBe(8);
  });

  it("refuses a division that leaves someone out, places someone twice, has an empty subgroup or a duplicate name, and writes nothing", async () => {
    const { communityId, themeId, userIds, register } = await communityWithRegistrants(5);
    const base = { communityId, themeId, actorId: organiserId, origin: ORIGIN };
    const [a, b, c, d, e] = userIds as [string, string, string, string, string];

    expect(
      await confirmFormation({ ...base, groups: [{ name: "A", userIds: [a, b, c, d] }] }),
    ).toEqual({ ok: false, error: { kind: "registrantsChanged" } });
    expect(
      await confirmFormation({
        ...base,
        groups: [
          { name: "A", userIds: [a, b, c] },
          { name: "B", userIds: [c, d, e] },
        ],
      }),
    ).toEqual({ ok: false, error: { kind: "registrantsChanged" } });
    expect(
      await confirmFormation({
        ...base,
        groups: [
          { name: "A", userIds: [a, b, c, d, e] },
          { name: "B", userIds: [] },
        ],
      }),
    ).toEqual({ ok: false, error: { kind: "emptySubgroup", index: 1 } });
    expect(
      await confirmFormation({
        ...base,
        groups: [
          { name: "Groep", userIds: [a, b, c] },
          { name: " groep ", userIds: [d, e] },
        ],
      }),
    ).toEqual({ ok: false, error: { kind: "nameDuplicate", index: 1 } });
    expect(
      await confirmFormation({
        ...base,
        groups: [
          { name: "", userIds: [a, b, c] },
          { name: "B", userIds: [d, e] },
        ],
      }),
    ).toEqual({ ok: false, error: { kind: "nameRequired", index: 0 } });

    // Someone registers while the organiser looks at the proposal: confirm refuses the old one.
    const late = await register(50);
    expect(
      await confirmFormation({
        ...base,
        groups: [
          { name: "A", userIds: [a, b, c] },
          { name: "B", userIds: [d, e] },
        ],
      }),
    ).toEqual({ ok: false, error: { kind: "registrantsChanged" } });

    expect(await db.subgroup.count({ where: { themeId } })).toBe(0);
    expect(
      (await db.theme.findUniqueOrThrow({ where: { id: themeId } })).subgroupsFormedAt,
    ).toBeNull();
    expect(await db.emailJob.count({ where: { userId: { in: [...userIds, late] } } })).toBe(0);
  });
});

describe("after formation", () => {
  async function formed(count = 8) {
    const setup = await communityWithRegistrants(count);
    const groups = await proposal(setup.communityId, setup.themeId);
    const result = await confirmFormation({
      communityId: setup.communityId,
      themeId: setup.themeId,
      groups,
      actorId: organiserId,
      origin: ORIGIN,
    });
    if (!result.ok) throw new Error("formation failed");
    return { ...setup, groups, subgroupIds: result.subgroupIds };
  }

  it("moving a member changes the membership, is audited, mailed and announced to the sync server", async () => {
    const { communityId, groups, subgroupIds } = await formed();
    const userId = groups[0]!.userIds[0]!;
    const [from, to] = subgroupIds as [string, string];
    const changes = record(onAccessChange);
    const moved = await moveMember({
      communityId,
      userId,
      toSubgroupId: to,
      actorId: organiserId,
      origin: ORIGIN,
    });
    changes.stop();
    expect(moved).toMatchObject({ ok: true, subgroupName: "Subgroep 2" });
    expect(changes.seen).toEqual([{ kind: "user", userId }]);
    expect(await db.subgroupMembership.findMany({ where: { userId } })).toMatchObject([
      { subgroupId: to },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "subgroup.moveMember", targetId: to },
    });
    expect(JSON.parse(audit.data)).toEqual({ userId, from, to });
    const mail = await db.emailJob.findFirstOrThrow({ where: { userId, kind: "subgroup.moved" } });
    expect(mail.text).toContain(`${ORIGIN}/subgroups/${to}`);
    expect(mail.text).toContain("Subgroep 1");

    // Into the subgroup they are already in: refused, nothing announced.
    const again = record(onAccessChange);
    expect(
      await moveMember({
        communityId,
        userId,
        toSubgroupId: to,
        actorId: organiserId,
        origin: ORIGIN,
      }),
    ).toEqual({ ok: false, error: "sameSubgroup" });
    again.stop();
    expect(again.seen).toEqual([]);
  });

  it("refuses to move someone into a subgroup of another community", async () => {
    const one = await formed(4);
    const other = await formed(4);
    expect(
      await moveMember({
        communityId: one.communityId,
        userId: one.userIds[0]!,
        toSubgroupId: other.subgroupIds[0]!,
        actorId: organiserId,
        origin: ORIGIN,
      }),
    ).toEqual({ ok: false, error: "subgroupNotFound" });
  });

  it("places a latecomer once, with a mail; lists them as not placed until then", async () => {
    const { communityId, themeId, register, subgroupIds } = await formed();
    const late = await register(60);
    const overview = (await getFormationOverview(communityId))[0]!;
    expect(overview.unplaced.map((p) => p.userId)).toEqual([late]);

    const input = {
      communityId,
      userId: late,
      toSubgroupId: subgroupIds[1]!,
      actorId: organiserId,
      origin: ORIGIN,
    };
    expect(await placeMember(input)).toMatchObject({ ok: true });
    expect(await placeMember(input)).toEqual({ ok: false, error: "alreadyPlaced" });
    expect(await db.subgroupMembership.count({ where: { themeId, userId: late } })).toBe(1);
    const mails = await db.emailJob.findMany({ where: { userId: late } });
    expect(mails.map((m) => m.dedupeKey)).toEqual([`subgroup.placed:${subgroupIds[1]}:${late}`]);
    expect((await getFormationOverview(communityId))[0]!.unplaced).toEqual([]);
  });

  it("adds an extra subgroup with an empty outcome and the next free name", async () => {
    const { communityId, themeId } = await formed();
    const added = await addSubgroup({ communityId, themeId, name: "", actorId: organiserId });
    expect(added).toMatchObject({ ok: true, name: "Subgroep 3" });
    if (!added.ok) return;
    const subgroup = await db.subgroup.findUniqueOrThrow({
      where: { id: added.id },
      include: { outcome: true },
    });
    expect(subgroup.outcome).not.toBeNull();
    expect(
      await addSubgroup({ communityId, themeId, name: "subgroep 3", actorId: organiserId }),
    ).toEqual({ ok: false, error: "nameDuplicate" });
  });
});
