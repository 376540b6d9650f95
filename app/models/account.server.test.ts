import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { readOutbox } from "~/utils/email.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { createSession, validateSessionToken } from "~/utils/session.server";
import {
  isResetTokenValid,
  RESET_TOKEN_TTL_MS,
  requestPasswordReset,
  resetPassword,
  signIn,
  signUp,
} from "./account.server";

const email = () => `a-${crypto.randomUUID()}@example.test`;

describe("password hashing", () => {
  it("uses Argon2id with a salt and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("sign up and sign in", () => {
  it("creates an account once per e-mail address and signs in with its password", async () => {
    const address = email();
    const first = await signUp({
      name: "Anna",
      email: address,
      password: "een goed wachtwoord",
      locale: "nl",
    });
    expect(first.ok).toBe(true);
    const again = await signUp({
      name: "Anna 2",
      email: address,
      password: "een ander wachtwoord",
      locale: "nl",
    });
    expect(again).toEqual({ ok: false, error: "emailTaken" });
    expect(await signIn(address, "een goed wachtwoord")).toMatchObject({
      email: address,
      name: "Anna",
    });
  });

  it("answers the same for a wrong password and an unknown address", async () => {
    const address = email();
    await signUp({ name: "Bram", email: address, password: "een goed wachtwoord", locale: "nl" });
    expect(await signIn(address, "fout wachtwoord")).toBeNull();
    expect(await signIn(email(), "een goed wachtwoord")).toBeNull();
  });
});

describe("password reset by e-mailed one-time link", () => {
  async function accountWithSession() {
    const address = email();
    const result = await signUp({
      name: "Carla",
      email: address,
      password: "oud wachtwoord 123",
      locale: "nl",
    });
    if (!result.ok) throw new Error("sign-up failed");
    const session = await createSession(result.user.id);
    return { address, user: result.user, session };
  }

  it("mails a link that sets a new password once and signs out every session", async () => {
    const { address, session } = await accountWithSession();
    const { token, delivery } = await requestPasswordReset(
      address,
      "https://werkplaats.example",
      "nl",
    );
    await delivery;
    const mail = (await readOutbox()).find((m) => m.to === address);
    expect(mail?.subject).toBe("Je wachtwoord voor Werkplaats opnieuw instellen");
    expect(mail?.text).toContain(`https://werkplaats.example/reset-password/${token}`);
    expect(await isResetTokenValid(token!)).toBe(true);

    const user = await resetPassword(token!, "nieuw wachtwoord 456");
    expect(user?.email).toBe(address);
    expect(await signIn(address, "oud wachtwoord 123")).toBeNull();
    expect(await signIn(address, "nieuw wachtwoord 456")).not.toBeNull();
    expect(await validateSessionToken(session.token)).toBeNull();

    expect(await isResetTokenValid(token!)).toBe(false);
    expect(await resetPassword(token!, "derde wachtwoord 789")).toBeNull();
    expect(await signIn(address, "nieuw wachtwoord 456")).not.toBeNull();
  });

  it("refuses an expired link", async () => {
    const { address } = await accountWithSession();
    const issued = new Date(Date.now() - RESET_TOKEN_TTL_MS - 60_000);
    const { token } = await requestPasswordReset(
      address,
      "https://werkplaats.example",
      "nl",
      issued,
    );
    expect(await isResetTokenValid(token!)).toBe(false);
    expect(await resetPassword(token!, "nieuw wachtwoord 456")).toBeNull();
    expect(await signIn(address, "oud wachtwoord 123")).not.toBeNull();
  });

  it("sends nothing for an unknown address and stores only a hash of the token", async () => {
    const before = (await readOutbox(1000)).length;
    const unknown = await requestPasswordReset(email(), "https://werkplaats.example", "nl");
    expect(unknown.token).toBeUndefined();
    await unknown.delivery;
    expect((await readOutbox(1000)).length).toBe(before);

    const { address } = await accountWithSession();
    const { token, delivery } = await requestPasswordReset(
      address,
      "https://werkplaats.example",
      "en",
    );
    await delivery;
    const rows = await db.passwordResetToken.findMany({ where: { user: { email: address } } });
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.tokenHash).toString()).not.toContain(token!);
    const mail = (await readOutbox()).find((m) => m.to === address);
    expect(mail?.subject).toBe("Reset your Werkplaats password");
  });

  it("refuses malformed tokens without touching the database", async () => {
    expect(await isResetTokenValid("../../etc/passwd")).toBe(false);
    expect(await resetPassword("", "nieuw wachtwoord 456")).toBeNull();
  });
});
