// Validation of the organiser admin forms (communities, partners, themes, people, meetings,
// agenda items), shared by browser and server. Error messages are i18n keys (app/i18n/areas/
// admin.ts), shown next to their field; parseForm (app/lib/forms.ts) turns a failure into
// per-field errors plus the submitted values, so nothing the organiser typed is lost.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { AGENDA_PARTS, COMMUNITY_KINDS, MEETING_MODES, REGISTRATION_OPENINGS } from "~/lib/domain";

const msg = (key: MessageKey) => ({ message: key });

/** A required single line of text. */
const requiredText = (
  required: MessageKey,
  max: number,
  tooLong: MessageKey = "admin.error.tooLong",
) => z.string(msg(required)).trim().min(1, msg(required)).max(max, msg(tooLong));

/** Optional text: a missing or blank field becomes null. */
const optionalText = (max: number, tooLong: MessageKey = "admin.error.tooLong") =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .pipe(z.string().max(max, msg(tooLong)))
    .transform((v) => (v === "" ? null : v));

/** Optional text kept as "" when blank (columns that are not nullable). */
const blankableText = (max: number, tooLong: MessageKey = "admin.error.tooLong") =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .pipe(z.string().max(max, msg(tooLong)));

/** Places: empty means unlimited; otherwise a whole number of at least 1. */
export const capacityField = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? "")
  .refine((v) => v === "" || /^-?\d+$/.test(v), msg("admin.error.capacityInvalid"))
  .refine((v) => v === "" || Number(v) >= 1, msg("admin.error.capacityTooLow"))
  .refine((v) => v === "" || Number(v) <= 100_000, msg("admin.error.capacityTooHigh"))
  .transform((v) => (v === "" ? null : Number(v)));

/** An absolute http(s) address. */
const webAddress = (required: MessageKey) =>
  z
    .string(msg(required))
    .trim()
    .min(1, msg(required))
    .max(500, msg("admin.error.urlInvalid"))
    .refine(isWebAddress, msg("admin.error.urlInvalid"));

const optionalWebAddress = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? "")
  .refine((v) => v === "" || (v.length <= 500 && isWebAddress(v)), msg("admin.error.urlInvalid"))
  .transform((v) => (v === "" ? null : v));

export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const optionalEmail = z
  .string()
  .optional()
  .transform((v) => v?.trim().toLowerCase() ?? "")
  .refine(
    (v) => v === "" || (v.length <= 254 && z.email().safeParse(v).success),
    msg("admin.error.emailInvalid"),
  )
  .transform((v) => (v === "" ? null : v));

/** Someone else's address (a co-organiser, a gespreksleider). */
export const personEmailField = z
  .string(msg("admin.error.personEmailRequired"))
  .trim()
  .toLowerCase()
  .min(1, msg("admin.error.personEmailRequired"))
  .max(254, msg("admin.error.emailInvalid"))
  .pipe(z.email(msg("admin.error.emailInvalid")));

/** A checkbox that must be ticked to confirm a destructive action. */
const confirmation = z.literal("on", msg("admin.error.confirmRequired"));

const id = z.string().min(1).max(64);

// ── Communities ──────────────────────────────────────────────────────────────────────────────

export const newCommunitySchema = z.object({
  name: requiredText("admin.error.communityNameRequired", 120),
  kind: z.enum(COMMUNITY_KINDS, msg("admin.error.kindInvalid")),
  tagline: blankableText(300),
});
export type NewCommunityInput = z.infer<typeof newCommunitySchema>;

export const communitySchema = z
  .object({
    name: requiredText("admin.error.communityNameRequired", 120),
    kind: z.enum(COMMUNITY_KINDS, msg("admin.error.kindInvalid")),
    tagline: requiredText("admin.error.taglineRequired", 300),
    description: blankableText(20_000),
    audience: blankableText(1_000),
    location: blankableText(300),
    costs: blankableText(300),
    contactEmail: optionalEmail,
    registrationStatus: z.enum(REGISTRATION_OPENINGS, msg("admin.error.registrationStatusInvalid")),
    closedReason: optionalText(500),
    capacity: capacityField,
  })
  .superRefine((v, ctx) => {
    if (v.registrationStatus !== "open" && v.closedReason === null)
      ctx.addIssue({
        code: "custom",
        path: ["closedReason"],
        ...msg("admin.error.closedReasonRequired"),
      });
  })
  .transform((v) => ({
    ...v,
    // The reason only means something while registration is not open.
    closedReason: v.registrationStatus === "open" ? null : v.closedReason,
  }));
export type CommunityInput = z.infer<typeof communitySchema>;

export const partnerSchema = z.object({
  name: requiredText("admin.error.partnerNameRequired", 120),
  url: optionalWebAddress,
});
export type PartnerInput = z.infer<typeof partnerSchema>;

