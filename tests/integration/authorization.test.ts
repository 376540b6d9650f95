// Authorisation, route by route and role by role, generated from the route list of the build
// (issue 7, hardening). Every route React Router builds (build/server/index.js exports `routes`)
// must have a row in EXPECTATIONS below; a new route without one fails this suite, so nobody
// adds a page or an action without deciding who may use it.
//
// Against the production server on a fresh SQLite database with the demo community, plus a few
// things made through the models (tests/helpers/authorization-fixture.ts): a published outcome
// with a version, a published and a draft magazine edition, an unpublished community.
//
// Roles are relative to the target (app/models/permissions.server.ts); the columns, in order:
//   anon      not signed in
//   outsider  signed in, registered nowhere (a fresh account)
//   else      participant of the community in another theme's subgroup (deelnemer09)
//   plenary   registered for the plenary only (deelnemer13)
//   member    member of the target subgroup, Aanwezigheidsbeleid Subgroep 1 (deelnemer01)
//   otherFac  gespreksleider of another theme (Samenwerken)
//   fac       gespreksleider of the target's theme (Aanwezigheidsbeleid)
//   org       organiser of the community
// There is no platform-wide administrator in the permissions module (a person who organises any
// community counts as organiser for site-wide actions such as starting a community); if one is
// added, add a column.
//
// A cell is the HTTP status the server answers (redirects not followed), or LOGIN: a redirect
// to the sign-in page. GET is asked of every route; POST of every route with an action (a form
// with an unknown intent, so nothing changes), where a refused role must get LOGIN, 403 or 404,
// never 200 and never a 500. Run with AUTHZ_PRINT=1 to print what the server answers now, in
// the table's own notation.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/db";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

const ROLES = ["anon", "outsider", "else", "plenary", "member", "otherFac", "fac", "org"] as const;
type Role = (typeof ROLES)[number];
const LOGIN = "LOGIN";
type Cell = number | typeof LOGIN;
type Row = Record<Role, Cell>;

/** A row in column order: anon, outsider, else, plenary, member, otherFac, fac, org. */
function r(...cells: Cell[]): Row {
  if (cells.length !== ROLES.length) throw new Error(`a row has ${ROLES.length} cells`);
  return Object.fromEntries(ROLES.map((role, i) => [role, cells[i]])) as Row;
}
const all = (cell: Cell) => r(...ROLES.map(() => cell));

/** Values for the route parameters (filled from the seeded data and the fixture). */
type Params = Record<string, string>;
type Case = {
  /** What this case is about, when a route has several. */
  label?: string;
  /** Parameter values that differ from the defaults (e.g. a draft edition). */
  params?: Params;
  /** Query string appended to the path. */
  query?: string;
  /** The POST's form fields (default: an intent no route knows). */
  body?: Record<string, string>;
  get: Row;
  /** Required exactly when the route has an action. */
  post?: Row;
};

// Rows used often (anon, outsider, else, plenary, member, otherFac, fac, org):
/** Anyone, signed in or not. */
const PUBLIC = all(200);
/** Signed in, whoever (own account pages). */
const SIGNED_IN = r(LOGIN, 200, 200, 200, 200, 200, 200, 200);
/** Everybody registered for the community, and its gespreksleiders and organisers. */
const COMMUNITY = r(LOGIN, 403, 200, 200, 200, 200, 200, 200);
/** The subgroup's circle: its members, the theme's gespreksleider, the organisers. */
const CIRCLE = r(LOGIN, 403, 403, 403, 200, 403, 200, 200);
/** Organisers only. */
const ORGANISER = r(LOGIN, 403, 403, 403, 403, 403, 403, 200);
/** Not shown to anyone but organisers, nor confirmed to exist (an unpublished thing). */
const HIDDEN = r(404, 404, 404, 404, 404, 404, 404, 200);
// POST with an unknown intent: the roles allowed get as far as "this request is not valid".
const POST_CIRCLE = r(LOGIN, 403, 403, 403, 400, 403, 400, 400);
const POST_LEADERS = r(LOGIN, 403, 403, 403, 403, 403, 400, 400);
const POST_ORGANISER = r(LOGIN, 403, 403, 403, 403, 403, 403, 400);
const POST_HIDDEN = r(404, 404, 404, 404, 404, 404, 404, 400);

