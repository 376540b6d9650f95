// Accounts: sign up, sign in, password reset by e-mailed one-time link.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { type Locale, translator } from "~/i18n";
import { db } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import { invalidateUserSessions } from "~/utils/session.server";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export type AccountUser = { id: string; email: string; name: string };

export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  locale: Locale;
}) {
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) return { ok: false as const, error: "emailTaken" as const };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, locale: input.locale },
      select: { id: true, email: true, name: true },
    });
    await db.auditEvent.create({
      data: { actorId: user.id, action: "account.signUp", targetType: "user", targetId: user.id },
    });
    return { ok: true as const, user };
  } catch {
    // A concurrent sign-up with the same address lost the race on the unique index.
    return { ok: false as const, error: "emailTaken" as const };
  }
}

/** The same answer (null) and about the same time for an unknown e-mail and a wrong password. */
export async function signIn(email: string, password: string): Promise<AccountUser | null> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

function hashToken(token: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sha256(new TextEncoder().encode(token)));
}

/** E-mails a one-time reset link when the address belongs to an account; silent otherwise. */
export async function requestPasswordReset(
  email: string,
  origin: string,
  locale: Locale,
  now = new Date(),
) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, locale: true },
  });
  if (!user) return;
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
  await db.passwordResetToken.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
      createdAt: now,
    },
  });
  const t = translator(locale);
  const link = `${origin}/reset-password/${token}`;
  await sendEmail({
    to: email,
    subject: t("auth.resetMailSubject"),
    text: t("auth.resetMailBody", { name: user.name, link }),
  });
  return token;
}

export async function isResetTokenValid(token: string, now = new Date()): Promise<boolean> {
  if (!/^[a-z2-7]{40,80}$/.test(token)) return false;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/**
 * Sets a new password with a one-time token. The token is consumed atomically (a second use,
 * even a concurrent one, fails) and every existing session of the user is signed out.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<AccountUser | null> {
  if (!/^[a-z2-7]{40,80}$/.test(token)) return null;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true },
  });
  if (!row) return null;
  const consumed = await db.passwordResetToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (consumed.count !== 1) return null;
  const passwordHash = await hashPassword(newPassword);
  const user = await db.user.update({
    where: { id: row.userId },
    data: { passwordHash },
    select: { id: true, email: true, name: true },
  });
  await invalidateUserSessions(user.id);
  await db.passwordResetToken.updateMany({
    where: { userId: user.id, usedAt: null },
    data: { usedAt: now },
  });
  await db.auditEvent.create({
    data: {
      actorId: user.id,
      action: "account.passwordReset",
      targetType: "user",
      targetId: user.id,
    },
  });
  return user;
}
