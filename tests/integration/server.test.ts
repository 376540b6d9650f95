// The production server as users and browsers meet it: one port for pages and websockets,
// session cookies, CSRF refusal, login rate limits, websocket upgrade authorisation, shutdown.
import fs from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
let outcomes: { own: string; otherTheme: string };

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-server-"));
  const databaseUrl = `file:${path.join(tmp, "werkplaats.db")}`;
  server = await spawnServer({
    DATABASE_URL: databaseUrl,
    OUTBOX_DIR: path.join(tmp, "outbox"),
    SEED_DEMO: "true",
    LOGIN_RATE_LIMIT_IP: "1000",
    LOGIN_RATE_LIMIT_EMAIL: "5",
    SIGNUP_RATE_LIMIT_IP: "3",
  });
  db = createDb(resolveDatabase(databaseUrl));
  const own = await db.subgroupMembership.findFirstOrThrow({
    where: { user: { email: "deelnemer01@werkplaats.test" } },
    include: { subgroup: { include: { outcome: true } } },
  });
  const other = await db.outcome.findFirstOrThrow({
    where: { subgroup: { theme: { slug: "samenwerken" } } },
  });
  outcomes = { own: own.subgroup.outcome!.id, otherTheme: other.id };
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

function post(
  pathname: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

/** Opens a websocket and reports whether it opened or which HTTP status refused it. */
function tryUpgrade(
  pathname: string,
  cookie?: string,
): Promise<{ opened: true; ws: WebSocket } | { opened: false; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${pathname}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    ws.on("open", () => resolve({ opened: true, ws }));
    ws.on("unexpected-response", (_req, res) =>
      resolve({ opened: false, status: res.statusCode ?? 0 }),
    );
    ws.on("error", (error) => reject(error));
  });
}