/** A parameter value "@name" is taken from the fixture's values (e.g. "@hiddenSlug"). */
const hiddenCommunity = { label: "unpublished community", params: { slug: "@hiddenSlug" } };
const draftEdition = {
  label: "draft edition",
  params: { edition: "@draftEdition", editionId: "@draftEditionId" },
};

const EXPECTATIONS: Record<string, Case[]> = {
  // The layout of every page: asked as "/".
  root: [{ get: PUBLIC }],
  "routes/_index": [{ get: PUBLIC }],
  "routes/$": [{ get: all(404), post: all(404) }],
  "routes/accessibility": [{ get: PUBLIC }],
  "routes/privacy": [{ get: PUBLIC }],
  "routes/healthz": [{ get: PUBLIC }],
  // Development only.
  "routes/dev.outbox": [{ get: all(404) }],

  // Accounts. Signed-in people are sent on from the sign-in and sign-up pages.
  "routes/login": [
    {
      get: r(200, 302, 302, 302, 302, 302, 302, 302),
      post: r(400, 302, 302, 302, 302, 302, 302, 302),
    },
  ],
  "routes/signup": [
    {
      get: r(200, 302, 302, 302, 302, 302, 302, 302),
      post: r(400, 302, 302, 302, 302, 302, 302, 302),
    },
  ],
  "routes/logout": [{ get: PUBLIC, post: all(302) }],
  "routes/forgot-password": [{ get: PUBLIC, post: all(400) }],
  // A link with an unknown token: the page says so, to anyone.
  "routes/reset-password.$token": [{ get: PUBLIC, post: all(400) }],
  "routes/set-language": [{ get: all(302), post: all(302) }],
  "routes/me": [{ get: SIGNED_IN, post: r(LOGIN, 400, 400, 400, 400, 400, 400, 400) }],
  "routes/me_.data[.json]": [{ get: SIGNED_IN }],
  "routes/me_.delete": [{ get: SIGNED_IN, post: r(LOGIN, 400, 400, 400, 400, 400, 400, 400) }],
  // The personal calendar feed: its secret token is the key, whoever asks.
  "routes/feeds.$token.werkplaats[.ics]": [
    { get: PUBLIC },
    { label: "unknown token", params: { token: "onbekend" }, get: all(404) },
  ],

  // Communities.
  "routes/communities.new": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug": [
    { get: PUBLIC, post: r(LOGIN, 400, 400, 400, 400, 400, 400, 400) },
    { ...hiddenCommunity, get: HIDDEN, post: r(404, 404, 404, 404, 404, 404, 404, 400) },
  ],
  "routes/communities.$slug_.calendar[.ics]": [
    { get: PUBLIC },
    { ...hiddenCommunity, get: HIDDEN },
  ],
  "routes/communities.$slug_.meetings.$number.calendar[.ics]": [{ get: PUBLIC }],
  "routes/communities.$slug_.live": [
    { get: r(401, 403, 200, 200, 200, 200, 200, 200) },
    { ...hiddenCommunity, get: r(404, 404, 404, 404, 404, 404, 404, 200) },
  ],
  "routes/communities.$slug_.plenary.$number": [
    { get: COMMUNITY, post: POST_ORGANISER },
    // It has no meetings yet.
    { ...hiddenCommunity, get: all(404), post: all(404) },
  ],
  "routes/communities.$slug_.questions": [
    { label: "moderation", get: COMMUNITY, post: POST_ORGANISER },
    {
      label: "a vote",
      body: { intent: "vote" },
      get: COMMUNITY,
      post: r(LOGIN, 403, 400, 400, 400, 400, 400, 400),
    },
  ],

  // Managing a community: organisers only; an unpublished one is not confirmed to others.
  "routes/communities.$slug_.manage": [{ get: ORGANISER }, { ...hiddenCommunity, get: HIDDEN }],
  "routes/communities.$slug_.manage._index": [
    { query: "?index", get: ORGANISER, post: POST_ORGANISER },
    { ...hiddenCommunity, query: "?index", get: HIDDEN, post: POST_HIDDEN },
  ],
  "routes/communities.$slug_.manage.meetings": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.meetings_.$number": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.themes": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.registrations": [{ get: ORGANISER }],
  "routes/communities.$slug_.manage.registrations[.csv]": [
    { get: ORGANISER },
    { ...hiddenCommunity, get: HIDDEN },
  ],
  "routes/communities.$slug_.manage.subgroups": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.templates": [{ get: ORGANISER }],
  "routes/communities.$slug_.manage.templates_.$type": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.magazine": [{ get: ORGANISER, post: POST_ORGANISER }],
  "routes/communities.$slug_.manage.magazine_.$editionId": [
    { get: ORGANISER, post: POST_ORGANISER },
    { ...draftEdition, get: ORGANISER, post: POST_ORGANISER },
  ],
  "routes/communities.$slug_.manage_.magazine.$editionId.preview": [
    { get: ORGANISER },
    { ...draftEdition, get: ORGANISER },
  ],

  // A subgroup and its outcome (Aanwezigheidsbeleid Subgroep 1; its outcome is published).
  "routes/subgroups.$subgroupId": [
    { get: CIRCLE, post: POST_CIRCLE },
    {
      label: "outcome settings",
      body: { intent: "configureOutcome" },
      get: CIRCLE,
      post: POST_LEADERS,
    },
    {
      label: "unknown subgroup",
      params: { subgroupId: "onbekend" },
      get: r(404, 404, 404, 404, 404, 404, 404, 404),
      post: all(404),
    },
  ],
  "routes/subgroups.$subgroupId_.comments": [{ get: CIRCLE, post: POST_CIRCLE }],
  "routes/subgroups.$subgroupId_.questions": [{ get: CIRCLE, post: POST_CIRCLE }],
  "routes/subgroups.$subgroupId_.review": [{ get: all(405), post: POST_CIRCLE }],
  "routes/subgroups.$subgroupId_.suggestions": [{ get: all(405), post: POST_LEADERS }],
  // Consent to be named in the magazine: a member's own (the empty form means "no").
  "routes/subgroups.$subgroupId_.credit": [
    { get: CIRCLE, post: r(LOGIN, 403, 403, 403, 200, 403, 403, 403) },
  ],
  "routes/subgroups.$subgroupId_.export.$format": [{ get: CIRCLE }],
  "routes/subgroups.$subgroupId_.versions._index": [{ get: CIRCLE, post: POST_LEADERS }],
  "routes/subgroups.$subgroupId_.versions.$versionId": [{ get: CIRCLE, post: POST_LEADERS }],
  "routes/subgroups.$subgroupId_.versions.compare": [{ get: CIRCLE }],
  // The published version: the community's people. A gespreksleider of another theme is not
  // counted among them for a subgroup (while the plenary page shows them the same text).
  "routes/subgroups.$subgroupId_.published": [{ get: r(LOGIN, 403, 200, 200, 200, 403, 200, 200) }],
  "routes/subgroups.$subgroupId_.published_.export.$format": [
    { get: r(LOGIN, 403, 200, 200, 200, 403, 200, 200) },
  ],

  // The magazine: a published edition is public, a draft is the organisers' only.
  "routes/magazine.$community.$edition": [{ get: PUBLIC }, { ...draftEdition, get: HIDDEN }],
  "routes/magazine.$community.$edition_.artikelen.$article": [
    { get: PUBLIC },
    { label: "unknown article", params: { article: "onbekend" }, get: all(404) },
  ],
  "routes/magazine.$community.$edition_.print": [{ get: PUBLIC }, { ...draftEdition, get: HIDDEN }],
  // No cover was uploaded for either edition.
  "routes/magazine.$community.$edition_.cover": [
    { get: all(404) },
    { ...draftEdition, get: all(404) },
  ],
  // The PDF of a published edition is made on the first request (202 while it is made).
  // A draft has no PDF, not even for organisers (they read the preview).
  "routes/magazine.$community.$edition_.pdf": [
    { get: all(202) },
    { ...draftEdition, get: all(404) },
  ],
  "routes/magazine.$community.$edition_.pdf_.status": [
    { get: ORGANISER, post: POST_ORGANISER },
    { ...draftEdition, get: HIDDEN, post: POST_HIDDEN },
  ],
};

