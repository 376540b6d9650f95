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
