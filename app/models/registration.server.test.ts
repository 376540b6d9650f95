// Registration against the real database: places, the waitlist in order, promotion with its
// mail, change of theme, the e-mail queue surviving a "restart", reminders and calendar files.
import fs from "node:fs/promises";
import path from "node:path";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { zonedTimeToUtc } from "~/lib/dates";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { communityCalendar } from "./calendar.server";
import { deliverDueEmails, queueEmail } from "./email-queue.server";
import { deleteAccount } from "./privacy.server";
import {
  changeTheme,
  RegistrationRefused,
  register,
  waitlistPosition,
  withdraw,
} from "./registration.server";
import { queueDueReminders, reminderAt } from "./reminders.server";

const origin = { origin: "https://werkplaats.example" };
const tag = () => Math.random().toString(36).slice(2, 9);

/** A community of its own per test: two themes of 2 places, 3 places in all, one meeting. */
async function freshCommunity(options: { capacity?: number | null } = {}) {
  const slug = `test-${tag()}`;
  const community = await db.community.create({
    data: {
      slug,
      name: `Testgemeenschap ${slug}`,
      tagline: "t",
      description: "d",
      audience: "a",
      location: "Online",
      costs: "gratis",
      capacity: options.capacity === undefined ? 3 : options.capacity,
      publishedAt: new Date(),
      themes: {
        create: [
          { slug: "a", name: "Thema A", description: "", position: 1, capacity: 2 },
          { slug: "b", name: "Thema B", description: "", position: 2, capacity: 2 },
        ],
      },
      meetings: {
        create: {
          number: 1,
          startsAt: zonedTimeToUtc("2030-06-24", "13:00", "Europe/Amsterdam"),
          endsAt: zonedTimeToUtc("2030-06-24", "15:30", "Europe/Amsterdam"),
          mode: "online",
          onlineUrl: "https://meet.example/geheim",
        },
      },
    },
    include: { themes: { orderBy: { position: "asc" } } },
  });
  const [a, b] = community.themes;
  return { id: community.id, slug, themeA: a!.id, themeB: b!.id };
}

async function person(name = "Deelnemer") {
  return db.user.create({
    data: { email: `${tag()}@werkplaats.test`, name, passwordHash: "x" },
  });
}

const input = (themeId: string | null) => ({
  themeId,
  organisation: "OBS De Regenboog",
  function: "po" as const,
});

