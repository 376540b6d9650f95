import { beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { type MeetingInput, meetingSchema } from "~/lib/forms-admin";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { createCommunity } from "./community-admin.server";
import {
  addAgendaItem,
  cancelMeeting,
  createMeeting,
  deleteMeeting,
  getMeetingAdmin,
  meetingFormValues,
  moveAgendaItem,
  reinstateMeeting,
  updateMeeting,
} from "./meeting.server";

let organiserId: string;

beforeAll(async () => {
  await seedDemo(db);
  organiserId = (
    await db.user.findUniqueOrThrow({ where: { email: "organisator@werkplaats.test" } })
  ).id;
});

const unique = () => Math.random().toString(36).slice(2, 8);

/** A community of its own per test, so tests never share meetings or registrants. */
async function freshCommunity() {
  const created = await createCommunity(organiserId, {
    name: `Testgemeenschap ${unique()}`,
    kind: "leergemeenschap",
    tagline: "",
  });
  if (!created.ok) throw new Error(created.error);
  return created.id;
}

async function registrant(communityId: string, status: string, locale = "nl") {
  const user = await db.user.create({
    data: {
      email: `deelnemer-${unique()}@werkplaats.test`,
      name: `Deelnemer ${unique()}`,
      passwordHash: "x",
      locale,
    },
  });
  await db.registration.create({
    data: {
      communityId,
      userId: user.id,
      plenaryOnly: true,
      organisation: "OBS De Regenboog",
      function: "po",
      status,
      consentAt: new Date(),
    },
  });
  return user;
}

function meetingInput(values: Record<string, string>): MeetingInput {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  const parsed = parseForm(meetingSchema, form);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

const future = (date: string) =>
  meetingInput({
    date,
    startTime: "13:00",
    endTime: "15:30",
    mode: "online",
    onlineUrl: "https://meet.werkplaats.test/x",
  });

describe("meeting form validation", () => {
  const errorsOf = (values: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(values)) form.set(k, v);
    const parsed = parseForm(meetingSchema, form);
    return parsed.ok ? {} : parsed.errors;
  };
  const base = {
    date: "2030-10-08",
    startTime: "13:00",
    endTime: "15:30",
    mode: "online",
    onlineUrl: "https://meet.example.nl/a",
  };

  it("accepts a valid meeting and Dutch ways of writing times", () => {
    expect(errorsOf(base)).toEqual({});
    const input = meetingInput({ ...base, startTime: "9.30", endTime: "1200", walkInTime: "9:00" });
    expect([input.startTime, input.endTime, input.walkInTime]).toEqual(["09:30", "12:00", "09:00"]);
  });

  it("puts each mistake next to its field", () => {
    expect(errorsOf({ ...base, endTime: "12:00" })).toEqual({
      endTime: "admin.error.endBeforeStart",
    });
    expect(errorsOf({ ...base, startTime: "25:00" })).toEqual({
      startTime: "admin.error.timeInvalid",
    });
    expect(errorsOf({ ...base, date: "2030-02-30" })).toEqual({ date: "admin.error.dateInvalid" });
    expect(errorsOf({ ...base, date: "" })).toEqual({ date: "admin.error.dateRequired" });
    expect(errorsOf({ ...base, onlineUrl: "" })).toEqual({
      onlineUrl: "admin.error.onlineUrlRequired",
    });
    expect(errorsOf({ ...base, onlineUrl: "meet.example" })).toEqual({
      onlineUrl: "admin.error.urlInvalid",
    });
    expect(errorsOf({ ...base, walkInTime: "13:30" })).toEqual({
      walkInTime: "admin.error.walkInAfterStart",
    });
    expect(errorsOf({ ...base, mode: "" })).toEqual({ mode: "admin.error.modeRequired" });
    expect(errorsOf({ ...base, mode: "venue" })).toEqual({
      venueName: "admin.error.venueNameRequired",
    });
  });

  it("lets 'Locatie volgt' stand for a venue without an address yet", () => {
    const input = meetingInput({ ...base, mode: "venue", venueName: "Locatie volgt" });
    expect(input).toMatchObject({
      mode: "venue",
      venueName: "Locatie volgt",
      venueAddress: null,
      onlineUrl: null,
    });
  });
});

describe("planning meetings", () => {
  it("stores Amsterdam wall-clock times as UTC instants and shows them back unchanged", async () => {
    const communityId = await freshCommunity();
    const result = await createMeeting(organiserId, communityId, {
      ...future("2030-06-24"),
      walkInTime: "12:30",
      walkInNote: "Inloop vanaf 12.30 uur met broodje en soep",
    });
    expect(result).toEqual({ ok: true, number: 1 });
    const meeting = (await getMeetingAdmin(communityId, 1))!;
    // Summer time: UTC+2.
    expect(meeting.startsAt.toISOString()).toBe("2030-06-24T11:00:00.000Z");
    expect(meeting.endsAt.toISOString()).toBe("2030-06-24T13:30:00.000Z");
    expect(meeting.walkInAt?.toISOString()).toBe("2030-06-24T10:30:00.000Z");
    expect(meetingFormValues(meeting)).toMatchObject({
      date: "2030-06-24",
      startTime: "13:00",
      endTime: "15:30",
      walkInTime: "12:30",
    });
  });

  it("numbers meetings by date, also when a date changes", async () => {
    const communityId = await freshCommunity();
    await createMeeting(organiserId, communityId, future("2030-11-16"));
    expect(await createMeeting(organiserId, communityId, future("2030-09-21"))).toEqual({
      ok: true,
      number: 1,
    });
    const numbers = async () =>
      (await db.meeting.findMany({ where: { communityId }, orderBy: { number: "asc" } })).map((m) =>
        m.startsAt.toISOString().slice(0, 10),
      );
    expect(await numbers()).toEqual(["2030-09-21", "2030-11-16"]);
    const first = (await getMeetingAdmin(communityId, 1))!;
    expect(await updateMeeting(organiserId, communityId, first.id, future("2030-12-01"))).toEqual({
      ok: true,
      number: 2,
    });
    expect(await numbers()).toEqual(["2030-11-16", "2030-12-01"]);
    const audit = await db.auditEvent.findMany({
      where: { communityId, action: { startsWith: "meeting." } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "meeting.create",
      "meeting.create",
      "meeting.update",
    ]);
    expect(audit.every((a) => a.actorId === organiserId && a.targetType === "meeting")).toBe(true);
  });

  it("keeps the agenda per part in the order the organiser chooses", async () => {
    const communityId = await freshCommunity();
    await createMeeting(organiserId, communityId, future("2030-10-01"));
    const meeting = (await getMeetingAdmin(communityId, 1))!;
    for (const title of ["Welkom", "Presentatie", "Afsluiting"])
      await addAgendaItem(organiserId, communityId, meeting.id, {
        part: "plenary",
        title,
        description: null,
        startTime: null,
      });
    await addAgendaItem(organiserId, communityId, meeting.id, {
      part: "theme",
      title: "Themagroepen",
      description: null,
      startTime: "13:45",
    });
    const items = (await getMeetingAdmin(communityId, 1))!.agendaItems;
    const afsluiting = items.find((i) => i.title === "Afsluiting")!;
    await moveAgendaItem(organiserId, communityId, afsluiting.id, "up");
    const after = (await getMeetingAdmin(communityId, 1))!.agendaItems;
    expect(after.filter((i) => i.part === "plenary").map((i) => i.title)).toEqual([
      "Welkom",
      "Afsluiting",
      "Presentatie",
    ]);
    expect(after.filter((i) => i.part === "theme").map((i) => [i.title, i.position])).toEqual([
      ["Themagroepen", 0],
    ]);
    // An item of another community's meeting is not found through this community.
    const other = await freshCommunity();
    expect(await moveAgendaItem(organiserId, other, afsluiting.id, "down")).toMatchObject({
      ok: false,
    });
  });
});

describe("cancelling a meeting", () => {
  it("queues one mail per registrant in their language, exactly once", async () => {
    const communityId = await freshCommunity();
    const nl = await registrant(communityId, "registered");
    const en = await registrant(communityId, "waitlisted", "en");
    const gone = await registrant(communityId, "withdrawn");
    await createMeeting(organiserId, communityId, future("2030-10-08"));
    const meeting = (await getMeetingAdmin(communityId, 1))!;

    const result = await cancelMeeting(
      organiserId,
      communityId,
      meeting.id,
      "De spreker is ziek.",
      {
        origin: "https://werkplaats.example.nl",
      },
    );
    expect(result).toEqual({ ok: true, queued: 2 });
    const jobs = await db.emailJob.findMany({
      where: { dedupeKey: { startsWith: `meeting.cancelled:${meeting.id}:` } },
    });
    expect(jobs.map((j) => j.to).sort()).toEqual([nl.email, en.email].sort());
    expect(jobs.some((j) => j.to === gone.email)).toBe(false);
    const toNl = jobs.find((j) => j.userId === nl.id)!;
    expect(toNl).toMatchObject({
      kind: "meeting.cancelled",
      status: "pending",
      dedupeKey: `meeting.cancelled:${meeting.id}:${nl.id}`,
    });
    expect(toNl.subject).toMatch(/^Bijeenkomst 1 van Testgemeenschap \w+ gaat niet door$/);
    expect(toNl.text).toContain("dinsdag 8 oktober 2030, 13:00–15:30");
    expect(toNl.text).toContain("Reden: De spreker is ziek.");
    expect(toNl.text).toContain("https://werkplaats.example.nl/communities/testgemeenschap-");
    const toEn = jobs.find((j) => j.userId === en.id)!;
    expect(toEn.subject).toMatch(/^Meeting 1 of Testgemeenschap \w+ is cancelled$/);
    expect(toEn.text).toContain("Tuesday, 8 October 2030");

    const stored = (await getMeetingAdmin(communityId, 1))!;
    expect(stored).toMatchObject({ status: "cancelled", cancelReason: "De spreker is ziek." });

    // Cancelling again is refused; reinstating and cancelling again mails nobody twice.
    expect(await cancelMeeting(organiserId, communityId, meeting.id, "Nog eens")).toEqual({
      ok: false,
      field: "reason",
      error: "admin.error.alreadyCancelled",
    });
    expect(await reinstateMeeting(organiserId, communityId, meeting.id)).toEqual({ ok: true });
    expect((await getMeetingAdmin(communityId, 1))!).toMatchObject({
      status: "scheduled",
      cancelReason: null,
    });
    expect(await cancelMeeting(organiserId, communityId, meeting.id, "Toch niet.")).toEqual({
      ok: true,
      queued: 0,
    });
    expect(
      await db.emailJob.count({
        where: { dedupeKey: { startsWith: `meeting.cancelled:${meeting.id}:` } },
      }),
    ).toBe(2);

    const audit = await db.auditEvent.findMany({
      where: { targetType: "meeting", targetId: meeting.id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "meeting.create",
      "meeting.cancel",
      "meeting.reinstate",
      "meeting.cancel",
    ]);
    expect(JSON.parse(audit[1]!.data)).toMatchObject({
      reason: "De spreker is ziek.",
      mailsQueued: 2,
    });
  });

  it("refuses a meeting that has already taken place", async () => {
    const communityId = await freshCommunity();
    await registrant(communityId, "registered");
    await createMeeting(organiserId, communityId, future("2030-10-08"));
    const meeting = (await getMeetingAdmin(communityId, 1))!;
    const later = new Date("2031-01-01T00:00:00Z");
    expect(
      await cancelMeeting(organiserId, communityId, meeting.id, "Te laat", { now: later }),
    ).toEqual({
      ok: false,
      field: "reason",
      error: "admin.error.meetingPast",
    });
    expect(
      await db.emailJob.count({
        where: { dedupeKey: { startsWith: `meeting.cancelled:${meeting.id}:` } },
      }),
    ).toBe(0);
  });

  it("lets a meeting be deleted only after registrants have been told", async () => {
    const communityId = await freshCommunity();
    await registrant(communityId, "registered");
    await createMeeting(organiserId, communityId, future("2030-10-08"));
    await createMeeting(organiserId, communityId, future("2030-11-08"));
    const meeting = (await getMeetingAdmin(communityId, 1))!;
    expect(await deleteMeeting(organiserId, communityId, meeting.id)).toEqual({
      ok: false,
      field: "confirm",
      error: "admin.error.deleteScheduledMeeting",
    });
    await cancelMeeting(organiserId, communityId, meeting.id, "Dubbel ingepland");
    expect(await deleteMeeting(organiserId, communityId, meeting.id)).toEqual({ ok: true });
    // The other meeting is number 1 now.
    const rest = await db.meeting.findMany({ where: { communityId } });
    expect(rest.map((m) => [m.number, m.startsAt.toISOString().slice(0, 10)])).toEqual([
      [1, "2030-11-08"],
    ]);
  });
});