// ── Themes and people ────────────────────────────────────────────────────────────────────────

export const themeSchema = z.object({
  name: requiredText("admin.error.themeNameRequired", 120),
  description: blankableText(2_000),
  capacity: capacityField,
});
export type ThemeInput = z.infer<typeof themeSchema>;

export const deleteThemeSchema = z.object({ id, confirm: confirmation });

// ── Meetings ─────────────────────────────────────────────────────────────────────────────────

const TIME = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/;

/** "13:00", "13.00", "1300" and "9:30" are all accepted; the result is "HH:MM". */
export function normaliseTime(value: string): string | null {
  const match = TIME.exec(value.trim());
  if (!match) return null;
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

const timeField = (required: MessageKey) =>
  z
    .string(msg(required))
    .trim()
    .min(1, msg(required))
    .refine((v) => normaliseTime(v) !== null, msg("admin.error.timeInvalid"))
    .transform((v) => normaliseTime(v)!);

const optionalTimeField = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? "")
  .refine((v) => v === "" || normaliseTime(v) !== null, msg("admin.error.timeInvalid"))
  .transform((v) => (v === "" ? null : normaliseTime(v)!));

/** A calendar date "YYYY-MM-DD" that exists (no 31 June). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 2000 &&
    y <= 2100 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  );
}

const dateField = z
  .string(msg("admin.error.dateRequired"))
  .trim()
  .min(1, msg("admin.error.dateRequired"))
  .refine(isCalendarDate, msg("admin.error.dateInvalid"));

export const meetingSchema = z
  .object({
    title: optionalText(200),
    date: dateField,
    startTime: timeField("admin.error.startRequired"),
    endTime: timeField("admin.error.endRequired"),
    walkInTime: optionalTimeField,
    walkInNote: optionalText(300),
    region: optionalText(120),
    mode: z.enum(MEETING_MODES, msg("admin.error.modeRequired")),
    onlineUrl: z.string().optional(),
    venueName: optionalText(200),
    venueAddress: optionalText(300),
  })
  .superRefine((v, ctx) => {
    // Zod runs this even when a field failed (its transform then did not run): compare only
    // what is valid, so one mistake never shows up as a second, wrong one.
    const start = normaliseTime(String(v.startTime));
    const end = normaliseTime(String(v.endTime));
    const walkIn = v.walkInTime === null ? null : normaliseTime(String(v.walkInTime));
    if (start && end && end <= start)
      ctx.addIssue({ code: "custom", path: ["endTime"], ...msg("admin.error.endBeforeStart") });
    if (start && walkIn && walkIn >= start)
      ctx.addIssue({
        code: "custom",
        path: ["walkInTime"],
        ...msg("admin.error.walkInAfterStart"),
      });
    if (typeof v.walkInNote === "string" && v.walkInNote.trim() !== "" && v.walkInTime === null)
      ctx.addIssue({
        code: "custom",
        path: ["walkInTime"],
        ...msg("admin.error.walkInTimeRequired"),
      });
    if (v.mode === "online") {
      const url = webAddress("admin.error.onlineUrlRequired").safeParse(v.onlineUrl ?? "");
      if (!url.success)
        ctx.addIssue({
          code: "custom",
          path: ["onlineUrl"],
          message: url.error.issues[0]!.message,
        });
    }
    if (v.mode === "venue" && (typeof v.venueName !== "string" || v.venueName.trim() === ""))
      ctx.addIssue({
        code: "custom",
        path: ["venueName"],
        ...msg("admin.error.venueNameRequired"),
      });
  })
  .transform((v) => ({
    ...v,
    // Only the fields of the chosen mode are kept.
    onlineUrl: v.mode === "online" ? (v.onlineUrl ?? "").trim() : null,
    venueName: v.mode === "venue" ? v.venueName : null,
    venueAddress: v.mode === "venue" ? v.venueAddress : null,
    walkInNote: v.walkInTime === null ? null : v.walkInNote,
  }));
export type MeetingInput = z.infer<typeof meetingSchema>;

export const cancelMeetingSchema = z.object({
  reason: requiredText("admin.error.cancelReasonRequired", 500),
  confirm: confirmation,
});

export const deleteMeetingSchema = z.object({ confirm: confirmation });

export const agendaItemSchema = z.object({
  part: z.enum(AGENDA_PARTS, msg("admin.error.partInvalid")),
  title: requiredText("admin.error.agendaTitleRequired", 200),
  description: optionalText(1_000),
  startTime: optionalTimeField,
});
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;

export const moveSchema = z.object({ id, direction: z.enum(["up", "down"]) });
export const idSchema = z.object({ id });
