import { getEnv } from "~/utils/env.server";
// Reading request bodies without ever turning a malformed one into a 500: a body that cannot
// be parsed as a form is treated as an empty form, so the user gets the Dutch field messages.
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * The origin to put in e-mailed links: APP_URL when set. Without it, the request's own origin,
 * except in production for a host that is not this machine: there the Host header is whatever
 * the client sent, and a reset link must never point at an attacker's site (null: send nothing).
 */
export function publicOrigin(
  request: Request,
  appUrl: string | undefined,
  production: boolean,
): string | null {
  if (appUrl) return new URL(appUrl).origin;
  const url = new URL(request.url);
  if (production && !LOOPBACK_HOST.test(url.host)) return null;
  return url.origin;
}

/**
 * The origin for links in mails queued during this request (publicOrigin, or nothing: the
 * links are then relative paths, still readable, never pointing at a host a client made up).
 */
export function mailOrigin(request: Request): string {
  const env = getEnv();
  return publicOrigin(request, env.APP_URL, env.NODE_ENV === "production") ?? "";
}
