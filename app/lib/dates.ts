// Date and time display through Intl, always in the meeting's own time zone (Europe/Amsterdam).
import { intlLocale, type Locale } from "~/i18n";

export function formatLongDate(date: Date, locale: Locale, timeZone = "Europe/Amsterdam"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(date);
}

export function formatTimeRange(
  start: Date,
  end: Date,
  locale: Locale,
  timeZone = "Europe/Amsterdam",
): string {
  const fmt = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return fmt.formatRange(start, end);
}

/** Machine-readable value for <time datetime>. */
export function isoInstant(date: Date): string {
  return date.toISOString();
}

/**
 * The UTC instant of a wall-clock time in a time zone ("2021-06-24", "13:00",
 * "Europe/Amsterdam" → 2021-06-24T11:00:00Z), using the zone's offset from Intl.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wallClock = Date.UTC(y, m - 1, d, hh, mm);
  // The offset at the guess, then once more at the result (differs only next to a DST switch).
  let instant = wallClock - offsetMs(wallClock, timeZone);
  instant = wallClock - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** How far ahead of UTC the zone's wall clock is at the given instant, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - (instant - (instant % 1000));
}

/** The wall-clock date and time of an instant in a time zone: "2021-06-24", "13:00", "2021-06-24T13:00:00". */
export function zonedWallClock(
  instant: Date,
  timeZone: string,
): { date: string; time: string; local: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "00";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  const time = `${get("hour")}:${get("minute")}`;
  return { date, time, local: `${date}T${time}:${get("second")}` };
}

/** The calendar date before "YYYY-MM-DD". */
export function previousDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A moment as people read it in lists: "24 nov. 2026, 13:05" (Europe/Amsterdam). */
export function formatDateTime(date: Date, locale: Locale, timeZone = "Europe/Amsterdam"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
}
