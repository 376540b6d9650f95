// Accounts: sign up, sign in, password reset by e-mailed one-time link.
import { type Locale, translator } from "~/i18n";
import { db } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import { hashToken, randomToken } from "~/utils/tokens.server";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
const RESET_TOKEN = /^[a-z2-7]{40,80}$/;

export type AccountUser = { id: string; email: string; name: string };

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002"
  );
}

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
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, locale: input.locale },
        select: { id: true, email: true, name: true },
      });
      await tx.auditEvent.create({
        data: {
          actorId: created.id,
          action: "account.signUp",
          targetType: "user",
          targetId: created.id,
        },
      });
      return created;
    });
    return { ok: true as const, user };
  } catch (error) {
    // A concurrent sign-up with the same address lost the race on the unique index.
    if (isUniqueViolation(error)) return { ok: false as const, error: "emailTaken" as const };
    throw error;
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

/**
 * Issues a one-time reset link for an existing account. The mail goes out in `delivery`, which
 * callers need not await: the visitor's answer must not take longer for a known address than
 * for an unknown one. Unknown addresses get nothing and a resolved delivery.
 */
export async function requestPasswordReset(
  email: string,
  origin: string,
  locale: Locale,
  now = new Date(),
): Promise<{ token?: string; delivery: Promise<void> }> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) return { delivery: Promise.resolve() };
  const token = randomToken(32);
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
  const delivery = sendEmail({
    to: email,
    subject: t("auth.resetMailSubject"),
    text: t("auth.resetMailBody", { name: user.name, link }),
  });
  return { token, delivery };
}

export async function isResetTokenValid(token: string, now = new Date()): Promise<boolean> {
  if (!RESET_TOKEN.test(token)) return false;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/**
 * Sets a new password with a one-time token. In one transaction: the token is consumed
 * (a second use, even a concurrent one, fails), the password changes, every other reset link of
 * the account is spent and every session of the user is signed out.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<AccountUser | null> {
  if (!RESET_TOKEN.test(token)) return null;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const consumed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (consumed.count !== 1) return null;
    const user = await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash },
      select: { id: true, email: true, name: true },
    });
    await tx.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { usedAt: now },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.auditEvent.create({
      data: {
        actorId: user.id,
        action: "account.passwordReset",
        targetType: "user",
        targetId: user.id,
      },
    });
    return user;
  });
}