// ---------------------------------------------------------------------------------------------

type Fixture = {
  subgroupId: string;
  outcomeId: string;
  versionId: string;
  editionId: string;
  editionSlug: string;
  draftEditionId: string;
  draftEditionSlug: string;
  hiddenSlug: string;
  calendarToken: string;
};

type BuiltRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { loader?: unknown; action?: unknown; default?: unknown };
};

let server: ChildServer;
let tmp: string;
let routes: Record<string, BuiltRoute>;
let defaults: Params;
const cookies = {} as Record<Role, string>;

function runFixture(databaseUrl: string): Promise<Fixture> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
        "tests/helpers/authorization-fixture.ts",
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as Fixture);
      else reject(new Error(`authorization fixture failed (${code}):\n${out}\n${err}`));
    });
  });
}

/** The URL path of a route: its own path under its parents', parameters filled in. */
function urlOf(id: string, params: Params): string {
  const parts: string[] = [];
  for (let route: BuiltRoute | undefined = routes[id]; route; route = routes[route.parentId ?? ""])
    if (route.path) parts.unshift(route.path);
  const filled = parts
    .join("/")
    .split("/")
    .map((segment) => {
      if (segment === "*") return "bestaat-niet";
      if (!segment.startsWith(":")) return segment;
      const value = params[segment.slice(1)];
      if (value === undefined) throw new Error(`no value for ${segment} in route ${id}`);
      return encodeURIComponent(value);
    })
    .join("/");
  return `/${filled}`;
}

