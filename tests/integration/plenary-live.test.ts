// The live stream of a community's pages (Server-Sent Events) against the real production
// server: who gets a stream, that a registrant's stream hears a publication of its community
// through the compression middleware, and the per-user cap with cleanup when a browser leaves.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

const SLUG = "werken-aan-aanwezigheid";
let server: ChildServer;
let tmp: string;
let db: Db;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-live-"));
  const databaseUrl = `file:${path.join(tmp, "werkplaats.db")}`;
  server = await spawnServer({
    DATABASE_URL: databaseUrl,
    OUTBOX_DIR: path.join(tmp, "outbox"),
    SEED_DEMO: "true",
    LOGIN_RATE_LIMIT_IP: "1000",
    LIVE_MAX_CONNECTIONS_PER_USER: "2",
  });
  db = createDb(resolveDatabase(databaseUrl));
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

function post(pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

type Stream = { response: Response; received: () => string; close: () => void };

/** Opens the live stream; keeps reading what arrives until closed. */
async function openStream(cookie?: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/communities/${SLUG}/live`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
    signal: controller.signal,
  });
  let text = "";
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return { response, received: () => text, close: () => controller.abort() };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the live stream of a community", () => {
  it("refuses an anonymous visitor (401) and somebody not registered (403)", async () => {
    const anonymous = await openStream();
    expect(anonymous.response.status).toBe(401);
    const signup = await post("/signup", {
      name: "Niet Aangemeld",
      email: `live-${Date.now()}@example.test`,
      password: "een lang wachtwoord",
    });
    expect(signup.status).toBe(302);
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
    const outsider = await openStream(cookie);
    expect(outsider.response.status).toBe(403);
    const unknown = await fetch(`${server.url}/communities/bestaat-niet/live`, {
      headers: { Cookie: cookie },
    });
    expect(unknown.status).toBe(404);
  });

  it("tells a registrant's open stream when an outcome of its community is published", async () => {
    const registrant = await signInCookie(server.url, "deelnemer13@werkplaats.test");
    const stream = await openStream(registrant);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("content-encoding")).toBeNull();
    await waitFor(() => stream.received().includes(": connected"), "the first comment");

    const subgroup = await db.subgroup.findFirstOrThrow({
      where: { name: "Subgroep 1", theme: { name: "Samenwerken" } },
    });
    const leader = await signInCookie(server.url, "gespreksleider.samenwerken@werkplaats.test");
    const configured = await post(
      `/subgroups/${subgroup.id}`,
      { intent: "configureOutcome", title: "Samen aan de slag", type: "stappenplan" },
      leader,
    );
    expect(configured.status).toBe(200);
    expect(stream.received()).not.toContain("data: plenary");
    for (const transition of ["submit", "approve", "publish"]) {
      const step = await post(
        `/subgroups/${subgroup.id}/review`,
        { intent: "transition", transition, note: "" },
        leader,
      );
      expect(await step.json()).toMatchObject({ ok: true, transition });
    }
    await waitFor(() => stream.received().includes("data: plenary\n\n"), "the plenary event");
    stream.close();
  });

  it("caps open streams per person and frees a place when a browser goes away", async () => {
    const cookie = await signInCookie(server.url, "deelnemer12@werkplaats.test");
    const first = await openStream(cookie);
    const second = await openStream(cookie);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await openStream(cookie);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get("retry-after")).toBe("30");

    first.close();
    let fourth: Stream | undefined;
    const started = Date.now();
    while (Date.now() - started < 5_000) {
      fourth = await openStream(cookie);
      if (fourth.response.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fourth?.response.status).toBe(200);
    fourth?.close();
    second.close();
  });

  it("ends open streams at shutdown instead of keeping the server waiting", async () => {
    const cookie = await signInCookie(server.url, "deelnemer11@werkplaats.test");
    const stream = await openStream(cookie);
    expect(stream.response.status).toBe(200);
    const started = Date.now();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
