// Meetings of a community as the organiser runs them: planning (date, times in the community's
// time zone, walk-in, region, online or at a venue), the agenda per part, cancelling with a
// reason (which queues an e-mail to every registrant, in the same transaction) and reinstating.
//
// Numbering: meetings are numbered 1..n by date. Every change of a date renumbers the
// community's meetings (in two steps, so @@unique([communityId, number]) holds throughout);
// the admin URL of a meeting is its number, and the routes follow a renumbering.
import { translator } from "~/i18n";
import { formatLongDate, formatTimeRange, zonedTimeToUtc } from "~/lib/dates";
import type { AgendaPart } from "~/lib/domain";
import type { AgendaItemInput, MeetingInput } from "~/lib/forms-admin";
import { db, type Prisma } from "~/utils/db.server";
import { moveInList, type Refusal, type Result, writeAudit } from "./community-admin.server";
import { queueEmail } from "./email-queue.server";

type Tx = Prisma.TransactionClient;

const refuse = (field: string, error: Refusal["error"]): Refusal => ({ ok: false, field, error });

/** Registrations that receive news about meetings. */
const ACTIVE_REGISTRATION = { in: ["registered", "waitlisted"] };

/** The wall-clock date and time of an instant in a time zone: { date: "2021-06-24", time: "13:00" }. */
export function toWallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

/** The columns a meeting form sets, with the times turned into instants in `timeZone`. */
function meetingColumns(input: MeetingInput, timeZone: string) {
  return {
    title: input.title,
    startsAt: zonedTimeToUtc(input.date, input.startTime, timeZone),
    endsAt: zonedTimeToUtc(input.date, input.endTime, timeZone),
    walkInAt: input.walkInTime ? zonedTimeToUtc(input.date, input.walkInTime, timeZone) : null,
    walkInNote: input.walkInNote,
    region: input.region,
    mode: input.mode,
    onlineUrl: input.onlineUrl,
    venueName: input.venueName,
    venueAddress: input.venueAddress,
  };
}

/** Numbers the community's meetings 1..n by start; returns the new number of `meetingId`. */
async function renumber(tx: Tx, communityId: string, meetingId?: string): Promise<number | null> {
  const meetings = await tx.meeting.findMany({
    where: { communityId },
    orderBy: [{ startsAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, number: true },
  });
  const wrong = meetings.map((m, i) => ({ ...m, want: i + 1 })).filter((m) => m.number !== m.want);
  // First out of the way (negative numbers are never used), then into place.
  for (const m of wrong)
    await tx.meeting.update({ where: { id: m.id }, data: { number: -m.want } });
  for (const m of wrong) await tx.meeting.update({ where: { id: m.id }, data: { number: m.want } });
  const index = meetings.findIndex((m) => m.id === meetingId);
  return index < 0 ? null : index + 1;
}

export async function listMeetingsAdmin(communityId: string) {
  return db.meeting.findMany({
    where: { communityId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      title: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      mode: true,
      venueName: true,
      region: true,
      status: true,
      cancelReason: true,
      _count: { select: { agendaItems: true } },
    },
  });
}

export async function getMeetingAdmin(communityId: string, number: number) {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  return db.meeting.findUnique({
    where: { communityId_number: { communityId, number } },
    include: { agendaItems: { orderBy: [{ part: "asc" }, { position: "asc" }] } },
  });
}

/** The meeting as the edit form shows it: wall-clock date and times in its time zone. */
export function meetingFormValues(meeting: {
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  walkInAt: Date | null;
  walkInNote: string | null;
  region: string | null;
  timeZone: string;
  mode: string;
  onlineUrl: string | null;
  venueName: string | null;
  venueAddress: string | null;
}): Record<string, string> {
  const start = toWallClock(meeting.startsAt, meeting.timeZone);
  return {
    title: meeting.title ?? "",
    date: start.date,
    startTime: start.time,
    endTime: toWallClock(meeting.endsAt, meeting.timeZone).time,
    walkInTime: meeting.walkInAt ? toWallClock(meeting.walkInAt, meeting.timeZone).time : "",
    walkInNote: meeting.walkInNote ?? "",
    region: meeting.region ?? "",
    mode: meeting.mode,
    onlineUrl: meeting.onlineUrl ?? "",
    venueName: meeting.venueName ?? "",
    venueAddress: meeting.venueAddress ?? "",
  };
}

export async function createMeeting(
  actorId: string,
  communityId: string,
  input: MeetingInput,
): Promise<Result<{ number: number }>> {
  return db.$transaction(async (tx) => {
    const community = await tx.community.findUniqueOrThrow({
      where: { id: communityId },
      select: { timeZone: true },
    });
    const last = await tx.meeting.findFirst({
      where: { communityId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const meeting = await tx.meeting.create({
      data: {
        communityId,
        number: (last?.number ?? 0) + 1,
        timeZone: community.timeZone,
        status: "scheduled",
        ...meetingColumns(input, community.timeZone),
      },
    });
    const number = (await renumber(tx, communityId, meeting.id)) ?? meeting.number;
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "meeting.create",
      targetType: "meeting",
      targetId: meeting.id,
      data: { ...input, number },
    });
    return { ok: true as const, number };
  });
}

export async function updateMeeting(
  actorId: string,
  communityId: string,
  meetingId: string,
  input: MeetingInput,
): Promise<Result<{ number: number }>> {
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: { id: meetingId, communityId },
      select: { timeZone: true, startsAt: true },
    });
    if (!meeting) return refuse("form", "admin.error.notFound");
    const columns = meetingColumns(input, meeting.timeZone);
    await tx.meeting.update({
      where: { id: meetingId },
      // A moved meeting gets its day-before reminder again, for the new date.
      data: {
        ...columns,
        ...(columns.startsAt.getTime() !== meeting.startsAt.getTime()
          ? { remindersQueuedAt: null }
          : {}),
      },
    });
    const number = (await renumber(tx, communityId, meetingId))!;
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "meeting.update",
      targetType: "meeting",
      targetId: meetingId,
      data: { ...input, number },
    });
    return { ok: true as const, number };
  });
}

