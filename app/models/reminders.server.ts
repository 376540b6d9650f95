// The day-before reminder: at 09:00 (the meeting's time zone) on the day before a scheduled
// meeting, one mail per registered person. Run by the e-mail scheduler on every tick; a meeting's
// reminders are queued once (Meeting.remindersQueuedAt, plus each mail's dedupeKey), so restarts
// and several nodes never send them twice.
import { type Locale, translator } from "~/i18n";
import {
  formatLongDate,
  formatTimeRange,
  previousDate,
  zonedTimeToUtc,
  zonedWallClock,
} from "~/lib/dates";
import { db } from "~/utils/db.server";
import { queueEmail } from "./email-queue.server";

export const REMINDER_TIME = "09:00";

/** When the reminder for a meeting starting at `startsAt` goes out. */
export function reminderAt(startsAt: Date, timeZone: string): Date {
  const day = previousDate(zonedWallClock(startsAt, timeZone).date);
  return zonedTimeToUtc(day, REMINDER_TIME, timeZone);
}

/** Queues the reminders of every meeting whose moment has come; returns how many mails. */
export async function queueDueReminders(now: Date, origin: string): Promise<number> {
  // Candidates: scheduled, not yet reminded, starting within the next 48 hours.
  const meetings = await db.meeting.findMany({
    where: {
      status: "scheduled",
      remindersQueuedAt: null,
      startsAt: { gt: now, lte: new Date(now.getTime() + 48 * 3600_000) },
    },
    select: {
      id: true,
      number: true,
      startsAt: true,
      endsAt: true,
      walkInAt: true,
      timeZone: true,
      mode: true,
      onlineUrl: true,
      venueName: true,
      venueAddress: true,
      communityId: true,
      community: { select: { slug: true, name: true } },
    },
  });
  let queued = 0;
  for (const meeting of meetings) {
    if (now < reminderAt(meeting.startsAt, meeting.timeZone)) continue;
    queued += await db.$transaction(async (tx) => {
      // Whoever flips remindersQueuedAt first queues them; another node or tick does nothing.
      const { count } = await tx.meeting.updateMany({
        where: { id: meeting.id, remindersQueuedAt: null, status: "scheduled" },
        data: { remindersQueuedAt: now },
      });
      if (count === 0) return 0;
      const registrations = await tx.registration.findMany({
        where: { communityId: meeting.communityId, status: "registered" },
        select: { user: { select: { id: true, email: true, name: true, locale: true } } },
      });
      let n = 0;
      for (const { user } of registrations) {
        const locale: Locale = user.locale === "en" ? "en" : "nl";
        const t = translator(locale);
        const link = `${origin}/communities/${meeting.community.slug}`;
        const where = [
          meeting.mode === "online"
            ? meeting.onlineUrl
              ? t("mail.reminder.online", { url: meeting.onlineUrl })
              : t("mail.reminder.onlineNoLink", { link })
            : t("mail.reminder.venue", {
                venue: [meeting.venueName, meeting.venueAddress].filter(Boolean).join(", "),
              }),
          meeting.walkInAt
            ? t("mail.reminder.walkIn", {
                time: zonedWallClock(meeting.walkInAt, meeting.timeZone).time,
              })
            : null,
        ]
          .filter(Boolean)
          .join("\n");
        const vars = {
          name: user.name,
          community: meeting.community.name,
          number: meeting.number,
          date: formatLongDate(meeting.startsAt, locale, meeting.timeZone),
          time: formatTimeRange(meeting.startsAt, meeting.endsAt, locale, meeting.timeZone),
          where,
          link,
        };
        const added = await queueEmail(tx, {
          kind: "meeting.reminder",
          dedupeKey: `meeting.reminder:${meeting.id}:${meeting.startsAt.getTime()}:${user.id}`,
          userId: user.id,
          to: user.email,
          subject: t("mail.reminder.subject", vars),
          text: t("mail.reminder.body", vars),
        });
        if (added) n++;
      }
      return n;
    });
  }
  return queued;
}