describe("pages and sessions", () => {
  it("serves the seeded community on one port, with a request id", async () => {
    const res = await fetch(`${server.url}/communities/werken-aan-aanwezigheid`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
    const html = await res.text();
    expect(html).toContain("Werken aan aanwezigheid");
    expect(html).toContain("Aanwezigheidsbeleid");
    expect(html).not.toContain("meet.werkplaats.test"); // the online link is for registrants only
  });

  it("POST /login sets an HttpOnly SameSite=Lax session cookie and redirects", async () => {
    const res = await post("/login", {
      email: "deelnemer01@werkplaats.test",
      password: "Werkplaats2021!",
      redirectTo: "/me",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^werkplaats_session=[a-z2-7]+\.[a-z2-7]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Secure"); // production
    const me = await fetch(`${server.url}/me`, { headers: { Cookie: cookie.split(";")[0]! } });
    expect(await me.text()).toContain("Mijn werkplaats");
  });

  it("refuses an open redirect after sign-in", async () => {
    const res = await post("/login", {
      email: "deelnemer02@werkplaats.test",
      password: "Werkplaats2021!",
      redirectTo: "//evil.example/x",
    });
    expect(res.headers.get("location")).toBe("/me");
  });

  it("signing out ends the session on the server, not only in the browser", async () => {
    const cookie = await signInCookie(server.url, "deelnemer03@werkplaats.test");
    const out = await post("/logout", {}, { Cookie: cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const me = await fetch(`${server.url}/me`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(me.status).toBe(302);
    expect(me.headers.get("location")).toBe("/login?redirectTo=%2Fme");
  });

  it("answers bad input with a Dutch message and never a 500", async () => {
    const wrong = await post("/login", { email: "deelnemer01@werkplaats.test", password: "fout" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    const empty = await post("/signup", {});
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain("Vul je naam in.");
    expect(html).toContain("Vul je e-mailadres in.");
    const garbage = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: "email=%E0%A4%A&password=%%%",
    });
    expect(garbage.status).toBeLessThan(500);
    const json = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.url },
      body: "{not json",
    });
    expect(json.status).toBeLessThan(500);
    const missing = await fetch(`${server.url}/subgroups/does-not-exist`, {
      headers: { Cookie: await signInCookie(server.url, "deelnemer04@werkplaats.test") },
    });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Pagina niet gevonden");
  });
});

describe("moderation routes", () => {
  it("refuse outsiders, and answer bad review or comment input with a 400, never a 500", async () => {
    const subgroup = await db.outcome.findUniqueOrThrow({
      where: { id: outcomes.own },
      select: { subgroupId: true },
    });
    const base = `/subgroups/${subgroup.subgroupId}`;
    const outsider = { Cookie: await signInCookie(server.url, "deelnemer09@werkplaats.test") };
    const member = { Cookie: await signInCookie(server.url, "deelnemer01@werkplaats.test") };

    // Someone of another theme: refused before their input matters.
    const refused = await post(
      `${base}/review`,
      { intent: "transition", transition: "submit" },
      outsider,
    );
    expect(refused.status).toBe(403);
    expect((await post(`${base}/comments`, { intent: "start" }, outsider)).status).toBe(403);
    // Signed out: sent to sign in.
    expect((await post(`${base}/review`, { intent: "transition" })).status).toBe(302);

    // A member, with nonsense: 400s with a message key, nothing changed.
    const unknown = await post(
      `${base}/review`,
      { intent: "transition", transition: "delete" },
      member,
    );
    expect(unknown.status).toBe(400);
    const override = await post(`${base}/review`, { intent: "allowFinding", kind: "bsn" }, member);
    expect(override.status).toBe(403); // overrides are for leaders
    const anchors = await post(
      `${base}/comments`,
      { intent: "start", anchorStart: "%%%", anchorEnd: "AAAA", quote: "x", body: "Hoi" },
      member,
    );
    expect(anchors.status).toBe(400);
    const version = await post(
      `${base}/versions`,
      { intent: "takeMeeting", meeting: "abc" },
      member,
    );
    expect(version.status).toBe(403); // taking versions is for leaders
    expect((await db.outcome.findUniqueOrThrow({ where: { id: outcomes.own } })).status).toBe(
      "concept",
    );
  });
});

describe("CSRF and rate limits", () => {
  it("refuses a state-changing request from another site", async () => {
    const byOrigin = await post(
      "/login",
      { email: "deelnemer01@werkplaats.test", password: "Werkplaats2021!" },
      { Origin: "https://evil.example" },
    );
    expect(byOrigin.status).toBe(403);
    expect(await byOrigin.text()).toContain("Verzoek geweigerd");
    expect(byOrigin.headers.get("set-cookie")).toBeNull();
    const byFetchMetadata = await post(
      "/logout",
      {},
      { Origin: "", "Sec-Fetch-Site": "cross-site" },
    );
    expect(byFetchMetadata.status).toBe(403);
  });

  it("limits sign-in attempts per e-mail address with 429 and Retry-After", async () => {
    const email = `onbekend-${Date.now()}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post("/login", { email, password: `poging ${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    const limited = await post("/login", { email, password: "nog een keer" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(
      /Te veel pogingen\. Probeer het over \d+ minuten opnieuw\./,
    );
  });

  it("limits account creation per IP address", async () => {
    const signUp = (i: number) =>
      post("/signup", {
        name: `Nieuw ${i}`,
        email: `nieuw-${Date.now()}-${i}@example.test`,
        password: "een lang wachtwoord",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signUp(i)).status);
    expect(statuses).toEqual([302, 302, 302, 429]);
  });

  it("keeps the reset budget apart from the sign-in budget", async () => {
    const email = "deelnemer08@werkplaats.test";
    for (let i = 0; i < 6; i++) await post("/forgot-password", { email });
    expect((await post("/forgot-password", { email })).status).toBe(429);
    expect((await post("/login", { email, password: "Werkplaats2021!" })).status).toBe(302);
  });

  it("applies the limit to a correct password too, so guessing cannot continue", async () => {
    const email = "deelnemer05@werkplaats.test";
    for (let i = 0; i < 5; i++) await post("/login", { email, password: `fout ${i}` });
    expect((await post("/login", { email, password: "Werkplaats2021!" })).status).toBe(429);
  });
});

describe("websocket upgrades on /collab/<room>", () => {
  it("refuses an unauthenticated upgrade with 401 before it opens", async () => {
    expect(await tryUpgrade(`/collab/${outcomes.own}`)).toEqual({ opened: false, status: 401 });
    expect(await tryUpgrade(`/collab/${outcomes.own}`, "werkplaats_session=forged.token")).toEqual({
      opened: false,
      status: 401,
    });
  });

  it("refuses a signed-in user without access with 403", async () => {
    const cookie = await signInCookie(server.url, "deelnemer01@werkplaats.test");
    expect(await tryUpgrade(`/collab/${outcomes.otherTheme}`, cookie)).toEqual({
      opened: false,
      status: 403,
    });
    expect(await tryUpgrade("/collab/does-not-exist", cookie)).toEqual({
      opened: false,
      status: 403,
    });
    expect(await tryUpgrade("/collab/bad%20room", cookie)).toEqual({ opened: false, status: 400 });
  });

  it("opens for a member of the subgroup and for the theme's facilitator", async () => {
    for (const email of [
      "deelnemer01@werkplaats.test",
      "gespreksleider.beleid@werkplaats.test",
      "organisator@werkplaats.test",
    ]) {
      const result = await tryUpgrade(
        `/collab/${outcomes.own}`,
        await signInCookie(server.url, email),
      );
      expect(result.opened, email).toBe(true);
      if (result.opened) result.ws.close();
    }
  });

  it("leaves other upgrade paths alone (no collab socket opens there)", async () => {
    const cookie = await signInCookie(server.url, "deelnemer01@werkplaats.test");
    await expect(tryUpgrade("/somewhere-else", cookie)).rejects.toThrow();
  });
});

describe("hostile and malformed input", () => {
  /** Sends raw bytes and returns the first response line (or "closed"). */
  function raw(request: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write(request));
      let data = "";
      socket.on("data", (d) => {
        data += d.toString();
      });
      socket.on("close", () => resolve(data.split("\r\n")[0] || "closed"));
      socket.on("error", () => resolve("closed"));
      socket.setTimeout(3_000, () => socket.destroy());
    });
  }

  it("survives malformed websocket upgrade requests", async () => {
    const upgrade = (target: string) =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    for (const target of [
      "http://[/collab/x",
      "//[::1/collab/x",
      "http://%zz/",
      "http://:99999/",
      "/collab/%zz",
      `/collab/${"a".repeat(5000)}`,
    ]) {
      await raw(upgrade(target));
    }
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(server.proc.exitCode).toBeNull();
  });

  it("refuses a websocket upgrade from another site's page, even with a valid cookie", async () => {
    const cookie = await signInCookie(server.url, "deelnemer01@werkplaats.test");
    const result = await new Promise<number | "open">((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${outcomes.own}`, {
        headers: { Cookie: cookie, Origin: "https://evil.example" },
      });
      ws.on("open", () => {
        ws.close();
        resolve("open");
      });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", reject);
    });
    expect(result).toBe(403);
  });

  it("treats a malformed session cookie as signed out, not as an error", async () => {
    for (const cookie of [
      "werkplaats_session=%",
      "werkplaats_session=%E0%A4%A",
      "werkplaats_session=a.b.c.d",
    ]) {
      const res = await fetch(`${server.url}/`, { headers: { Cookie: cookie } });
      expect(res.status, cookie).toBe(200);
    }
  });

  it("answers a malformed percent-encoding in the path with a Dutch 400, not a 500", async () => {
    for (const path of ["/subgroups/%E0%A4%A", "/communities/%E0%A4%A", "/magazine/a/%ZZ/print"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain("Dit webadres klopt niet");
    }
  });

  it("lets only the edition page take an upload-sized body (a cover image), up to 6 MiB", async () => {
    // Each request on its own connection, headers first: a body the server refuses unread is
    // never written (writing it into a closed connection would fail the client, not the server).
    const statusOf = (path: string, bytes: number) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${server.url}${path}`, {
          method: "POST",
          agent: false,
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": bytes,
            Origin: server.url,
          },
        });
        const writeBody = setTimeout(() => req.end("x".repeat(bytes)), 500);
        req.on("response", (res) => {
          clearTimeout(writeBody);
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on("error", reject);
        req.flushHeaders();
      });
    expect(await statusOf("/communities/c/manage/magazine/e", 1024 * 1024)).not.toBe(413);
    expect(await statusOf("/login", 1024 * 1024)).toBe(413);
    expect(await statusOf("/communities/c/manage/magazine/e", 7 * 1024 * 1024)).toBe(413);
  });

  it("refuses an oversized body with 413 before reading it", async () => {
    const res = await post("/login", { email: "x@example.test", password: "a".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("te groot");
  });

  it("does not write reset tokens to the log", async () => {
    const token = "a".repeat(52);
    await fetch(`${server.url}/reset-password/${token}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.output()).toContain("/reset-password/[redacted]");
    expect(server.output()).not.toContain(token);
  });

  it("does not confirm that an unpublished community exists", async () => {
    await db.community.create({
      data: {
        slug: "nog-geheim",
        name: "Nog geheim",
        tagline: "t",
        description: "d",
        audience: "a",
        location: "l",
        costs: "c",
      },
    });
    const anonymous = await fetch(`${server.url}/communities/nog-geheim`, { redirect: "manual" });
    expect(anonymous.status).toBe(404);
    const participant = await fetch(`${server.url}/communities/nog-geheim`, {
      headers: { Cookie: await signInCookie(server.url, "deelnemer06@werkplaats.test") },
    });
    expect(participant.status).toBe(404);
  });
});

describe("graceful shutdown", () => {
  it("on SIGTERM closes websockets with 1001, finishes and exits 0", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-sigterm-"));
    const own = await spawnServer({
      DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`,
      SEED_DEMO: "true",
    });
    try {
      const cookie = await signInCookie(own.url, "deelnemer01@werkplaats.test");
      const child = createDb(resolveDatabase(`file:${path.join(dir, "db.sqlite")}`));
      const outcome = await child.outcome.findFirstOrThrow({
        where: {
          subgroup: { members: { some: { user: { email: "deelnemer01@werkplaats.test" } } } },
        },
      });
      await child.$disconnect();
      const ws = new WebSocket(`ws://127.0.0.1:${own.port}/collab/${outcome.id}`, {
        headers: { Cookie: cookie },
      });
      await new Promise((resolve, reject) => {
        ws.on("open", resolve);
        ws.on("error", reject);
      });
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      const code = await own.stop("SIGTERM");
      expect(await closed).toBe(1001);
      expect(code).toBe(0);
      expect(own.output()).toContain("shut down cleanly");
    } finally {
      await own.stop("SIGKILL");
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