/**
 * Cancels a scheduled meeting and, in the same transaction, queues one e-mail per registrant
 * (registered or waitlisted) in their own language. Queueing is idempotent per meeting and
 * person, so nobody is mailed twice about the same meeting.
 */
export async function cancelMeeting(
  actorId: string,
  communityId: string,
  meetingId: string,
  reason: string,
  options: { origin?: string | null; now?: Date } = {},
): Promise<Result<{ queued: number }>> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx): Promise<Result<{ queued: number }>> => {
    const meeting = await tx.meeting.findFirst({
      where: { id: meetingId, communityId },
      include: { community: { select: { name: true, slug: true } } },
    });
    if (!meeting) return refuse("form", "admin.error.notFound");
    if (meeting.endsAt <= now) return refuse("reason", "admin.error.meetingPast");
    // Conditional: of two organisers cancelling at once, one wins and mails.
    const { count } = await tx.meeting.updateMany({
      where: { id: meetingId, status: "scheduled" },
      data: { status: "cancelled", cancelReason: reason, cancelledAt: now },
    });
    if (count === 0) return refuse("reason", "admin.error.alreadyCancelled");

    const registrants = await tx.registration.findMany({
      where: { communityId, status: ACTIVE_REGISTRATION },
      select: { user: { select: { id: true, email: true, name: true, locale: true } } },
    });
    let queued = 0;
    for (const { user } of registrants) {
      const locale = user.locale === "en" ? "en" : "nl";
      const t = translator(locale);
      const vars = {
        name: user.name,
        community: meeting.community.name,
        number: meeting.number,
        title: meeting.title ? ` (${meeting.title})` : "",
        date: formatLongDate(meeting.startsAt, locale, meeting.timeZone),
        time: formatTimeRange(meeting.startsAt, meeting.endsAt, locale, meeting.timeZone),
        reason,
      };
      const link = options.origin
        ? `\n\n${t("admin.mail.cancelledLink", { url: `${options.origin}/communities/${meeting.community.slug}` })}`
        : "";
      const sent = await queueEmail(tx, {
        kind: "meeting.cancelled",
        dedupeKey: `meeting.cancelled:${meeting.id}:${user.id}`,
        userId: user.id,
        to: user.email,
        subject: t("admin.mail.cancelledSubject", vars),
        text: `${t("admin.mail.cancelledBody", vars)}${link}\n\n${t("admin.mail.cancelledSignature", vars)}`,
      });
      if (sent) queued++;
    }
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "meeting.cancel",
      targetType: "meeting",
      targetId: meetingId,
      data: { number: meeting.number, reason, mailsQueued: queued },
    });
    return { ok: true, queued };
  });
}

/** Puts a cancelled meeting back on the schedule (registrants are not mailed again). */
export async function reinstateMeeting(
  actorId: string,
  communityId: string,
  meetingId: string,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const { count } = await tx.meeting.updateMany({
      where: { id: meetingId, communityId, status: "cancelled" },
      data: { status: "scheduled", cancelReason: null, cancelledAt: null },
    });
    if (count === 0) return refuse("form", "admin.error.notCancelled");
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "meeting.reinstate",
      targetType: "meeting",
      targetId: meetingId,
    });
    return { ok: true };
  });
}