async function mailsTo(userId: string) {
  return db.emailJob.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

beforeEach(async () => {
  // Mail due from other test files must not be delivered by these tests' delivery runs.
  await db.emailJob.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
});

describe("registration and the waitlist", () => {
  it("gives places until a theme is full, then waitlists in order of arrival", async () => {
    const c = await freshCommunity({ capacity: null });
    const [p1, p2, p3, p4] = await Promise.all([person(), person(), person(), person()]);
    expect(await register(p1.id, c.id, input(c.themeA), origin)).toEqual({
      status: "registered",
    });
    await register(p2.id, c.id, input(c.themeA), origin);
    expect(await register(p3.id, c.id, input(c.themeA), origin)).toEqual({
      status: "waitlisted",
      position: 1,
    });
    expect(await register(p4.id, c.id, input(c.themeA), origin)).toEqual({
      status: "waitlisted",
      position: 2,
    });
    // Another theme still has room.
    const p5 = await person();
    expect((await register(p5.id, c.id, input(c.themeB), origin)).status).toBe("registered");

    expect((await mailsTo(p1.id)).map((m) => m.kind)).toEqual(["registration.confirmed"]);
    expect((await mailsTo(p3.id)).map((m) => m.kind)).toEqual(["registration.waitlisted"]);
    expect((await mailsTo(p3.id))[0]!.text).toContain("plaats 1");
  });

  it("promotes the first waiting person when someone withdraws, and mails them once", async () => {
    const c = await freshCommunity({ capacity: null });
    const [p1, p2, p3, p4] = await Promise.all([person(), person(), person(), person()]);
    for (const p of [p1, p2, p3, p4]) await register(p.id, c.id, input(c.themeA), origin);

    const { promoted } = await withdraw(p1.id, c.id, origin);
    expect(promoted).toEqual([p3.id]);
    const rows = await db.registration.findMany({
      where: { communityId: c.id },
      select: { userId: true, status: true, waitlistedAt: true, themeId: true, communityId: true },
    });
    const status = (id: string) => rows.find((r) => r.userId === id)!.status;
    expect([p1, p2, p3, p4].map((p) => status(p.id))).toEqual([
      "withdrawn",
      "registered",
      "registered",
      "waitlisted",
    ]);
    expect(await waitlistPosition(db, rows.find((r) => r.userId === p4.id)!)).toBe(1);
    const promotion = (await mailsTo(p3.id)).filter((m) => m.kind === "waitlist.promoted");
    expect(promotion).toHaveLength(1);
    const ics = JSON.parse(promotion[0]!.attachments) as { content: string }[];
    expect(ics[0]!.content).toContain("https://meet.example/geheim");
    await expect(withdraw(p1.id, c.id, origin)).rejects.toBeInstanceOf(RegistrationRefused);
  });

  it("counts the community's places across themes and the plenary part", async () => {
    const c = await freshCommunity({ capacity: 3 });
    const people = await Promise.all([person(), person(), person(), person()]);
    await register(people[0]!.id, c.id, input(c.themeA), origin);
    await register(people[1]!.id, c.id, input(c.themeB), origin);
    await register(people[2]!.id, c.id, input(null), origin);
    // Theme B has a place, but the community is full.
    const last = await register(people[3]!.id, c.id, input(c.themeB), origin);
    expect(last).toEqual({ status: "waitlisted", position: 1 });
    await withdraw(people[2]!.id, c.id, origin);
    const promoted = await db.registration.findUniqueOrThrow({
      where: { communityId_userId: { communityId: c.id, userId: people[3]!.id } },
    });
    expect(promoted.status).toBe("registered");
  });

  it("never gives the last place twice under concurrent registrations", async () => {
    const c = await freshCommunity({ capacity: 2 });
    const people = await Promise.all(Array.from({ length: 6 }, () => person()));
    const results = await Promise.all(
      people.map((p, i) => register(p.id, c.id, input(i % 2 ? c.themeA : c.themeB), origin)),
    );
    expect(results.filter((r) => r.status === "registered")).toHaveLength(2);
    expect(
      await db.registration.count({ where: { communityId: c.id, status: "registered" } }),
    ).toBe(2);
    const positions = results.flatMap((r) => (r.position ? [r.position] : [])).sort();
    expect(positions).toEqual([1, 2, 3, 4]);
  });

  it("changes theme while subgroups are not formed, refuses a full theme and after forming", async () => {
    const c = await freshCommunity({ capacity: null });
    const [p1, p2, p3] = await Promise.all([person(), person(), person()]);
    await register(p1.id, c.id, input(c.themeA), origin);
    await register(p2.id, c.id, input(c.themeB), origin);
    await register(p3.id, c.id, input(c.themeB), origin);
    await expect(changeTheme(p1.id, c.id, { themeId: c.themeB }, origin)).rejects.toMatchObject({
      reason: "themeFull",
    });
    expect(await changeTheme(p2.id, c.id, { themeId: c.themeA }, origin)).toEqual({
      status: "registered",
    });
    expect(await changeTheme(p2.id, c.id, { themeId: null }, origin)).toEqual({
      status: "registered",
    });
    await db.theme.update({ where: { id: c.themeB }, data: { subgroupsFormedAt: new Date() } });
    await expect(changeTheme(p3.id, c.id, { themeId: c.themeA }, origin)).rejects.toMatchObject({
      reason: "subgroupsFormed",
    });
  });

  it("refuses registration when closed or full, and a second registration", async () => {
    const c = await freshCommunity();
    const p = await person();
    await register(p.id, c.id, input(c.themeA), origin);
    await expect(register(p.id, c.id, input(c.themeB), origin)).rejects.toMatchObject({
      reason: "alreadyRegistered",
    });
    await db.community.update({ where: { id: c.id }, data: { registrationStatus: "full" } });
    const q = await person();
    await expect(register(q.id, c.id, input(c.themeA), origin)).rejects.toMatchObject({
      reason: "full",
    });
    const other = await freshCommunity();
    await expect(register(q.id, other.id, input(c.themeA), origin)).rejects.toMatchObject({
      reason: "unknownTheme",
    });
  });
});

describe("the e-mail queue", () => {
  it("queues a message once per dedupe key and delivers it once, across a restart", async () => {
    const user = await person();
    const key = `test:${tag()}`;
    const email = {
      kind: "meeting.reminder" as const,
      dedupeKey: key,
      userId: user.id,
      to: user.email,
      subject: `Onderwerp ${key}`,
      text: "Tekst",
    };
    expect(await queueEmail(db, email)).toBe(true);
    expect(await queueEmail(db, email)).toBe(false);
    // Two nodes (or a tick and a restarted node) deliver at the same moment.
    const sent = await Promise.all([deliverDueEmails(), deliverDueEmails()]);
    expect(sent[0]! + sent[1]!).toBe(1);
    expect(await deliverDueEmails()).toBe(0);
    const job = await db.emailJob.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(job).toMatchObject({ status: "sent", attempts: 1 });
    const files = await fs.readdir(path.resolve(getEnv().OUTBOX_DIR));
    expect(files.filter((f) => f.startsWith(job.id))).toHaveLength(1);
  });

  it("retries a message a crashed node left half-sent, under the same id", async () => {
    const user = await person();
    const key = `test:${tag()}`;
    await queueEmail(db, {
      kind: "meeting.reminder",
      dedupeKey: key,
      userId: user.id,
      to: user.email,
      subject: "s",
      text: "t",
    });
    // The node claimed it and died before marking it sent.
    await db.emailJob.update({
      where: { dedupeKey: key },
      data: { status: "sending", claimedAt: new Date(Date.now() - 10 * 60_000), attempts: 1 },
    });
    expect(await deliverDueEmails()).toBe(1);
    const job = await db.emailJob.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(job).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("reminders", () => {
  it("go out from 09:00 Amsterdam time the day before, once per registrant", async () => {
    const c = await freshCommunity({ capacity: null });
    const [p1, p2, p3] = await Promise.all([person(), person(), person()]);
    await register(p1.id, c.id, input(c.themeA), origin);
    await register(p2.id, c.id, input(null), origin);
    await register(p3.id, c.id, input(c.themeB), origin);
    await withdraw(p3.id, c.id, origin);
    // A date no other test uses, in winter time (CET).
    const meeting = await db.meeting.update({
      where: { communityId_number: { communityId: c.id, number: 1 } },
      data: {
        startsAt: zonedTimeToUtc("2035-03-15", "13:00", "Europe/Amsterdam"),
        endsAt: zonedTimeToUtc("2035-03-15", "15:30", "Europe/Amsterdam"),
      },
    });
    const at = reminderAt(meeting.startsAt, meeting.timeZone);
    expect(at.toISOString()).toBe("2035-03-14T08:00:00.000Z");

    expect(await queueDueReminders(new Date(at.getTime() - 60_000), origin.origin)).toBe(0);
    expect(await queueDueReminders(at, origin.origin)).toBe(2);
    expect(await queueDueReminders(new Date(at.getTime() + 60_000), origin.origin)).toBe(0);
    const reminders = await db.emailJob.findMany({
      where: { kind: "meeting.reminder", userId: { in: [p1.id, p2.id, p3.id] } },
    });
    expect(reminders.map((r) => r.userId).sort()).toEqual([p1.id, p2.id].sort());
    expect(reminders[0]!.text).toContain("https://meet.example/geheim");
  });
});

describe("calendar files", () => {
  it("parse, carry Amsterdam times, and show the online link to registrants only", async () => {
    const c = await freshCommunity({ capacity: null });
    const p = await person();
    await register(p.id, c.id, input(c.themeA), origin);
    await db.meeting.create({
      data: {
        communityId: c.id,
        number: 2,
        startsAt: zonedTimeToUtc("2030-11-16", "13:00", "Europe/Amsterdam"),
        endsAt: zonedTimeToUtc("2030-11-16", "15:30", "Europe/Amsterdam"),
        mode: "venue",
        venueName: "VO-raad",
        venueAddress: "Aidadreef 4, Utrecht",
        status: "cancelled",
        cancelReason: "Corona",
      },
    });
    const options = { name: "Test", origin: origin.origin, locale: "nl" as const };
    const mine = await communityCalendar(c.id, p.id, options);
    const anyone = await communityCalendar(c.id, null, options);

    const parsed = new ICAL.Component(ICAL.parse(mine));
    const timezone = parsed.getFirstSubcomponent("vtimezone")!;
    ICAL.TimezoneService.register(timezone);
    const events = parsed.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(2);
    const [summer, winter] = events as [ICAL.Event, ICAL.Event];
    expect(summer.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe(
      "Europe/Amsterdam",
    );
    expect(summer.startDate.toJSDate().toISOString()).toBe("2030-06-24T11:00:00.000Z");
    expect(summer.endDate.toJSDate().toISOString()).toBe("2030-06-24T13:30:00.000Z");
    expect(winter.startDate.toJSDate().toISOString()).toBe("2030-11-16T12:00:00.000Z");
    expect(winter.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(winter.location).toBe("VO-raad, Aidadreef 4, Utrecht");

    expect(mine).toContain("https://meet.example/geheim");
    expect(anyone).not.toContain("https://meet.example/geheim");
  });
});

describe("deleting an account", () => {
  it("frees the place for the waitlist and keeps document changes without the name", async () => {
    const c = await freshCommunity({ capacity: null });
    const [p1, p2, p3] = await Promise.all([person(), person(), person()]);
    const hash = (await import("~/utils/password.server")).hashPassword;
    await db.user.update({
      where: { id: p1.id },
      data: { passwordHash: await hash("geheim-wachtwoord") },
    });
    for (const p of [p1, p2, p3]) await register(p.id, c.id, input(c.themeA), origin);
    const { outcome } = await db.subgroup.create({
      data: {
        themeId: c.themeA,
        name: "Subgroep 1",
        position: 1,
        outcome: { create: {} },
        members: { create: { userId: p1.id, themeId: c.themeA } },
      },
      select: { outcome: { select: { id: true } } },
    });
    const update = await db.outcomeUpdate.create({
      data: { outcomeId: outcome!.id, update: new Uint8Array([0, 0]), userId: p1.id },
    });

    expect(await deleteAccount(p1.id, "fout", origin)).toEqual({
      ok: false,
      reason: "wrongPassword",
    });
    expect(await deleteAccount(p1.id, "geheim-wachtwoord", origin)).toEqual({ ok: true });
    expect(await db.user.findUnique({ where: { id: p1.id } })).toBeNull();
    expect(
      (
        await db.registration.findUniqueOrThrow({
          where: { communityId_userId: { communityId: c.id, userId: p3.id } },
        })
      ).status,
    ).toBe("registered");
    expect(await db.outcomeUpdate.findUniqueOrThrow({ where: { id: update.id } })).toMatchObject({
      userId: null,
    });
    expect(await db.subgroupMembership.count({ where: { userId: p1.id } })).toBe(0);
  });
});
