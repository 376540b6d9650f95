// seedDemo against real, freshly migrated databases: SQLite always, PostgreSQL when available.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedTimeToUtc } from "~/lib/dates";
import { FUNCTIONS } from "~/lib/domain";
import type { Db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { createTestDatabase, pgAvailable, type TestDatabase } from "../../tests/helpers/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed.server";

const pgUrl = await pgAvailable();
if (!pgUrl) {
  console.warn(
    "seed.server.test: PostgreSQL not reachable (DATABASE_URL_TEST_PG or postgresql://postgres@127.0.0.1:5432/test); skipping the PostgreSQL run",
  );
}

const SLUG = "werken-aan-aanwezigheid";

/** Row counts of every table the seed writes (or must not write). */
async function counts(db: Db) {
  return {
    users: await db.user.count(),
    communities: await db.community.count(),
    partners: await db.partner.count(),
    themes: await db.theme.count(),
    meetings: await db.meeting.count(),
    agendaItems: await db.agendaItem.count(),
    registrations: await db.registration.count(),
    subgroups: await db.subgroup.count(),
    memberships: await db.subgroupMembership.count(),
    grants: await db.roleGrant.count(),
    outcomes: await db.outcome.count(),
    auditEvents: await db.auditEvent.count(),
  };
}

/** Local date and time of an instant in Europe/Amsterdam, e.g. "2021-06-24 13:00". */
function amsterdam(date: Date): string {
  const parts = new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

describe("zonedTimeToUtc", () => {
  it("converts Amsterdam wall-clock times in summer (CEST) and winter (CET)", () => {
    const tz = "Europe/Amsterdam";
    expect(zonedTimeToUtc("2021-06-24", "13:00", tz).toISOString()).toBe(
      "2021-06-24T11:00:00.000Z",
    );
    expect(zonedTimeToUtc("2021-11-16", "15:30", tz).toISOString()).toBe(
      "2021-11-16T14:30:00.000Z",
    );
    // Either side of the 2021 switches (28 March, 31 October).
    expect(zonedTimeToUtc("2021-03-28", "01:30", tz).toISOString()).toBe(
      "2021-03-28T00:30:00.000Z",
    );
    expect(zonedTimeToUtc("2021-03-28", "03:30", tz).toISOString()).toBe(
      "2021-03-28T01:30:00.000Z",
    );
    expect(zonedTimeToUtc("2021-10-31", "04:00", tz).toISOString()).toBe(
      "2021-10-31T03:00:00.000Z",
    );
    expect(zonedTimeToUtc("2021-06-24", "13:00", "UTC").toISOString()).toBe(
      "2021-06-24T13:00:00.000Z",
    );
  });
});

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !pgUrl)(`seedDemo on ${provider}`, () => {
    let testDb: TestDatabase;
    let db: Db;

    beforeAll(async () => {
      testDb = await createTestDatabase(provider);
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb?.cleanup();
    });

    it("leaves nothing behind when it fails halfway (one transaction)", async () => {
      const failingLog = (msg: string) => {
        if (msg.includes("subgroepen")) throw new Error("simulated crash mid-seed");
      };
      await expect(seedDemo(db, { log: failingLog })).rejects.toThrow("simulated crash");
      expect(Object.values(await counts(db)).every((n) => n === 0)).toBe(true);
    });

    it("creates the community once and is idempotent", async () => {
      const messages: string[] = [];
      expect(await seedDemo(db, { log: (m) => messages.push(m) })).toEqual({ created: true });
      expect(messages.length).toBeGreaterThan(0);

      const first = await counts(db);
      expect(first).toEqual({
        users: 17,
        communities: 3,
        partners: 7,
        themes: 3,
        meetings: 7,
        agendaItems: 16,
        registrations: 13,
        subgroups: 6,
        memberships: 12,
        grants: 6,
        outcomes: 6,
        auditEvents: 1,
      });

      expect(await seedDemo(db)).toEqual({ created: false });
      expect(await seedDemo(db)).toEqual({ created: false });
      expect(await counts(db)).toEqual(first);
    });

    it("describes the community faithfully", async () => {
      const community = await db.community.findUniqueOrThrow({
        where: { slug: SLUG },
        include: {
          partners: { orderBy: { position: "asc" } },
          themes: { orderBy: { position: "asc" } },
        },
      });
      expect(community).toMatchObject({
        name: "Werken aan aanwezigheid",
        kind: "leergemeenschap",
        location: "Online",
        costs: "Er zijn geen kosten verbonden aan deelname.",
        timeZone: "Europe/Amsterdam",
        registrationStatus: "open",
      });
      expect(community.publishedAt).toBeInstanceOf(Date);
      expect(community.tagline).toContain("Preventie van thuiszitten");
      expect(community.description).toContain("aanwezigheid");
      expect(community.description).toContain("online magazine");
      expect(community.description).toContain("alleen in te schrijven voor het plenaire");
      expect(community.audience).toContain("leerplichtambtenaren");
      expect(community.partners.map((p) => [p.position, p.name])).toEqual([
        [1, "Steunpunt Passend Onderwijs"],
        [2, "Ingrado"],
        [3, "NCJ"],
        [4, "BiOND (voorheen NVS-NVL)"],
        [5, "LBBO"],
      ]);
      expect(community.themes.map((t) => [t.position, t.slug, t.name])).toEqual([
        [1, "aanwezigheidsbeleid", "Aanwezigheidsbeleid"],
        [2, "effectieve-methodieken", "Effectieve methodieken"],
        [3, "samenwerken", "Samenwerken"],
      ]);
      expect(community.themes[0]!.description).toContain("levend beleid");
      expect(community.themes[1]!.description).toContain("voorkomen van schoolverzuim");
      expect(community.themes[2]!.description).toContain("gezamenlijk eigenaarschap");
    });

    it("schedules three online meetings at 13:00–15:30 Amsterdam time", async () => {
      const meetings = await db.meeting.findMany({
        where: { community: { slug: SLUG } },
        orderBy: { number: "asc" },
        include: { agendaItems: { orderBy: [{ part: "asc" }, { position: "asc" }] } },
      });
      expect(
        meetings.map((m) => [m.number, m.startsAt.toISOString(), m.endsAt.toISOString()]),
      ).toEqual([
        [1, "2021-06-24T11:00:00.000Z", "2021-06-24T13:30:00.000Z"],
        [2, "2021-09-21T11:00:00.000Z", "2021-09-21T13:30:00.000Z"],
        [3, "2021-11-16T12:00:00.000Z", "2021-11-16T14:30:00.000Z"],
      ]);
      expect(meetings.map((m) => [amsterdam(m.startsAt), amsterdam(m.endsAt)])).toEqual([
        ["2021-06-24 13:00", "2021-06-24 15:30"],
        ["2021-09-21 13:00", "2021-09-21 15:30"],
        ["2021-11-16 13:00", "2021-11-16 15:30"],
      ]);
      for (const m of meetings) {
        expect(m).toMatchObject({
          mode: "online",
          status: "scheduled",
          timeZone: "Europe/Amsterdam",
          onlineUrl: `https://meet.werkplaats.test/${SLUG}/bijeenkomst-${m.number}`,
        });
        const plenary = m.agendaItems.filter((a) => a.part === "plenary");
        const theme = m.agendaItems.filter((a) => a.part === "theme");
        expect(plenary.length).toBeGreaterThanOrEqual(2);
        expect(theme.length).toBeGreaterThanOrEqual(1);
        for (const part of [plenary, theme]) {
          expect(part.map((a) => a.position)).toEqual(part.map((_, i) => i + 1));
        }
        expect(
          m.agendaItems.every((a) => /^([01]\d|2[0-3]):[0-5]\d$/.test(a.startTime ?? "")),
        ).toBe(true);
        expect(plenary[0]).toMatchObject({ startTime: "13:00", title: "Welkom en opening" });
        expect(plenary.at(-1)).toMatchObject({ startTime: "15:30", title: "Afsluiting" });
      }
      const titles = meetings.map((m) => m.agendaItems.map((a) => a.title).join(" | "));
      expect(titles[0]).toContain("Ingrado");
      expect(titles[0]).toContain("opbrengst");
      expect(titles[1]).toContain("oudersteunpunten");
    });

    it("grants the organiser and one facilitator per theme", async () => {
      const community = await db.community.findUniqueOrThrow({ where: { slug: SLUG } });
      const grants = await db.roleGrant.findMany({
        where: { communityId: community.id },
        include: { user: true, theme: true },
      });
      const organiser = grants.filter((g) => g.role === "organiser");
      expect(organiser).toHaveLength(1);
      expect(organiser[0]).toMatchObject({ themeId: null, subgroupId: null });
      expect(organiser[0]!.user).toMatchObject({
        email: "organisator@werkplaats.test",
        name: "Marieke de Vries",
      });

      const facilitators = grants
        .filter((g) => g.role === "facilitator")
        .map((g) => [g.user.email, g.theme?.slug, g.subgroupId]);
      expect(facilitators.sort()).toEqual([
        ["gespreksleider.beleid@werkplaats.test", "aanwezigheidsbeleid", null],
        ["gespreksleider.methodieken@werkplaats.test", "effectieve-methodieken", null],
        ["gespreksleider.samenwerken@werkplaats.test", "samenwerken", null],
      ]);
      // Facilitators lead a theme; they are not members of its subgroups.
      const facilitatorIds = grants.filter((g) => g.role === "facilitator").map((g) => g.userId);
      expect(await db.subgroupMembership.count({ where: { userId: { in: facilitatorIds } } })).toBe(
        0,
      );
    });

    it("registers twelve participants in mixed subgroups and one plenary-only", async () => {
      const registrations = await db.registration.findMany({
        include: { user: true, theme: true },
      });
      expect(registrations.every((r) => r.status === "registered" && r.consentAt)).toBe(true);
      expect(new Set(registrations.map((r) => r.function))).toEqual(new Set(FUNCTIONS));
      const perTheme = new Map<string, number>();
      for (const r of registrations) {
        if (r.theme) perTheme.set(r.theme.slug, (perTheme.get(r.theme.slug) ?? 0) + 1);
      }
      expect(Object.fromEntries(perTheme)).toEqual({
        aanwezigheidsbeleid: 4,
        "effectieve-methodieken": 4,
        samenwerken: 4,
      });

      const plenaryOnly = registrations.filter((r) => r.plenaryOnly);
      expect(plenaryOnly).toHaveLength(1);
      expect(plenaryOnly[0]).toMatchObject({ themeId: null });
      expect(plenaryOnly[0]!.user.email).toBe("deelnemer13@werkplaats.test");
      expect(await db.subgroupMembership.count({ where: { userId: plenaryOnly[0]!.userId } })).toBe(
        0,
      );

      const subgroups = await db.subgroup.findMany({
        include: { members: { include: { user: true } }, outcome: true, theme: true },
        orderBy: [{ themeId: "asc" }, { position: "asc" }],
      });
      expect(subgroups).toHaveLength(6);
      const byTheme = new Map<string, string[]>();
      for (const s of subgroups) {
        byTheme.set(s.theme.slug, [...(byTheme.get(s.theme.slug) ?? []), s.name].sort());
        expect(s.members).toHaveLength(2);
        expect(s.members.every((m) => m.themeId === s.themeId)).toBe(true);
        const functions = s.members.map(
          (m) => registrations.find((r) => r.userId === m.userId)!.function,
        );
        expect(new Set(functions).size).toBe(2);
        expect(s.outcome).toMatchObject({ type: "leeg", status: "concept", ydocState: null });
        for (const m of s.members) {
          const registration = registrations.find((r) => r.userId === m.userId)!;
          expect(registration.themeId).toBe(s.themeId);
        }
      }
      for (const names of byTheme.values()) expect(names).toEqual(["Subgroep 1", "Subgroep 2"]);
    });

    it("matches DEMO_ACCOUNTS and the demo password verifies", async () => {
      const users = await db.user.findMany({
        include: { memberships: { include: { subgroup: { include: { theme: true } } } } },
      });
      expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
      expect(DEMO_ACCOUNTS.filter((a) => a.role === "participant")).toHaveLength(13);
      for (const account of DEMO_ACCOUNTS) {
        const user = users.find((u) => u.email === account.email)!;
        expect(user.name).toBe(account.name);
        if (account.role === "participant" && account.subgroup) {
          expect(user.memberships.map((m) => [m.subgroup.theme.slug, m.subgroup.name])).toEqual([
            [account.theme, account.subgroup],
          ]);
        }
      }
      // One hash, reused for every account.
      expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1);
      const organiser = users.find((u) => u.email === "organisator@werkplaats.test")!;
      expect(await verifyPassword(organiser.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(organiser.passwordHash, "werkplaats2021!")).toBe(false);
    });

    it("holds the cancelled, full, in-person Ontwikkelgroep and the regional thema-cafés", async () => {
      const ontwikkelgroep = await db.community.findUniqueOrThrow({
        where: { slug: "ontwikkelgroep-preventie-van-thuiszitten" },
        include: { meetings: true },
      });
      expect(ontwikkelgroep).toMatchObject({
        registrationStatus: "full",
        closedReason: "U kunt zich niet meer aanmelden. Deze ontwikkelgroep is vol.",
      });
      const [first] = ontwikkelgroep.meetings;
      expect(first).toMatchObject({
        mode: "venue",
        venueName: "VO-raad",
        venueAddress: "Aidadreef 4, Utrecht",
        status: "cancelled",
      });
      expect(first!.cancelReason).toContain("coronavirus");
      expect(amsterdam(first!.startsAt)).toBe("2020-03-25 12:30");
      expect(amsterdam(first!.endsAt)).toBe("2020-03-25 15:30");

      const cafes = await db.community.findUniqueOrThrow({
        where: { slug: "themacafes-thuiszitters" },
        include: { meetings: { orderBy: { number: "asc" } } },
      });
      expect(cafes.registrationStatus).toBe("closed");
      expect(cafes.meetings.map((m) => m.region)).toEqual(["Midden", "Noord-West", "Noord"]);
      expect(cafes.meetings.map((m) => amsterdam(m.walkInAt!))).toEqual([
        "2018-11-26 12:30",
        "2018-11-27 12:30",
        "2018-12-03 12:30",
      ]);
      expect(amsterdam(cafes.meetings[2]!.startsAt)).toBe("2018-12-03 13:00");
    });

    it("records the seed in the audit log", async () => {
      const community = await db.community.findUniqueOrThrow({ where: { slug: SLUG } });
      const events = await db.auditEvent.findMany();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: "seed.demo",
        targetType: "community",
        targetId: community.id,
        communityId: community.id,
      });
    });
  });
}
