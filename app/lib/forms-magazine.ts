// Validation of the magazine forms (browser and server); messages are i18n keys.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { isCalendarDate } from "~/lib/forms-admin";

const msg = (key: MessageKey) => ({ message: key });
const optional = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .pipe(z.string().max(max, msg("magazine.error.tooLong")))
    .transform((v) => (v === "" ? null : v));

export const editionSchema = z.object({
  title: z
    .string(msg("magazine.error.titleRequired"))
    .trim()
    .min(1, msg("magazine.error.titleRequired"))
    .max(200, msg("magazine.error.tooLong")),
  subtitle: optional(300),
  slug: optional(60),
  publicationDate: z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v === "" || isCalendarDate(v), msg("magazine.error.dateInvalid"))
    .transform((v) => (v === "" ? null : v)),
  colophon: optional(5000),
});

const id = z.string().min(1).max(64);
export const sectionSchema = z.object({
  id,
  title: z
    .string(msg("magazine.error.sectionTitleRequired"))
    .trim()
    .min(1, msg("magazine.error.sectionTitleRequired"))
    .max(200, msg("magazine.error.tooLong")),
  intro: optional(2000),
});
export const newSectionSchema = sectionSchema.pick({ title: true });
export const moveSchema = z.object({ id, direction: z.enum(["up", "down"]) });
export const idSchema = z.object({ id });
export const addArticleSchema = z.object({
  id,
  outcomeId: z
    .string(msg("magazine.error.chooseOutcome"))
    .min(1, msg("magazine.error.chooseOutcome"))
    .max(64),
});
export const moveToSchema = z.object({ id, sectionId: id });
export const coverAltSchema = z.object({
  alt: z
    .string(msg("magazine.error.coverAltRequired"))
    .trim()
    .min(1, msg("magazine.error.coverAltRequired"))
    .max(300, msg("magazine.error.tooLong")),
});
