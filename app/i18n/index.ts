// The one i18n mechanism: typed message keys, Dutch by default, English available.
// Server code calls translator(locale); components call useT().
import { createContext, useContext } from "react";
import { en } from "./en";
import { type MessageKey, nl } from "./nl";

export type { MessageKey };
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_COOKIE = "werkplaats_lang";

const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const template = catalog[key] ?? nl[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) =>
      name in vars ? String(vars[name]) : m,
    );
  };
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: Locale): string {
  return locale === "en" ? "en-GB" : "nl-NL";
}

/** The language cookie wins; then the signed-in user's preference; then Dutch. */
export function resolveLocale(cookieHeader: string | null, userLocale?: string | null): Locale {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(\\w+)`));
  if (match && isLocale(match[1])) return match[1];
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}

export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useLocale());
}
