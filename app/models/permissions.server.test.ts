import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import {
  ACTIONS,
  type Action,
  can,
  checkPermission,
  type Permission,
  ROLES,
  type Role,
  type Target,
} from "./permissions.server";

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
  "community.create": /* */ {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
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
  "outcome.configure": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.comment": {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.submit": {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  // Without the group's permission, members may not (see the condition test below).
  "outcome.acceptSuggestions": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.publish": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.readPublished": {
    anonymous: N,
    user: N,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "outcome.export": {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "plenary.view": {
    anonymous: N,
    user: N,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "plenary.present": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  "question.raise": {
    anonymous: N,
    user: N,
    registrant: N,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "question.vote": {
    anonymous: N,
    user: N,
    registrant: Y,
    member: Y,
    facilitator: Y,
    organiser: Y,
  },
  "question.moderate": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  "magazine.manage": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
    organiser: Y,
  },
  // Without conditions an edition is a draft: organisers only (published: see below).
  "magazine.read": {
    anonymous: N,
    user: N,
    registrant: N,
    member: N,
    facilitator: N,
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

  it("lets members accept suggestions only when the group allows it and the text is not locked", () => {
    expect(can("member", "outcome.acceptSuggestions", { membersAcceptSuggestions: true })).toBe(
      true,
    );
    expect(
      can("member", "outcome.acceptSuggestions", { membersAcceptSuggestions: true, locked: true }),
    ).toBe(false);
    expect(can("registrant", "outcome.acceptSuggestions", { membersAcceptSuggestions: true })).toBe(
      false,
    );
    expect(can("facilitator", "outcome.acceptSuggestions", { locked: true })).toBe(true);
  });

  it("keeps comments open on a locked outcome", () => {
    expect(can("member", "outcome.comment", { locked: true })).toBe(true);
  });

  it("shows an unpublished community to its organisers only", () => {
    for (const role of ROLES)
      expect(can(role, "community.view", { published: false })).toBe(role === "organiser");
  });

  it("takes no registrations for an unpublished community (its organisers may try it out)", () => {
    for (const role of ROLES) {
      expect(can(role, "community.register", { published: false })).toBe(role === "organiser");
      expect(can(role, "community.register", { published: true })).toBe(role !== "anonymous");
    }
  });

  it("shows a published edition to anyone, a draft or one of an unpublished community to organisers only", () => {
    for (const role of ROLES) {
      expect(can(role, "magazine.read", { editionPublished: true, published: true })).toBe(true);
      expect(can(role, "magazine.read", { editionPublished: false })).toBe(role === "organiser");
      expect(can(role, "magazine.read", { editionPublished: true, published: false })).toBe(
        role === "organiser",
      );
    }
  });

  it("closes the development outbox in production", () => {
    for (const role of ROLES) expect(can(role, "dev.outbox", { production: true })).toBe(false);
  });
});

describe("roles resolved from the database (seeded demo community)", () => {
  let ids: { beleid1: string; beleid1Outcome: string; samenwerken1: string };
  const slug = "werken-aan-aanwezigheid";

  /** Asks the module about a seeded person (null: anonymous). */
  async function decide(email: string | null, action: Action, target: () => Target) {
    const userId = email ? (await db.user.findUniqueOrThrow({ where: { email } })).id : null;
    return checkPermission(userId, action, target());
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
    };
  });

  const ownOutcome = (): Target => ({ kind: "outcome", id: ids.beleid1Outcome });
  const otherSubgroup = (): Target => ({ kind: "subgroup", id: ids.samenwerken1 });
  const community = (): Target => ({ kind: "community", slug });

  // who, action, target, expected answer
  const cases: [string | null, Action, () => Target, Partial<Permission>][] = [
    // a member may write their own outcome but not see another theme's subgroup
    ["deelnemer01@werkplaats.test", "outcome.write", ownOutcome, { role: "member", allowed: true }],
    [
      "deelnemer01@werkplaats.test",
      "subgroup.view",
      otherSubgroup,
      { role: "registrant", allowed: false },
    ],
    // a facilitator may moderate subgroups of their own theme only
    [
      "gespreksleider.beleid@werkplaats.test",
      "outcome.moderate",
      ownOutcome,
      { role: "facilitator", allowed: true },
    ],
    ["gespreksleider.beleid@werkplaats.test", "subgroup.view", otherSubgroup, { allowed: false }],
    // the organiser may manage the community and read every outcome
    [
      "organisator@werkplaats.test",
      "community.manage",
      community,
      { role: "organiser", allowed: true },
    ],
    ["organisator@werkplaats.test", "outcome.read", ownOutcome, { allowed: true }],
    // starting a new community: organisers of any community, nobody else
    [
      "organisator@werkplaats.test",
      "community.create",
      () => ({ kind: "site" }),
      { role: "organiser", allowed: true },
    ],
    [
      "deelnemer13@werkplaats.test",
      "community.create",
      () => ({ kind: "site" }),
      { role: "user", allowed: false },
    ],
    // the facilitator sets the outcome's title, type and template; members do not
    ["gespreksleider.beleid@werkplaats.test", "outcome.configure", ownOutcome, { allowed: true }],
    ["deelnemer01@werkplaats.test", "outcome.configure", ownOutcome, { allowed: false }],
    // a plenary-only registrant sees the online link but no subgroup
    [
      "deelnemer13@werkplaats.test",
      "meeting.viewOnlineLink",
      community,
      { role: "registrant", allowed: true },
    ],
    ["deelnemer13@werkplaats.test", "outcome.read", ownOutcome, { allowed: false }],
    // anonymous visitors see the community but not the online link; unknown targets are not found
    [null, "community.view", community, { allowed: true }],
    [null, "meeting.viewOnlineLink", community, { allowed: false }],
    [
      null,
      "outcome.read",
      () => ({ kind: "outcome", id: "does-not-exist" }),
      { found: false, allowed: false },
    ],
  ];

  for (const [email, action, target, expected] of cases) {
    it(`${email ?? "anonymous"}: ${action} → ${JSON.stringify(expected)}`, async () => {
      expect(await decide(email, action, target)).toMatchObject(expected);
    });
  }

  it("locking an outcome takes write access from members at once", async () => {
    await db.outcome.update({ where: { id: ids.beleid1Outcome }, data: { locked: true } });
    try {
      expect(
        await decide("deelnemer01@werkplaats.test", "outcome.write", ownOutcome),
      ).toMatchObject({ allowed: false });
      expect(await decide("deelnemer01@werkplaats.test", "outcome.read", ownOutcome)).toMatchObject(
        { allowed: true },
      );
    } finally {
      await db.outcome.update({ where: { id: ids.beleid1Outcome }, data: { locked: false } });
    }
  });
});
