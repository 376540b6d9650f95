// Calendar files (iCalendar, RFC 5545) made with ical-generator: one meeting, a community's
// public feed, a person's "my meetings" feed. Times carry TZID=Europe/Amsterdam with a real
// VTIMEZONE block; cancelled meetings stay in the feed with STATUS:CANCELLED so calendars that
// subscribed remove or strike them. The online link goes only into files for people the
// permissions module lets see it.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { type Locale, translator } from "~/i18n";
import { zonedWallClock } from "~/lib/dates";
import { db, type Prisma } from "~/utils/db.server";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { checkPermission } from "./permissions.server";

export type CalendarMeeting = {
  id: string;
  number: number;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  walkInAt: Date | null;
  walkInNote: string | null;
  timeZone: string;
  mode: string;
  onlineUrl: string | null;
  venueName: string | null;
  venueAddress: string | null;
  region: string | null;
  status: string;
  cancelReason: string | null;
  updatedAt: Date;
  community: { slug: string; name: string };
  agendaItems: { part: string; startTime: string | null; title: string }[];
};

const MEETING_SELECT = {
  id: true,
  number: true,
  title: true,
  startsAt: true,
  endsAt: true,
  walkInAt: true,
  walkInNote: true,
  timeZone: true,
  mode: true,
  onlineUrl: true,
  venueName: true,
  venueAddress: true,
  region: true,
  status: true,
  cancelReason: true,
  updatedAt: true,
  community: { select: { slug: true, name: true } },
  agendaItems: {
    orderBy: [{ startTime: "asc" }, { position: "asc" }],
    select: { part: true, startTime: true, title: true },
  },
} satisfies Prisma.MeetingSelect;

export type CalendarOptions = {
  name: string;
  origin: string;
  locale: Locale;
  /** Meeting ids whose online link this reader may see. */
  showOnlineLinkFor: ReadonlySet<string>;
};

export function buildCalendar(meetings: CalendarMeeting[], options: CalendarOptions): string {
  const t = translator(options.locale);
  const calendar = ical({
    name: options.name,
    prodId: {
      company: "Werkplaats",
      product: "werkplaats",
      language: options.locale.toUpperCase(),
    },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: "Europe/Amsterdam", generator: getVtimezoneComponent },
    ttl: 60 * 60,
  });
  for (const m of meetings) {
    const page = `${options.origin}/communities/${m.community.slug}`;
    const showLink = m.mode === "online" && options.showOnlineLinkFor.has(m.id) && !!m.onlineUrl;
    const location =
      m.mode === "online"
        ? showLink
          ? `${t("community.online")}: ${m.onlineUrl}`
          : t("community.online")
        : [m.venueName, m.venueAddress, m.region].filter(Boolean).join(", ");
    const lines: string[] = [];
    if (m.status === "cancelled")
      lines.push(
        t("calendar.cancelled") +
          (m.cancelReason ? ` ${t("community.cancelReason", { reason: m.cancelReason })}` : ""),
      );
    if (m.walkInAt)
      lines.push(
        t("calendar.walkIn", { time: zonedWallClock(m.walkInAt, m.timeZone).time }) +
          (m.walkInNote ? ` (${m.walkInNote})` : ""),
      );
    if (showLink) lines.push(`${t("community.onlineLink")}: ${m.onlineUrl}`);
    else if (m.mode === "online") lines.push(t("calendar.onlineLinkForRegistrants"));
    for (const item of m.agendaItems)
      lines.push(`${item.startTime ? `${item.startTime} ` : ""}${item.title}`);
    lines.push(page);
    calendar.createEvent({
      id: `meeting-${m.id}@werkplaats`,
      // Wall-clock strings in the meeting's zone: ical-generator writes them with TZID as given.
      start: zonedWallClock(m.startsAt, m.timeZone).local,
      end: zonedWallClock(m.endsAt, m.timeZone).local,
      timezone: m.timeZone,
      summary: `${m.community.name}: ${t("community.meetingNumber", { number: m.number })}${m.title ? ` – ${m.title}` : ""}`,
      description: lines.join("\n"),
      location,
      url: page,
      status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: m.updatedAt,
      // Calendars replace an event when its sequence grows: seconds since 2020 grow with every edit.
      sequence: Math.max(0, Math.floor((m.updatedAt.getTime() - Date.UTC(2020, 0, 1)) / 1000)),
    });
  }
  return calendar.toString();
}