/**
 * Deletes a meeting that was planned by mistake. A scheduled meeting of a community with
 * registrants must be cancelled first, so they hear about it.
 */
export async function deleteMeeting(
  actorId: string,
  communityId: string,
  meetingId: string,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const meeting = await tx.meeting.findFirst({ where: { id: meetingId, communityId } });
    if (!meeting) return refuse("form", "admin.error.notFound");
    if (meeting.status === "scheduled") {
      const registrants = await tx.registration.count({
        where: { communityId, status: ACTIVE_REGISTRATION },
      });
      if (registrants > 0) return refuse("confirm", "admin.error.deleteScheduledMeeting");
    }
    await tx.meeting.delete({ where: { id: meetingId } });
    await renumber(tx, communityId);
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "meeting.delete",
      targetType: "meeting",
      targetId: meetingId,
      data: { number: meeting.number, title: meeting.title, startsAt: meeting.startsAt },
    });
    return { ok: true };
  });
}

// ── Agenda ───────────────────────────────────────────────────────────────────────────────────

async function renumberPart(tx: Tx, meetingId: string, part: string) {
  const items = await tx.agendaItem.findMany({
    where: { meetingId, part },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
  for (const [position, item] of items.entries())
    if (item.position !== position)
      await tx.agendaItem.update({ where: { id: item.id }, data: { position } });
}

async function nextPosition(tx: Tx, meetingId: string, part: AgendaPart) {
  const last = await tx.agendaItem.findFirst({
    where: { meetingId, part },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return (last?.position ?? -1) + 1;
}

export async function addAgendaItem(
  actorId: string,
  communityId: string,
  meetingId: string,
  input: AgendaItemInput,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const meeting = await tx.meeting.findFirst({ where: { id: meetingId, communityId } });
    if (!meeting) return refuse("form", "admin.error.notFound");
    const item = await tx.agendaItem.create({
      data: { meetingId, ...input, position: await nextPosition(tx, meetingId, input.part) },
    });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "agenda.create",
      targetType: "agendaItem",
      targetId: item.id,
      data: { meetingId, ...input },
    });
    return { ok: true };
  });
}

/** The agenda item, when it belongs to a meeting of this community. */
async function findItem(tx: Tx, communityId: string, itemId: string) {
  return tx.agendaItem.findFirst({ where: { id: itemId, meeting: { communityId } } });
}

export async function updateAgendaItem(
  actorId: string,
  communityId: string,
  itemId: string,
  input: AgendaItemInput,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const item = await findItem(tx, communityId, itemId);
    if (!item) return refuse("form", "admin.error.notFound");
    const movesPart = item.part !== input.part;
    await tx.agendaItem.update({
      where: { id: itemId },
      data: {
        ...input,
        // Moved to the other part: it goes to the end there.
        position: movesPart ? await nextPosition(tx, item.meetingId, input.part) : item.position,
      },
    });
    if (movesPart) await renumberPart(tx, item.meetingId, item.part);
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "agenda.update",
      targetType: "agendaItem",
      targetId: itemId,
      data: { ...input },
    });
    return { ok: true };
  });
}

export async function deleteAgendaItem(
  actorId: string,
  communityId: string,
  itemId: string,
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const item = await findItem(tx, communityId, itemId);
    if (!item) return refuse("form", "admin.error.notFound");
    await tx.agendaItem.delete({ where: { id: itemId } });
    await renumberPart(tx, item.meetingId, item.part);
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "agenda.delete",
      targetType: "agendaItem",
      targetId: itemId,
      data: { meetingId: item.meetingId, title: item.title },
    });
    return { ok: true };
  });
}

export async function moveAgendaItem(
  actorId: string,
  communityId: string,
  itemId: string,
  direction: "up" | "down",
): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    const item = await findItem(tx, communityId, itemId);
    if (!item) return refuse("form", "admin.error.notFound");
    const items = await tx.agendaItem.findMany({
      where: { meetingId: item.meetingId, part: item.part },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    const order = moveInList(
      items.map((i) => i.id),
      itemId,
      direction,
    );
    if (!order) return { ok: true };
    for (const [position, id] of order.entries())
      await tx.agendaItem.update({ where: { id }, data: { position } });
    await writeAudit(tx, {
      actorId,
      communityId,
      action: "agenda.move",
      targetType: "agendaItem",
      targetId: itemId,
      data: { direction },
    });
    return { ok: true };
  });
}
