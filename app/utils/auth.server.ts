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

/** Only same-site relative paths: never an open redirect. */
export function safeRedirectPath(
  value: FormDataEntryValue | string | null | undefined,
  fallback = "/me",
): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return fallback;
  }
  return value;
}
