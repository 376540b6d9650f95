import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  clearSessionCookie,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  SESSION_RENEW_MS,
  SESSION_TTL_MS,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

async function newUser() {
  return db.user.create({
    data: {
      email: `s-${crypto.randomUUID()}@example.test`,
      name: "Sessie Test",
      passwordHash: "x",
    },
  });
}

describe("sessions (Lucia's design)", () => {
  it("stores only a hash of the secret and validates the token", async () => {
    const user = await newUser();
    const { token } = await createSession(user.id);
    const [id, secret] = token.split(".");
    const row = await db.session.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.secretHash).toString("hex")).not.toContain(
      Buffer.from(secret!).toString("hex"),
    );
    expect(row.secretHash.length).toBe(32);
    const session = await validateSessionToken(token);
    expect(session?.user).toMatchObject({ id: user.id, email: user.email });
  });

  it("refuses a token with a wrong secret, a malformed token and an unknown id", async () => {
    const user = await newUser();
    const { token } = await createSession(user.id);
    const [id] = token.split(".");
    expect(await validateSessionToken(`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)).toBeNull();
    expect(await validateSessionToken("no-dot-at-all")).toBeNull();
    expect(await validateSessionToken("a.b.c")).toBeNull();
    expect(await validateSessionToken(`unknown.${token.split(".")[1]}`)).toBeNull();
  });

  it("expires after its lifetime and removes the expired row", async () => {
    const user = await newUser();
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = await createSession(user.id, {}, start);
    const afterExpiry = new Date(start.getTime() + SESSION_TTL_MS + 1000);
    expect(await validateSessionToken(token, afterExpiry)).toBeNull();
    expect(await db.session.count({ where: { id: token.split(".")[0] } })).toBe(0);
  });

  it("slides its expiry when used in the second half of its life, not before", async () => {
    const user = await newUser();
    const start = new Date();
    const { token, expiresAt } = await createSession(user.id, {}, start);
    const early = await validateSessionToken(token, new Date(start.getTime() + 60_000));
    expect(early?.renewed).toBe(false);
    expect(early?.expiresAt.getTime()).toBe(expiresAt.getTime());
    const later = new Date(start.getTime() + SESSION_TTL_MS - SESSION_RENEW_MS + 60_000);
    const renewed = await validateSessionToken(token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(later.getTime() + SESSION_TTL_MS);
  });

  it("signing out invalidates one session; a password reset invalidates them all", async () => {
    const user = await newUser();
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    await invalidateSession(a.token.split(".")[0]!);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).not.toBeNull();
    await invalidateUserSessions(user.id);
    expect(await validateSessionToken(b.token)).toBeNull();
  });

  it("reads the token from a Cookie header and writes a hardened cookie", () => {
    expect(readSessionToken("a=1; werkplaats_session=abc.def; b=2")).toBe("abc.def");
    expect(readSessionToken("a=1")).toBeNull();
    expect(readSessionToken(undefined)).toBeNull();
    const cookie = sessionCookie("abc.def", new Date("2030-01-01T00:00:00Z"));
    expect(cookie).toMatch(/^werkplaats_session=abc\.def; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(clearSessionCookie()).toContain("Max-Age=0");
  });
});
