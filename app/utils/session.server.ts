// Sessions in Lucia's design (lucia-auth.com/sessions): the cookie carries "<id>.<secret>",
// the database stores only SHA-256(secret), comparison is constant-time, expiry slides.

import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { db } from "~/utils/db.server";
import { isProduction } from "~/utils/env.server";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { announceAccessChange } from "./live-events.server";

export const SESSION_COOKIE = "werkplaats_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used within this much of its expiry is extended to a full TTL again. */
export const SESSION_RENEW_MS = 15 * 24 * 60 * 60 * 1000;

export type SessionUser = { id: string; email: string; name: string; locale: string };
export type ValidSession = { id: string; expiresAt: Date; user: SessionUser; renewed: boolean };

export async function createSession(
  userId: string,
  meta: { userAgent?: string | null } = {},
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({
    data: {
      id,
      secretHash: hashToken(secret),
      userId,
      expiresAt,
      createdAt: now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token: `${id}.${secret}`, expiresAt };
}

export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
  const row = await db.session.findUnique({
    where: { id },
    include: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  if (!row) return null;
  if (!constantTimeEqual(hashToken(secret), new Uint8Array(row.secretHash))) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db.session.update({ where: { id }, data: { expiresAt } });
    renewed = true;
  }
  return { id, expiresAt, user: row.user, renewed };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
  announceAccessChange({ kind: "session", sessionId });
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
  announceAccessChange({ kind: "user", userId });
}

/** Reads the session token from a Cookie header (also used by the websocket upgrade). */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      // Tokens are base32 and a dot: no decoding needed, and a malformed value is just refused.
      const value = part.slice(eq + 1).trim();
      return /^[a-z2-7]{1,64}\.[a-z2-7]{1,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = isProduction() ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearSessionCookie(): string {
  const secure = isProduction() ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

/** Deletes expired sessions and reset links that can no longer be used. */
export async function purgeExpiredCredentials(now = new Date()): Promise<void> {
  await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.passwordResetToken.deleteMany({ where: { expiresAt: { lte: now } } });
}