/** The table's notation for a response. */
async function cellOf(res: Response): Promise<Cell> {
  // Only the status matters; a live stream would never end.
  await res.body?.cancel().catch(() => undefined);
  const location = res.headers.get("location") ?? "";
  if (res.status === 302 && location.startsWith("/login?redirectTo=")) return LOGIN;
  return res.status;
}

async function ask(
  method: "GET" | "POST",
  url: string,
  role: Role,
  body: Record<string, string> = { intent: "authorisation-probe" },
): Promise<Cell> {
  const headers: Record<string, string> = { Accept: "text/html" };
  if (cookies[role]) headers.Cookie = cookies[role];
  if (method === "POST") {
    headers.Origin = server.url;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers,
    redirect: "manual",
    body: method === "POST" ? new URLSearchParams(body) : undefined,
  });
  return cellOf(res);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-authz-"));
  const databaseUrl = `file:${path.join(tmp, "db.sqlite")}`;
  server = await spawnServer({
    DATABASE_URL: databaseUrl,
    OUTBOX_DIR: path.join(tmp, "outbox"),
    SEED_DEMO: "true",
    // Hundreds of requests from one address and person in a few seconds: not what is tested here.
    MUTATION_RATE_LIMIT_USER: "100000",
    MUTATION_RATE_LIMIT_IP: "100000",
    LOGIN_RATE_LIMIT_IP: "100000",
    SIGNUP_RATE_LIMIT_IP: "100000",
  });
  const fixture = await runFixture(databaseUrl);
  const build = (await import(
    pathToFileURL(path.join(repoRoot, "build/server/index.js")).href
  )) as {
    routes: Record<string, BuiltRoute>;
  };
  routes = build.routes;

  const signUp = await fetch(`${server.url}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({
      name: "Buitenstaander",
      email: "buitenstaander@werkplaats.test",
      password: "Werkplaats2021!",
    }),
  });
  if (signUp.status !== 302) throw new Error(`sign-up failed: ${signUp.status}`);
  cookies.anon = "";
  cookies.outsider = (signUp.headers.get("set-cookie") ?? "").split(";")[0]!;
  const accounts: [Role, string][] = [
    ["else", "deelnemer09@werkplaats.test"],
    ["plenary", "deelnemer13@werkplaats.test"],
    ["member", "deelnemer01@werkplaats.test"],
    ["otherFac", "gespreksleider.samenwerken@werkplaats.test"],
    ["fac", "gespreksleider.beleid@werkplaats.test"],
    ["org", "organisator@werkplaats.test"],
  ];
  for (const [role, email] of accounts) cookies[role] = await signInCookie(server.url, email);

  // An article of the published edition, as its page links it.
  const edition = await fetch(
    `${server.url}/magazine/werken-aan-aanwezigheid/${fixture.editionSlug}`,
  );
  const article = /\/artikelen\/([^"/?#]+)"/.exec(await edition.text())?.[1];
  if (!article) throw new Error("no article link on the edition page");

  defaults = {
    slug: "werken-aan-aanwezigheid",
    community: "werken-aan-aanwezigheid",
    subgroupId: fixture.subgroupId,
    versionId: fixture.versionId,
    number: "1",
    type: "checklist",
    format: "md",
    editionId: fixture.editionId,
    edition: fixture.editionSlug,
    article: decodeURIComponent(article),
    token: fixture.calendarToken,
    draftEditionId: fixture.draftEditionId,
    draftEdition: fixture.draftEditionSlug,
    hiddenSlug: fixture.hiddenSlug,
  };
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const SIGN_OUT = "routes/logout";

describe("authorisation of every route for every role", () => {
  it("has expectations for exactly the routes of the build", () => {
    const built = Object.keys(routes).sort();
    const missing = built.filter((id) => !(id in EXPECTATIONS));
    const stale = Object.keys(EXPECTATIONS).filter((id) => !(id in routes));
    expect(
      missing,
      `Routes without authorisation expectations: add a row for each to EXPECTATIONS in tests/integration/authorization.test.ts (who may GET it, and POST if it has an action; AUTHZ_PRINT=1 prints what the server answers now, to check against the policy)`,
    ).toEqual([]);
    expect(stale, "Rows in EXPECTATIONS for routes that no longer exist: remove them").toEqual([]);
    for (const [id, cases] of Object.entries(EXPECTATIONS)) {
      const hasAction = !!routes[id]?.module.action;
      for (const c of cases)
        expect(!!c.post, `${id}: a POST row exactly when the route has an action`).toBe(hasAction);
    }
  });

  it("answers every role as the table says (GET, and POST where there is an action)", async () => {
    const mismatches: string[] = [];
    const printed: string[] = [];
    // Signing out ends the session it is asked with: that route goes last.
    const ids = Object.keys(routes).sort((a, b) => Number(a === SIGN_OUT) - Number(b === SIGN_OUT));
    const methods: ("GET" | "POST")[] = ["GET", "POST"];
    for (const method of methods) {
      for (const id of ids) {
        const route = routes[id]!;
        if (method === "POST" && !route.module.action) continue;
        const cases = EXPECTATIONS[id] ?? [{ get: all(0) }];
        for (const c of cases) {
          const params = { ...defaults };
          for (const [name, value] of Object.entries(c.params ?? {}))
            params[name] = value.startsWith("@") ? (defaults[value.slice(1)] ?? value) : value;
          const url = urlOf(id, params) + (c.query ?? "");
          const expected = method === "GET" ? c.get : c.post;
          const observed = {} as Row;
          for (const role of ROLES) observed[role] = await ask(method, url, role, c.body);
          printed.push(
            `${method} ${id}${c.label ? ` (${c.label})` : ""} ${url}\n  r(${ROLES.map((role) => JSON.stringify(observed[role])).join(", ")})`,
          );
          for (const role of ROLES) {
            const got = observed[role];
            if (typeof got === "number" && got >= 500)
              mismatches.push(`${method} ${url} as ${role}: ${got} (a server error)`);
            if (!expected) continue;
            if (got !== expected[role])
              mismatches.push(
                `${method} ${url} as ${role}: expected ${expected[role]}, got ${got}`,
              );
          }
        }
      }
    }
    if (process.env.AUTHZ_PRINT) console.log(printed.join("\n"));
    expect(mismatches).toEqual([]);
    expect(server.proc.exitCode).toBeNull();
  }, 300_000);
});
