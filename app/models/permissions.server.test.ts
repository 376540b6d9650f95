import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { ACTIONS, type Action, can, checkPermission, ROLES, type Role } from "./permissions.server";

// The expected answer for every role × action (no special conditions). Reading down a column
// tells who may do one thing; a new action or role without a row here fails the first test.
const Y = true;
const N = false;
const TABLE: Record<Action, Record<Role, boolean>> = {
  //                        anonymous  user  registrant member facilitator organiser
  "site.view": /*        */ {
    anonymous: Y,
    user: Y,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "account.view": /*     */ {
    anonymous: N,
    user: Y,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "dev.outbox": /*       */ {
    anonymous: Y,
    user: Y,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "community.view": /*   */ {
    anonymous: Y,
    user: Y,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "community.manage": /* */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  "community.register": {
    anonymous: N,
    user: Y,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "meeting.viewOnlineLink": {
    anonymous: N,
    user: N,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "registration.viewAll": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  "subgroup.view": /*    */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "subgroup.manage": /*  */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  "outcome.read": /*     */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.write": /*    */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.moderate": /* */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: Y,
    organiser: Y,
  },
};

describe("the permissions table", () => {
  it("has an expected answer for every action and role", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACTIONS].sort());
    for (const row of Object.values(TABLE))
      expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      it(`${role} ${TABLE[action][role] ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action, { production: false })).toBe(TABLE[action][role]);
      });
    }
  }

  it("makes a locked outcome read-only for members but not for its leaders", () => {
    expect(can("member", "outcome.write", { locked: true })).toBe(false);
    expect(can("member", "outcome.read", { locked: true })).toBe(true);
    expect(can("facilitator", "outcome.write", { locked: true })).toBe(true);
    expect(can("organiser", "outcome.write", { locked: true })).toBe(true);
  });

  it("shows an unpublished community to its organisers only", () => {
    for (const role of ROLES)
      expect(can(role, "community.view", { published: false })).toBe(role === "organiser");
  });

  it("closes the development outbox in production", () => {
    for (const role of ROLES) expect(can(role, "dev.outbox", { production: true })).toBe(false);
  });
});

describe("roles resolved from the database (seeded demo community)", () => {
  let ids: { beleid1: string; beleid1Outcome: string; samenwerken1: string; slug: string };

  async function userId(email: string) {
    return (await db.user.findUniqueOrThrow({ where: { email } })).id;
  }

  beforeAll(async () => {
    await seedDemo(db);
    const member = await db.subgroupMembership.findFirstOrThrow({
      where: { user: { email: "deelnemer01@werkplaats.test" } },
      include: { subgroup: { include: { outcome: true } } },
    });
    const samenwerken = await db.subgroup.findFirstOrThrow({
      where: { theme: { slug: "samenwerken" } },
      orderBy: { position: "asc" },
    });
    ids = {
      beleid1: member.subgroupId,
      beleid1Outcome: member.subgroup.outcome!.id,
      samenwerken1: samenwerken.id,
      slug: "werken-aan-aanwezigheid",
    };
  });

  it("a member may write their own outcome but not see another theme's subgroup", async () => {
    const me = await userId("deelnemer01@werkplaats.test");
    const own = await checkPermission(me, "outcome.write", {
      kind: "outcome",
      id: ids.beleid1Outcome,
    });
    expect(own).toMatchObject({ role: "member", allowed: true });
    const other = await checkPermission(me, "subgroup.view", {
      kind: "subgroup",
      id: ids.samenwerken1,
    });
    expect(other).toMatchObject({ role: "registrant", allowed: false });
  });

  it("a facilitator may moderate subgroups of their own theme only", async () => {
    const leader = await userId("gespreksleider.beleid@werkplaats.test");
    expect(
      await checkPermission(leader, "outcome.moderate", {
        kind: "outcome",
        id: ids.beleid1Outcome,
      }),
    ).toMatchObject({
      role: "facilitator",
      allowed: true,
    });
    expect(
      await checkPermission(leader, "subgroup.view", { kind: "subgroup", id: ids.samenwerken1 }),
    ).toMatchObject({ allowed: false });
  });

  it("the organiser may manage the community and read every outcome", async () => {
    const organiser = await userId("organisator@werkplaats.test");
    expect(
      await checkPermission(organiser, "community.manage", { kind: "community", slug: ids.slug }),
    ).toMatchObject({
      role: "organiser",
      allowed: true,
    });
    expect(
      await checkPermission(organiser, "outcome.read", { kind: "outcome", id: ids.beleid1Outcome }),
    ).toMatchObject({ allowed: true });
  });

  it("a plenary-only registrant sees the online link but no subgroup", async () => {
    const plenary = await userId("deelnemer13@werkplaats.test");
    expect(
      await checkPermission(plenary, "meeting.viewOnlineLink", {
        kind: "community",
        slug: ids.slug,
      }),
    ).toMatchObject({
      role: "registrant",
      allowed: true,
    });
    expect(
      await checkPermission(plenary, "outcome.read", { kind: "outcome", id: ids.beleid1Outcome }),
    ).toMatchObject({ allowed: false });
  });

  it("anonymous visitors see the community but not the online link; unknown targets are not found", async () => {
    expect(
      await checkPermission(null, "community.view", { kind: "community", slug: ids.slug }),
    ).toMatchObject({ allowed: true });
    expect(
      await checkPermission(null, "meeting.viewOnlineLink", { kind: "community", slug: ids.slug }),
    ).toMatchObject({ allowed: false });
    expect(
      await checkPermission(null, "outcome.read", { kind: "outcome", id: "does-not-exist" }),
    ).toMatchObject({
      found: false,
      allowed: false,
    });
  });

  it("locking an outcome takes write access from members at once", async () => {
    const me = await userId("deelnemer01@werkplaats.test");
    await db.outcome.update({ where: { id: ids.beleid1Outcome }, data: { locked: true } });
    try {
      expect(
        await checkPermission(me, "outcome.write", { kind: "outcome", id: ids.beleid1Outcome }),
      ).toMatchObject({ allowed: false });
      expect(
        await checkPermission(me, "outcome.read", { kind: "outcome", id: ids.beleid1Outcome }),
      ).toMatchObject({ allowed: true });
    } finally {
      await db.outcome.update({ where: { id: ids.beleid1Outcome }, data: { locked: false } });
    }
  });
});