/** Meeting ids of these communities whose online link `userId` may see. */
async function visibleLinks(userId: string | null, meetings: CalendarMeeting[]) {
  const allowed = new Set<string>();
  if (!userId) return allowed;
  const bySlug = new Map<string, boolean>();
  for (const m of meetings) {
    let may = bySlug.get(m.community.slug);
    if (may === undefined) {
      may = (
        await checkPermission(userId, "meeting.viewOnlineLink", {
          kind: "community",
          slug: m.community.slug,
        })
      ).allowed;
      bySlug.set(m.community.slug, may);
    }
    if (may) allowed.add(m.id);
  }
  return allowed;
}

/** All meetings of a community (the public feed, or a registrant's download with links). */
export async function communityCalendar(
  communityId: string,
  userId: string | null,
  options: Omit<CalendarOptions, "showOnlineLinkFor">,
): Promise<string> {
  const meetings = await db.meeting.findMany({
    where: { communityId },
    orderBy: { startsAt: "asc" },
    select: MEETING_SELECT,
  });
  return buildCalendar(meetings, {
    ...options,
    showOnlineLinkFor: await visibleLinks(userId, meetings),
  });
}

export async function meetingCalendar(
  meetingId: string,
  userId: string | null,
  options: Omit<CalendarOptions, "showOnlineLinkFor">,
): Promise<string | null> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: MEETING_SELECT });
  if (!meeting) return null;
  return buildCalendar([meeting], {
    ...options,
    showOnlineLinkFor: await visibleLinks(userId, [meeting]),
  });
}

/**
 * "My meetings": every meeting of the communities the user is registered for (not waitlisted or
 * withdrawn) or leads, with the online links they may see.
 */
export async function personalCalendar(
  userId: string,
  options: Omit<CalendarOptions, "showOnlineLinkFor" | "name">,
): Promise<string> {
  const [registrations, grants] = await Promise.all([
    db.registration.findMany({
      where: { userId, status: "registered" },
      select: { communityId: true },
    }),
    db.roleGrant.findMany({ where: { userId }, select: { communityId: true } }),
  ]);
  const communityIds = [...new Set([...registrations, ...grants].map((r) => r.communityId))];
  const meetings = await db.meeting.findMany({
    where: { communityId: { in: communityIds } },
    orderBy: { startsAt: "asc" },
    select: MEETING_SELECT,
  });
  return buildCalendar(meetings, {
    ...options,
    name: translator(options.locale)("calendar.myMeetings"),
    showOnlineLinkFor: await visibleLinks(userId, meetings),
  });
}

/**
 * A new secret address for the user's feed (calendar apps cannot sign in). Only its hash is
 * stored; making a new one ends the old one. Returns the token to show once.
 */
export async function createCalendarToken(userId: string): Promise<string> {
  const token = randomToken(24);
  await db.user.update({
    where: { id: userId },
    data: { calendarTokenHash: hashToken(token) },
  });
  return token;
}

export async function userForCalendarToken(token: string) {
  if (!/^[a-z2-7]{20,100}$/.test(token)) return null;
  return db.user.findUnique({
    where: { calendarTokenHash: hashToken(token) },
    select: { id: true, locale: true },
  });
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { calendarTokenHash: true },
  });
  return !!user?.calendarTokenHash;
}

/** An .ics download; personal ones (with online links) are never cached by shared caches. */
export function calendarResponse(ics: string, filename: string, personal: boolean): Response {
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": personal ? "private, no-store" : "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
