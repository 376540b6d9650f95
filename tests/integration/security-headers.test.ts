// The production server's security headers and the websocket Origin check (issue 7, hardening):
// every response carries a Content-Security-Policy with a nonce of its own, every inline script
// of a page carries exactly that nonce, and a websocket upgrade from another site's page is
// refused before it opens while our own pages and non-browser clients get in.
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { subgroupOf, upgradeStatus } from "../helpers/collab";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
let member: string;
let subgroup: Awaited<ReturnType<typeof subgroupOf>>;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-headers-"));
  const databaseUrl = `file:${path.join(tmp, "werkplaats.db")}`;
  server = await spawnServer({
    DATABASE_URL: databaseUrl,
    OUTBOX_DIR: path.join(tmp, "outbox"),
    SEED_DEMO: "true",
  });
  db = createDb(resolveDatabase(databaseUrl));
  subgroup = await subgroupOf(db, "deelnemer01@werkplaats.test");
  member = await signInCookie(server.url, "deelnemer01@werkplaats.test");
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

function nonceOf(policy: string): string {
  const nonce = directives(policy)
    .get("script-src")
    ?.find((s) => s.startsWith("'nonce-"))
    ?.slice(7, -1);
  if (!nonce) throw new Error(`no nonce in ${policy}`);
  return nonce;
}

/** Every <script> start tag of a page, with its attributes. */
function scriptTags(html: string): { tag: string; src: boolean; nonce: string | undefined }[] {
  return [...html.matchAll(/<script\b[^>]*>/gi)].map(([tag]) => ({
    tag,
    src: /\ssrc=/i.test(tag),
    nonce: /\snonce="([^"]*)"/i.exec(tag)?.[1],
  }));
}

async function page(pathname: string, cookie?: string) {
  const res = await fetch(`${server.url}${pathname}`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  return { res, html: await res.text(), policy: res.headers.get("content-security-policy") ?? "" };
}

describe("Content-Security-Policy", () => {
  it("is strict in production: scripts by nonce, no plugins, no framing, websockets to our host", async () => {
    const { res, policy } = await page("/");
    expect(res.status).toBe(200);
    const d = directives(policy);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonceOf(policy)}'`]);
    // No inline script without the nonce, and no eval.
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    // Style sheets from our origin only; style attributes allowed (decision 015).
    expect(d.get("style-src")).toEqual(["'self'"]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("connect-src")).toEqual([
      "'self'",
      `ws://127.0.0.1:${server.port}`,
      `wss://127.0.0.1:${server.port}`,
    ]);
    expect(d.get("font-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("has a fresh nonce in every response, and every inline script of a page carries it", async () => {
    const cookie = member;
    const organiser = await signInCookie(server.url, "organisator@werkplaats.test");
    const pages: [string, string | undefined][] = [
      ["/", undefined],
      ["/", undefined],
      ["/login", undefined],
      ["/communities/werken-aan-aanwezigheid", undefined],
      ["/me", cookie],
      [`/subgroups/${subgroup.id}`, cookie],
      [`/subgroups/${subgroup.id}/versions`, cookie],
      ["/communities/werken-aan-aanwezigheid/plenary/1", cookie],
      ["/communities/werken-aan-aanwezigheid/manage", organiser],
      ["/communities/werken-aan-aanwezigheid/manage/templates", organiser],
      // Error pages are pages too.
      ["/bestaat-niet", undefined],
      [`/subgroups/${subgroup.id}`, await signInCookie(server.url, "deelnemer09@werkplaats.test")],
    ];
    const nonces = new Set<string>();
    for (const [pathname, c] of pages) {
      const { res, html, policy } = await page(pathname, c);
      expect(res.headers.get("content-type"), pathname).toContain("text/html");
      const nonce = nonceOf(policy);
      // 128 bits, base64.
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      nonces.add(nonce);
      const scripts = scriptTags(html);
      expect(scripts.filter((s) => !s.src).length, pathname).toBeGreaterThan(0);
      for (const script of scripts) expect(script.nonce, `${pathname}: ${script.tag}`).toBe(nonce);
      // And no other nonce appears anywhere in the page (a cached or shared one).
      const all = new Set([...html.matchAll(/\snonce="([^"]*)"/g)].map((m) => m[1]));
      expect([...all], pathname).toEqual([nonce]);
    }
    expect(nonces.size).toBe(pages.length);
  });

  it("comes with the other hardening headers on pages, files and refusals alike", async () => {
    for (const pathname of ["/", "/favicon.svg", "/healthz", "/bestaat-niet"]) {
      const res = await fetch(`${server.url}${pathname}`);
      await res.arrayBuffer();
      const h = res.headers;
      expect(h.get("content-security-policy"), pathname).toContain("frame-ancestors 'none'");
      expect(h.get("x-content-type-options"), pathname).toBe("nosniff");
      expect(h.get("referrer-policy"), pathname).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-frame-options"), pathname).toBe("DENY");
      expect(h.get("permissions-policy"), pathname).toBe(
        "camera=(), microphone=(), geolocation=()",
      );
      expect(h.get("cross-origin-opener-policy"), pathname).toBe("same-origin");
      expect(h.get("cross-origin-resource-policy"), pathname).toBe("same-origin");
      expect(h.get("strict-transport-security"), pathname).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  });

  it("does not repeat a Host header that could smuggle in a directive", async () => {
    // fetch() will not send a forged Host header: a raw request does.
    const policy = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/",
          headers: { Host: "evil.example; script-src *" },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers["content-security-policy"] ?? ""));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(policy).not.toContain("evil.example");
    expect(policy).not.toContain("script-src *");
    expect(directives(policy).get("connect-src")).toEqual(["'self'"]);
  });
});

describe("the health check's details", () => {
  it("are given on this machine only, never through a proxy, and never without asking", async () => {
    const local = (await (await fetch(`${server.url}/healthz?details=1`)).json()) as Record<
      string,
      unknown
    >;
    expect(local).toMatchObject({ ok: true, collab: { connections: 0 } });
    expect(local.memory).toBeTruthy();
    const plain = await (await fetch(`${server.url}/healthz`)).json();
    expect(plain).toEqual({ ok: true });
    const proxied = await fetch(`${server.url}/healthz?details=1&gc=1`, {
      headers: { "X-Forwarded-For": "203.0.113.7" },
    });
    expect(await proxied.json()).toEqual({ ok: true });
  });
});

describe("websocket Origin check on /collab/<room>", () => {
  it("refuses an upgrade from another site's page with 403, even with a valid session", async () => {
    const foreign: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      // A look-alike of our host on another port, and another scheme.
      { Origin: `http://127.0.0.1:${server.port + 1}` },
      { Origin: "null" },
      // The browser's own verdict wins over a matching Origin.
      { Origin: server.url, "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of foreign) {
      expect(
        await upgradeStatus(server, subgroup.room, { Cookie: member, ...headers }),
        JSON.stringify(headers),
      ).toBe(403);
    }
  });

  it("opens for our own pages (same Origin, same-origin fetch metadata)", async () => {
    expect(await upgradeStatus(server, subgroup.room, { Cookie: member, Origin: server.url })).toBe(
      101,
    );
    expect(
      await upgradeStatus(server, subgroup.room, {
        Cookie: member,
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
      }),
    ).toBe(101);
  });

  it("opens for a non-browser client without an Origin, with a session (and only with one)", async () => {
    expect(await upgradeStatus(server, subgroup.room, { Cookie: member })).toBe(101);
    expect(await upgradeStatus(server, subgroup.room, {})).toBe(401);
  });
});
