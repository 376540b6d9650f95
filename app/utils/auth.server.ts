// Request-level auth helpers for loaders and actions. The session itself is validated once per
// request by the server (server/load-context.ts) and arrives in the load context.
import type { AppLoadContext } from "react-router";
import { type Locale, resolveLocale, translator } from "~/i18n";
import type { SessionUser } from "~/utils/session.server";

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.session?.user ?? null;
}

export function getLocale(request: Request, context: AppLoadContext): Locale {
  return resolveLocale(request.headers.get("Cookie"), context.session?.user.locale);
}

export function getTranslator(request: Request, context: AppLoadContext) {
  return translator(getLocale(request, context));
}

/**
 * Only same-site paths: never an open redirect. Refuses control characters and backslashes
 * (browsers drop tabs/newlines and treat "\\" as "/", so "/\t/evil.example" would become
 * "//evil.example"), then checks the path resolves on our own origin.
 */
export function safeRedirectPath(
  value: FormDataEntryValue | string | null | undefined,
  fallback = "/me",
): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith("//")) return fallback;
  const base = "http://werkplaats.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
