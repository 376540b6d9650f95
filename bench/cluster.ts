// `npm run bench:cluster`: the sync server on PostgreSQL + Redis (issue 7), loopback only,
// bounded in time, stops by itself and ends only the processes it started (by PID). Not a test:
// it asserts nothing and `npm test` never runs it. Results: printed, and saved as JSON.
//
//   npm run bench:cluster               full run (~10 min)
//   npm run bench:cluster -- --quick    a smoke run (< 3 min): small sizes, short windows
//   flags: --rooms D --clients C --rates R1,R2 --warmup S --duration S --rounds N --workers W
//          --cases one-local,one,three --storm-rooms D --storm-clients C --storm-workers W
//          --storms default,open,stock --storm-timeout S --json FILE
//
// Needs PostgreSQL (DATABASE_URL_TEST_PG, else postgresql://postgres@127.0.0.1:5432/test: a
// throwaway database is created next to it and dropped at the end) and a redis-server binary
// (a Redis of the bench's own on a free port, so its INFO figures are the bench's alone).
// Without them it says so and stops.
//
// 1. Load, the same D rooms × C clients × R edits/s (rooms and nodes of its own per case):
//    "one-local" = one node without Redis; "one" = one node with REDIS_URL (as deployed with
//    several nodes); "three" = three nodes, the clients of every room spread over all three.
//    All cases are up at once; their measured windows take turns (order reversed every other
//    round), so other work on this shared machine falls on every case alike. Latency from the
//    sender's timestamp to every other client of the room, deliveries, errors, CPU and RSS per
//    node, Redis CPU and INFO commandstats/stats over the windows, the stream entries' size,
//    the PostgreSQL backends' CPU.
// 2. Redis cost per update = "one" against "one-local" (read from the same runs).
// 3. Reconnect storm: one node (PostgreSQL + Redis) with S rooms × C clients (1,000 by default)
//    spread over several client processes; every client types a character; the node is
//    SIGKILLed and a fresh one started on the same port. Per client: "new node listening" →
//    "synced again"; the 503s the clients got; the node's peak RSS, event-loop delay and CPU
//    during the storm; every client back with its room's text intact. Variants: admission
//    defaults + jittered backoff ("default"), admission effectively off ("open",
//    COLLAB_MAX_ACTIVE_JOINS=100000), the stock y-websocket backoff without jitter ("stock").
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { portAnswers, redisServerBinary } from "../tests/helpers/cluster";
import { args, flag, now, option, sleep } from "./cli";
import {
  freePort,
  killChildren,
  type LoopDelay,
  machineCpu,
  procStats,
  type RunningServer,
  repoRoot,
  type Spawned,
  serverLoopDelay,
  startOurs,
  trackChild,
} from "./servers";
import type { BenchRoom } from "./setup";
import { concat, fmt, type Summary, summarize } from "./stats";
import { type ClientErrors, closeWorkers, forkWorker, mergeErrors, type Worker } from "./workers";

const log = (...parts: unknown[]) =>
  process.stderr.write(`[cluster ${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`);

// ---------------------------------------------------------------------------------------------
// options

const list = (value: string) => value.split(",").filter(Boolean);
const quick = flag("quick");

const CASES = {
  "one-local": { nodes: 1, redis: false, label: "1 node, no Redis" },
  one: { nodes: 1, redis: true, label: "1 node + Redis" },
  three: { nodes: 3, redis: true, label: "3 nodes + Redis" },
} as const;
type CaseName = keyof typeof CASES;

const STORMS = {
  default: {
    jitter: true,
    env: {} as Record<string, string>,
    label: "admission defaults (32 joins at once, 1,000 waiting), jittered backoff",
  },
  open: {
    jitter: true,
    env: { COLLAB_MAX_ACTIVE_JOINS: "100000" } as Record<string, string>,
    label: "admission off (COLLAB_MAX_ACTIVE_JOINS=100000), jittered backoff",
  },
  stock: {
    jitter: false,
    env: {} as Record<string, string>,
    label: "admission defaults, stock backoff (no jitter, 2.5 s cap)",
  },
} as const;
type StormName = keyof typeof STORMS;

const opts = {
  rooms: Number(option("rooms", quick ? "12" : "60")),
  clients: Number(option("clients", "6")),
  rates: list(option("rates", quick ? "1" : "1,2"))
    .map(Number)
    .filter((x) => x > 0),
  warmupS: Number(option("warmup", quick ? "2" : "3")),
  durationS: Number(option("duration", quick ? "6" : "15")),
  /** Measured windows per case and rate (the cases take turns, see loadCases). */
  rounds: Number(option("rounds", quick ? "1" : "2")),
  workers: Number(option("workers", "2")),
  cases: list(option("cases", "one-local,one,three")).filter((c): c is CaseName => c in CASES),
  stormRooms: Number(option("storm-rooms", quick ? "10" : "50")),
  stormClients: Number(option("storm-clients", "20")),
  stormWorkers: Number(option("storm-workers", quick ? "2" : "4")),
  storms: list(option("storms", quick ? "default" : "default,open,stock")).filter(
    (s): s is StormName => s in STORMS,
  ),
  stormTimeoutS: Number(option("storm-timeout", quick ? "45" : "120")),
  json: option("json", ""),
};

/** This run's own key prefix (the Redis is the bench's own anyway; the prefix costs nothing). */
const KEY_PREFIX = `bench-${crypto.randomBytes(4).toString("hex")}:`;

// ---------------------------------------------------------------------------------------------
// Redis of the bench's own

type OwnRedis = {
  url: string;
  pid: number;
  version: string;
  client: Redis;
  stop(): Promise<void>;
};

async function startRedis(binary: string): Promise<OwnRedis> {
  const port = await freePort();
  const proc: ChildProcess = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  trackChild(proc);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; !(await portAnswers(port)); i++) {
    if (i > 100 || proc.exitCode !== null) throw new Error(`redis-server did not start (${port})`);
    await sleep(50);
  }
  const client = new Redis(url, { connectionName: "bench", lazyConnect: true });
  // Commands fail on their own when it is gone (an abort kills it first): no extra report.
  client.on("error", () => {});
  await client.connect();
  const server = parseInfo(await client.info("server"));
  return {
    url,
    pid: proc.pid as number,
    version: server.redis_version ?? "?",
    client,
    async stop() {
      client.disconnect();
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
    },
  };
}

/** Resolves with the moment `port` first accepts a TCP connection (probed every 10 ms). */
async function listeningAt(port: number, timeoutMs = 60_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await portAnswers(port)) return now();
    await sleep(10);
  }
  throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
}

function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

type RedisSnapshot = {
  commands: Record<string, { calls: number; usec: number }>;
  netInBytes: number;
  netOutBytes: number;
  commandsProcessed: number;
  cpuMs: number;
};

async function redisSnapshot(redis: OwnRedis): Promise<RedisSnapshot> {
  const [commandstats, stats] = await Promise.all([
    redis.client.info("commandstats"),
    redis.client.info("stats"),
  ]);
  const commands: RedisSnapshot["commands"] = {};
  for (const [key, value] of Object.entries(parseInfo(commandstats))) {
    const name = key.replace(/^cmdstat_/, "");
    const fields = Object.fromEntries(value.split(",").map((kv) => kv.split("=")));
    commands[name] = { calls: Number(fields.calls ?? 0), usec: Number(fields.usec ?? 0) };
  }
  const s = parseInfo(stats);
  return {
    commands,
    netInBytes: Number(s.total_net_input_bytes ?? 0),
    netOutBytes: Number(s.total_net_output_bytes ?? 0),
    commandsProcessed: Number(s.total_commands_processed ?? 0),
    cpuMs: procStats(redis.pid).cpuMs,
  };
}

type RedisWindow = {
  cpuPercent: number;
  cpuMsPer1000Edits: number;
  /** Calls in the window (minus the bench's own INFO calls), and microseconds per call. */
  commands: Record<string, { calls: number; perEdit: number; usecPerCall: number }>;
  commandsPerSecond: number;
  netInBytesPerEdit: number;
  netOutBytesPerEdit: number;
};

/** Redis over one or more measured windows: each a (before, after) pair of snapshots. */
function redisWindow(pairs: [RedisSnapshot, RedisSnapshot][], edits: number, seconds: number) {
  const raw: Record<string, { calls: number; usec: number }> = {};
  let cpuMs = 0;
  let processed = 0;
  let netIn = 0;
  let netOut = 0;
  for (const [a, b] of pairs) {
    for (const [name, after] of Object.entries(b.commands)) {
      const before = a.commands[name] ?? { calls: 0, usec: 0 };
      const r = raw[name] ?? { calls: 0, usec: 0 };
      raw[name] = r;
      // The bench's own INFO calls (two per snapshot) are not the nodes'.
      r.calls += after.calls - before.calls - (name === "info" ? 2 : 0);
      r.usec += after.usec - before.usec;
    }
    cpuMs += b.cpuMs - a.cpuMs;
    processed += b.commandsProcessed - a.commandsProcessed;
    netIn += b.netInBytes - a.netInBytes;
    netOut += b.netOutBytes - a.netOutBytes;
  }
  const commands: RedisWindow["commands"] = {};
  for (const [name, { calls, usec }] of Object.entries(raw))
    if (calls > 0)
      commands[name] = { calls, perEdit: calls / Math.max(1, edits), usecPerCall: usec / calls };
  return {
    cpuPercent: (cpuMs / (seconds * 1000)) * 100,
    cpuMsPer1000Edits: (cpuMs / Math.max(1, edits)) * 1000,
    commands,
    commandsPerSecond: processed / seconds,
    netInBytesPerEdit: netIn / Math.max(1, edits),
    netOutBytesPerEdit: netOut / Math.max(1, edits),
  } satisfies RedisWindow;
}

/** The streams of `rooms`: entries kept, memory per entry, and the average update payload. */
async function streamSizes(redis: OwnRedis, rooms: BenchRoom[]) {
  let entries = 0;
  let bytes = 0;
  let payloadBytes = 0;
  let sampled = 0;
  const byKind: Record<string, number> = {};
  for (const { room } of rooms) {
    const key = `${KEY_PREFIX}collab:${room}`;
    const length = await redis.client.xlen(key);
    if (length === 0) continue;
    entries += length;
    bytes += Number((await redis.client.memory("USAGE", key, "SAMPLES", 0)) ?? 0);
    const last = await redis.client.xrevrangeBuffer(key, "+", "-", "COUNT", 50);
    for (const [, fields] of last) {
      let kind = "?";
      let size = 0;
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const name = (fields[i] as Buffer).toString();
        if (name === "k") kind = (fields[i + 1] as Buffer).toString();
        if (name === "d") size = (fields[i + 1] as Buffer).byteLength;
      }
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (kind === "u") {
        payloadBytes += size;
        sampled += 1;
      }
    }
  }
  return {
    entries,
    bytes,
    bytesPerEntry: entries ? bytes / entries : Number.NaN,
    /** Average `d` field (the Yjs update) of the sampled "u" entries. */
    updatePayloadBytes: sampled ? payloadBytes / sampled : Number.NaN,
    sampledKinds: byKind,
  };
}

/**
 * The kernel's count of connections dropped because a listening socket's accept queue was full
 * (TcpExt ListenOverflows, whole machine): a burst of connects beyond the listen backlog (511
 * for Node) waits for TCP retransmissions, a second or more each.
 */
function listenOverflows(): number {
  try {
    const lines = fs.readFileSync("/proc/net/netstat", "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("TcpExt:"));
    const names = (lines[at] ?? "").split(/\s+/);
    const values = (lines[at + 1] ?? "").split(/\s+/);
    return Number(values[names.indexOf("ListenOverflows")] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL backends of the bench's database (their CPU, read from /proc like the nodes')

async function pgBackends(adminUrl: string, database: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        out.set(pid, procStats(pid).cpuMs);
      } catch {
        // ended meanwhile
      }
    }
    return out;
  } finally {
    await client.end();
  }
}

function pgCpuMs(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// nodes

type Env = Record<string, string>;

function nodeEnv(databaseUrl: string, redis: OwnRedis | null, extra: Env = {}): Env {
  return {
    DATABASE_URL: databaseUrl,
    // Set empty rather than left out: an inherited REDIS_URL must not turn a lone node into one
    // of several.
    REDIS_URL: redis ? redis.url : "",
    REDIS_KEY_PREFIX: KEY_PREFIX,
    ...extra,
  };
}

/** Stops the nodes; returns what they logged beyond the expected start-up warnings. */
async function stopAll(nodes: RunningServer[]): Promise<string> {
  await Promise.all(nodes.map((n) => n.stop()));
  return nodes
    .flatMap((n) => n.output().split("\n"))
    .filter((line) => line.trim() && !/"msg":"(SMTP_URL|APP_URL) is not set/.test(line))
    .slice(-20)
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// 1 + 2: load against one or three nodes

type RunResult = {
  samples: Float32Array;
  sentAt: Float32Array;
  crossNode: Uint8Array;
  sent: number;
  sentInWindow: number;
  expected: number;
  received: number;
  duplicates: number;
  skipped: number;
  errors: ClientErrors;
  loopDelayMs: { p50: number; p99: number; max: number };
  cpuMs: number;
};

type NodeWindow = {
  port: number;
  cpuPercent: number;
  cpuMsPer1000Edits: number;
  rss: { beforeKb: number; afterKb: number; peakKb: number };
  /** The worst of the windows' event-loop delay p99s and maxima. */
  loopDelayMs: { p99: number; max: number } | null;
};

/** One measured window of one case, raw (combined per case and rate by `combine`). */
type Window = {
  rate: number;
  round: number;
  seconds: number;
  edits: number;
  expected: number;
  late: number;
  coalesced: number;
  duplicates: number;
  errors: ClientErrors;
  samples: Float32Array;
  same: number[] | null;
  cross: number[] | null;
  timeline: { n: number; p99: number; max: number }[];
  nodeCpuMs: number[];
  rss: { beforeKb: number; afterKb: number; peakKb: number }[];
  loop: (LoopDelay | null)[];
  redis: [RedisSnapshot, RedisSnapshot] | null;
  postgresMs: number;
  clientMs: number;
  clientLoop: { p99: number; max: number };
  machineBusyPercent: number;
  othersPercent: number;
  loadAverage: number[];
};

type LoadRun = {
  rate: number;
  /** Measured windows (rounds) pooled here, and their seconds together. */
  windows: {
    round: number;
    p50: number;
    p99: number;
    max: number;
    nodesCpuPercent: number;
    othersPercent: number;
    loadAverage1: number;
  }[];
  seconds: number;
  edits: number;
  sentPerSecond: number;
  latency: Summary;
  /** Several nodes: deliveries whose sender was on the receiver's node, and on another one. */
  latencySameNode: Summary | null;
  latencyCrossNode: Summary | null;
  deliveredPerSecond: number;
  expected: number;
  delivered: number;
  /**
   * Deliveries expected (edits × other clients in the room) that neither arrived within 3 s
   * of the last edit nor were coalesced.
   */
  missing: number;
  /**
   * Edits a receiver got together with a later edit of the same sender, in one update (a node
   * merges the updates it stores in one write before relaying them to other nodes): present,
   * but with no latency sample of their own.
   */
  coalesced: number;
  /** Seconds of the windows whose p99 is above 100 ms. */
  secondsOver100Ms: number;
  late: number;
  duplicates: number;
  errors: ClientErrors;
  nodes: NodeWindow[];
  /** All nodes together. */
  nodesCpuPercent: number;
  nodesCpuMsPer1000Edits: number;
  redis: RedisWindow | null;
  postgresCpuPercent: number;
  postgresCpuMsPer1000Edits: number;
  clientCpuPercent: number;
  clientLoopDelayMs: { p99: number; max: number };
  machineBusyPercent: number;
  /** Machine busy minus nodes, Redis, PostgreSQL backends and load generator: other work. */
  othersPercent: number;
};

type CaseReport = {
  name: CaseName;
  label: string;
  nodes: number;
  connections: number;
  synced: number;
  connectSeconds: number;
  /** CPU with every client connected and nobody typing (3 s; 10 ms ticks). */
  idleCpuPercent: number[];
  runs: LoadRun[];
  streams: Awaited<ReturnType<typeof streamSizes>> | null;
};

type Ctx = {
  databaseUrl: string;
  adminUrl: string;
  database: string;
  /**
   * A Redis server of its own per case that uses one, and one for the storms: the INFO figures
   * of a case are then its own nodes' alone (not also the idle cases' presence renewals).
   */
  redisOf: Record<string, OwnRedis>;
};

/** A case's nodes, with its clients connected (idle between its windows). */
type LiveCase = {
  name: CaseName;
  redis: OwnRedis | null;
  nodes: RunningServer[];
  workers: Worker[];
  rooms: BenchRoom[];
  connections: number;
  synced: number;
  connectSeconds: number;
  idleCpuPercent: number[];
};

function startNodes(ctx: Ctx, name: CaseName) {
  const spec = CASES[name];
  const env = nodeEnv(ctx.databaseUrl, spec.redis ? (ctx.redisOf[name] ?? null) : null);
  return Array.from({ length: spec.nodes }, () => startOurs({ databaseUrl: ctx.databaseUrl, env }));
}

/** Connects the case's clients: client i of room r to node (r + i) mod n. */
async function connectCase(
  name: CaseName,
  redis: OwnRedis | null,
  nodes: RunningServer[],
  rooms: BenchRoom[],
): Promise<LiveCase> {
  const workers = await Promise.all(Array.from({ length: opts.workers }, () => forkWorker()));
  // Every room in one client process (sender and receivers share a clock), with clients on
  // every node.
  const assignment = workers.map(() => [] as { room: string; cookies: string[]; urls: string[] }[]);
  rooms.forEach((room, r) => {
    assignment[r % workers.length]?.push({
      room: room.room,
      cookies: room.members.map((m) => m.cookie),
      urls: room.members.map((_, i) => (nodes[(r + i) % nodes.length] as RunningServer).wsUrl),
    });
  });
  const t0 = now();
  const connected = await Promise.all(
    workers.map((w, i) =>
      w.request<{ clients: number; synced: number }>({
        cmd: "connect",
        url: nodes[0]?.wsUrl,
        rooms: assignment[i],
        concurrency: 25,
        timeoutMs: 120_000,
        jitter: true,
      }),
    ),
  );
  const connectSeconds = (now() - t0) / 1000;
  const synced = connected.reduce((a, c) => a + c.synced, 0);
  const connections = connected.reduce((a, c) => a + c.clients, 0);
  log(`${name}: ${synced}/${connections} clients synced in ${fmt(connectSeconds, 1)} s`);
  return {
    name,
    redis,
    nodes,
    workers,
    rooms,
    connections,
    synced,
    connectSeconds,
    idleCpuPercent: [],
  };
}

/** One measured window: every client of the case edits `rate` times a second. */
async function loadWindow(
  ctx: Ctx,
  live: LiveCase,
  rate: number,
  round: number,
  warmupS: number,
  seconds: number,
): Promise<Window> {
  const { nodes, redis, workers, name } = live;
  const startAt = now() + 500;
  const measureFrom = startAt + warmupS * 1000;
  const measureTo = measureFrom + seconds * 1000;
  const stopAt = measureTo + 500;

  const before = nodes.map((n) => procStats(n.pid));
  const peak = before.map((s) => s.rssKb);
  const cpuFrom = before.map((s) => s.cpuMs);
  const cpuTo = [...cpuFrom];
  let machineFrom = machineCpu();
  let machineTo = machineFrom;
  let loadAverage: number[] = os.loadavg();
  // Sampled every 100 ms: the window's CPU figures are exact to that precision.
  const sampler = setInterval(() => {
    const t = now();
    const m = machineCpu();
    nodes.forEach((n, i) => {
      const s = procStats(n.pid);
      peak[i] = Math.max(peak[i] as number, s.rssKb);
      if (t < measureFrom) cpuFrom[i] = s.cpuMs;
      if (t <= measureTo) cpuTo[i] = s.cpuMs;
    });
    if (t < measureFrom) machineFrom = m;
    if (t <= measureTo) {
      machineTo = m;
      loadAverage = os.loadavg();
    }
  }, 100);

  // Redis, PostgreSQL and loop-delay readings at the window's edges.
  const edges: {
    redisFrom?: Promise<RedisSnapshot>;
    redisTo?: Promise<RedisSnapshot>;
    pgFrom?: Promise<Map<number, number>>;
    pgTo?: Promise<Map<number, number>>;
    loops?: Promise<(LoopDelay | null)[]>;
  } = {};
  const atFrom = setTimeout(() => {
    if (redis) edges.redisFrom = redisSnapshot(redis);
    edges.pgFrom = pgBackends(ctx.adminUrl, ctx.database);
    for (const n of nodes) void serverLoopDelay(n);
  }, measureFrom - now());
  const atTo = setTimeout(() => {
    if (redis) edges.redisTo = redisSnapshot(redis);
    edges.pgTo = pgBackends(ctx.adminUrl, ctx.database);
    edges.loops = Promise.all(nodes.map((n) => serverLoopDelay(n)));
  }, measureTo - now());

  const results = await Promise.all(
    workers.map((w) =>
      w.request<RunResult>({
        cmd: "run",
        rate,
        startAt,
        measureFrom,
        measureTo,
        stopAt,
        drainMs: 3_000,
      }),
    ),
  ).finally(() => {
    clearInterval(sampler);
    clearTimeout(atFrom);
    clearTimeout(atTo);
  });
  const after = nodes.map((n) => procStats(n.pid));

  const samples = concat(results.map((r) => r.samples));
  let same: number[] | null = null;
  let cross: number[] | null = null;
  if (nodes.length > 1) {
    same = [];
    cross = [];
    for (const r of results)
      for (let i = 0; i < r.samples.length; i++)
        (r.crossNode[i] ? cross : same).push(r.samples[i] as number);
  }
  // Per second of the window (by send time): where the slow deliveries are.
  const sentAt = concat(results.map((r) => r.sentAt));
  const bySecond: number[][] = Array.from({ length: seconds }, () => []);
  for (let i = 0; i < samples.length; i++)
    bySecond[Math.min(seconds - 1, Math.floor((sentAt[i] as number) / 1000))]?.push(
      samples[i] as number,
    );
  const timeline = bySecond.map((xs) => {
    const t = summarize(xs);
    return { n: t.n, p99: t.p99, max: t.max };
  });
  let late = 0;
  for (const x of samples) if (x > 1000) late += 1;
  const nodeCpuMs = nodes.map((_, i) => (cpuTo[i] as number) - (cpuFrom[i] as number));
  const redisPair: [RedisSnapshot, RedisSnapshot] | null =
    edges.redisFrom && edges.redisTo ? [await edges.redisFrom, await edges.redisTo] : null;
  const postgresMs = edges.pgFrom && edges.pgTo ? pgCpuMs(await edges.pgFrom, await edges.pgTo) : 0;
  const clientMs = results.reduce((a, r) => a + r.cpuMs, 0);
  const machineBusyPercent =
    ((machineTo.busyMs - machineFrom.busyMs) / (machineTo.totalMs - machineFrom.totalMs)) *
    os.cpus().length *
    100;
  const percent = (ms: number) => (ms / (seconds * 1000)) * 100;
  const nodesMs = nodeCpuMs.reduce((a, b) => a + b, 0);
  const redisMs = redisPair ? redisPair[1].cpuMs - redisPair[0].cpuMs : 0;
  const window: Window = {
    rate,
    round,
    seconds,
    edits: results.reduce((a, r) => a + r.sentInWindow, 0),
    expected: results.reduce((a, r) => a + r.expected, 0),
    late,
    coalesced: results.reduce((a, r) => a + r.skipped, 0),
    duplicates: results.reduce((a, r) => a + r.duplicates, 0),
    errors: mergeErrors(results.map((r) => r.errors)),
    samples,
    same,
    cross,
    timeline,
    nodeCpuMs,
    rss: nodes.map((_, i) => ({
      beforeKb: (before[i] as { rssKb: number }).rssKb,
      afterKb: (after[i] as { rssKb: number }).rssKb,
      peakKb: peak[i] as number,
    })),
    loop: edges.loops ? await edges.loops : nodes.map(() => null),
    redis: redisPair,
    postgresMs,
    clientMs,
    clientLoop: {
      p99: Math.max(...results.map((r) => r.loopDelayMs.p99)),
      max: Math.max(...results.map((r) => r.loopDelayMs.max)),
    },
    machineBusyPercent,
    othersPercent: machineBusyPercent - percent(nodesMs + redisMs + postgresMs + clientMs),
    loadAverage,
  };
  const latency = summarize(samples.slice());
  log(
    `${name} @ ${rate}/s, ${round < 0 ? "priming" : `round ${round + 1}`}: p50 ${fmt(latency.p50)} p99 ${fmt(latency.p99)} ms, nodes CPU ${fmt(percent(nodesMs), 0)} %, others ${fmt(window.othersPercent, 0)} %`,
  );
  return window;
}

/** The windows of one case at one rate, pooled. */
function combine(live: LiveCase, rate: number, windows: Window[]): LoadRun {
  const seconds = windows.reduce((a, w) => a + w.seconds, 0);
  const edits = windows.reduce((a, w) => a + w.edits, 0);
  const expected = windows.reduce((a, w) => a + w.expected, 0);
  const coalesced = windows.reduce((a, w) => a + w.coalesced, 0);
  const latency = summarize(concat(windows.map((w) => w.samples)));
  const pooled = (pick: (w: Window) => number[] | null) =>
    windows.every((w) => pick(w)) ? summarize(windows.flatMap((w) => pick(w) ?? [])) : null;
  const percent = (ms: number) => (ms / (seconds * 1000)) * 100;
  const sum = (f: (w: Window) => number) => windows.reduce((a, w) => a + f(w), 0);
  const nodes: NodeWindow[] = live.nodes.map((n, i) => {
    const cpuMs = sum((w) => w.nodeCpuMs[i] as number);
    const loops = windows.map((w) => w.loop[i]).filter((l): l is LoopDelay => !!l);
    return {
      port: n.port,
      cpuPercent: percent(cpuMs),
      cpuMsPer1000Edits: (cpuMs / Math.max(1, edits)) * 1000,
      rss: {
        beforeKb: windows[0]?.rss[i]?.beforeKb ?? Number.NaN,
        afterKb: windows.at(-1)?.rss[i]?.afterKb ?? Number.NaN,
        peakKb: Math.max(...windows.map((w) => w.rss[i]?.peakKb ?? 0)),
      },
      loopDelayMs: loops.length
        ? { p99: Math.max(...loops.map((l) => l.p99)), max: Math.max(...loops.map((l) => l.max)) }
        : null,
    };
  });
  const nodesMs = sum((w) => w.nodeCpuMs.reduce((a, b) => a + b, 0));
  const pairs = windows.map((w) => w.redis).filter((p): p is [RedisSnapshot, RedisSnapshot] => !!p);
  const redis = live.redis && pairs.length ? redisWindow(pairs, edits, seconds) : null;
  const postgresMs = sum((w) => w.postgresMs);
  return {
    rate,
    windows: windows.map((w) => {
      const s = summarize(w.samples.slice());
      return {
        round: w.round,
        p50: s.p50,
        p99: s.p99,
        max: s.max,
        nodesCpuPercent: (w.nodeCpuMs.reduce((a, b) => a + b, 0) / (w.seconds * 1000)) * 100,
        othersPercent: w.othersPercent,
        loadAverage1: w.loadAverage[0] ?? Number.NaN,
      };
    }),
    seconds,
    edits,
    sentPerSecond: edits / seconds,
    latency,
    latencySameNode: pooled((w) => w.same),
    latencyCrossNode: pooled((w) => w.cross),
    deliveredPerSecond: latency.n / seconds,
    expected,
    delivered: latency.n,
    missing: Math.max(0, expected - latency.n - coalesced),
    coalesced,
    secondsOver100Ms: sum((w) => w.timeline.filter((t) => t.p99 > 100).length),
    late: sum((w) => w.late),
    duplicates: sum((w) => w.duplicates),
    errors: mergeErrors(windows.map((w) => w.errors)),
    nodes,
    nodesCpuPercent: percent(nodesMs),
    nodesCpuMsPer1000Edits: (nodesMs / Math.max(1, edits)) * 1000,
    redis,
    postgresCpuPercent: percent(postgresMs),
    postgresCpuMsPer1000Edits: (postgresMs / Math.max(1, edits)) * 1000,
    clientCpuPercent: percent(sum((w) => w.clientMs)),
    clientLoopDelayMs: {
      p99: Math.max(...windows.map((w) => w.clientLoop.p99)),
      max: Math.max(...windows.map((w) => w.clientLoop.max)),
    },
    machineBusyPercent: sum((w) => w.machineBusyPercent * w.seconds) / seconds,
    othersPercent: sum((w) => w.othersPercent * w.seconds) / seconds,
  };
}

/**
 * Parts 1 and 2: every case's nodes start and its clients connect at once (idle while the other
 * cases are measured), then the windows run case after case, round after round, the order
 * reversed every other round, so that other work on the machine falls on every case alike.
 */
async function loadCases(ctx: Ctx, sets: Record<string, BenchRoom[]>): Promise<CaseReport[]> {
  const specs = opts.cases.map((name) => ({ name, spec: CASES[name] }));
  const starting = specs.map(({ name }) => startNodes(ctx, name));
  const settled = await Promise.allSettled(starting.flat());
  const all = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const live: LiveCase[] = [];
  try {
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    let at = 0;
    for (const { name, spec } of specs) {
      const nodes = all.slice(at, at + spec.nodes);
      at += spec.nodes;
      log(`${name}: ${spec.label}, ports ${nodes.map((n) => n.port).join(", ")}`);
      live.push(
        await connectCase(
          name,
          spec.redis ? (ctx.redisOf[name] ?? null) : null,
          nodes,
          sets[name] ?? [],
        ),
      );
    }
    // Idle: every client of every case connected, nobody typing.
    await sleep(1_000);
    const idleFrom = all.map((n) => procStats(n.pid).cpuMs);
    await sleep(3_000);
    for (const c of live)
      c.idleCpuPercent = c.nodes.map(
        (n) => ((procStats(n.pid).cpuMs - (idleFrom[all.indexOf(n)] as number)) / 3_000) * 100,
      );
    // Priming (not measured): each document's first edits take its first automatic version.
    log("priming: 3 s of edits per case (not measured)");
    for (const c of live) await loadWindow(ctx, c, 1, -1, 0, 3);

    const windows = new Map<string, Window[]>();
    for (const rate of opts.rates)
      for (let round = 0; round < opts.rounds; round++) {
        const order = round % 2 === 0 ? live : [...live].reverse();
        for (const c of order) {
          const w = await loadWindow(ctx, c, rate, round, opts.warmupS, opts.durationS);
          const key = `${c.name} ${rate}`;
          windows.set(key, [...(windows.get(key) ?? []), w]);
          await sleep(1_000);
        }
      }
    const reports: CaseReport[] = [];
    for (const c of live) {
      const spec = CASES[c.name];
      reports.push({
        name: c.name,
        label: spec.label,
        nodes: spec.nodes,
        connections: c.connections,
        synced: c.synced,
        connectSeconds: c.connectSeconds,
        idleCpuPercent: c.idleCpuPercent,
        runs: opts.rates.map((rate) => combine(c, rate, windows.get(`${c.name} ${rate}`) ?? [])),
        streams: c.redis ? await streamSizes(c.redis, c.rooms) : null,
      });
    }
    return reports;
  } finally {
    await Promise.all(live.map((c) => closeWorkers(c.workers)));
    const output = await stopAll(all);
    if (output) log(`load nodes' output (warnings):\n${output.slice(-1_000)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 3: reconnect storm

type Rejoined = {
  allBack: boolean;
  clients: number;
  syncedAt: Float64Array;
  lastAttemptAt: Float64Array;
  openAt: Float64Array;
  attempts: Uint32Array;
  http503: Uint32Array;
  textWrong: number;
  errors: ClientErrors;
};

type StormReport = {
  name: StormName;
  label: string;
  clients: number;
  synced: number;
  connectSeconds: number;
  typedConverged: boolean;
  /** SIGKILL → the fresh node accepts TCP connections. */
  restartMs: number;
  back: number;
  allBack: boolean;
  /** "New node listening" → "synced again", per client. */
  joinMs: Summary;
  /** The successful attempt's socket created → synced, per client (time inside the node). */
  attemptToSyncedMs: Summary;
  /** Of which socket created → open (TCP, admission queue, authorisation, upgrade) ... */
  attemptToOpenMs: Summary;
  /** ... and open → synced (the room's load if first, the sync exchange). */
  openToSyncedMs: Summary;
  /** Listening → the last client synced. */
  allBackMs: number;
  /** SIGKILL → synced again, per client (what a user sees). */
  outageMs: Summary;
  backWithin: Record<string, number>;
  http503: number;
  clientsWith503: number;
  /** Accept-queue overflows on this machine from the kill to the last client back. */
  listenOverflows: number;
  attemptsAfterKill: number;
  textWrong: number;
  errors: ClientErrors;
  node: {
    peakRssKb: number;
    rssAfterKb: number;
    cpuMs: number;
    cpuPercent: number;
    loopDelayMs: LoopDelay | null;
  };
  loadAverage: number[];
  serverOutput?: string;
};

async function storm(ctx: Ctx, name: StormName, rooms: BenchRoom[]): Promise<StormReport> {
  const spec = STORMS[name];
  const env = nodeEnv(ctx.databaseUrl, ctx.redisOf.storm ?? null, spec.env);
  const port = await freePort();
  let first: RunningServer | null = await startOurs({ databaseUrl: ctx.databaseUrl, env, port });
  let second: RunningServer | null = null;
  const workers = await Promise.all(Array.from({ length: opts.stormWorkers }, () => forkWorker()));
  try {
    const assignment = workers.map(() => [] as { room: string; cookies: string[] }[]);
    rooms.forEach((room, r) => {
      assignment[r % workers.length]?.push({
        room: room.room,
        cookies: room.members.map((m) => m.cookie),
      });
    });
    log(`storm ${name}: ${spec.label}; connecting ${rooms.length * opts.stormClients} clients`);
    const t0 = now();
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.request<{ clients: number; synced: number }>({
          cmd: "connect",
          url: (first as RunningServer).wsUrl,
          rooms: assignment[i],
          concurrency: 25,
          timeoutMs: 180_000,
          jitter: spec.jitter,
        }),
      ),
    );
    const connectSeconds = (now() - t0) / 1000;
    const clients = connected.reduce((a, c) => a + c.clients, 0);
    const synced = connected.reduce((a, c) => a + c.synced, 0);
    log(`storm ${name}: ${synced}/${clients} synced in ${fmt(connectSeconds, 1)} s; typing`);
    const typed = await Promise.all(
      workers.map((w) => w.request<{ converged: boolean }>({ cmd: "typeOnce", timeoutMs: 60_000 })),
    );
    const typedConverged = typed.every((t) => t.converged);
    await sleep(1_000);
    await Promise.all(workers.map((w) => w.request({ cmd: "mark" })));
    const overflowsBefore = listenOverflows();

    // The kill, and a fresh node on the same port.
    const exited = new Promise((r) => first?.proc.once("exit", r));
    const killedAt = now();
    first.proc.kill("SIGKILL");
    await exited;
    first = null;
    let spawned: Spawned | null = null;
    let peakRss = 0;
    const sampler = setInterval(() => {
      if (spawned) {
        try {
          peakRss = Math.max(peakRss, procStats(spawned.pid).rssKb);
        } catch {
          // not there yet / gone
        }
      }
    }, 100);
    const listening = listeningAt(port);
    const started = startOurs({
      databaseUrl: ctx.databaseUrl,
      env,
      port,
      onSpawn: (s) => {
        spawned = s;
      },
    });
    const listenedAt = await listening;
    const node = spawned as Spawned | null;
    if (!node) throw new Error("the fresh node did not spawn");
    const cpuAtListen = procStats(node.pid).cpuMs;
    void serverLoopDelay(node); // resets the histogram: from here on it is the storm's
    log(`storm ${name}: fresh node listening ${fmt(listenedAt - killedAt, 0)} ms after the kill`);
    const rejoined = await Promise.all(
      workers.map((w) =>
        w.request<Rejoined>({ cmd: "rejoin", timeoutMs: opts.stormTimeoutS * 1000 }),
      ),
    );
    const overflows = listenOverflows() - overflowsBefore;
    const loop = await serverLoopDelay(node);
    const stats = procStats(node.pid);
    clearInterval(sampler);
    second = await started;

    const syncedAt = concat(
      rejoined.map((r) => Float32Array.from(r.syncedAt, (x) => x - listenedAt)),
    );
    /** Per client that is back: b − a of two of its timestamps. */
    const spans = (a: (r: Rejoined) => Float64Array, b: (r: Rejoined) => Float64Array): Summary =>
      summarize(
        rejoined.flatMap((r) =>
          Array.from(b(r), (x, i) => x - (a(r)[i] as number)).filter((x) => !Number.isNaN(x)),
        ),
      );
    const backTimes = Array.from(syncedAt).filter((x) => !Number.isNaN(x));
    const attempts = rejoined.reduce((a, r) => a + r.attempts.reduce((x, y) => x + y, 0), 0);
    const http503 = rejoined.reduce((a, r) => a + r.http503.reduce((x, y) => x + y, 0), 0);
    const clientsWith503 = rejoined.reduce(
      (a, r) => a + r.http503.reduce((x, y) => x + (y > 0 ? 1 : 0), 0),
      0,
    );
    const within = (ms: number) => backTimes.filter((x) => x <= ms).length;
    const allBackMs = backTimes.length ? Math.max(...backTimes) : Number.NaN;
    const report: StormReport = {
      name,
      label: spec.label,
      clients,
      synced,
      connectSeconds,
      typedConverged,
      restartMs: listenedAt - killedAt,
      back: backTimes.length,
      allBack: rejoined.every((r) => r.allBack),
      joinMs: summarize(backTimes),
      attemptToSyncedMs: spans(
        (r) => r.lastAttemptAt,
        (r) => r.syncedAt,
      ),
      attemptToOpenMs: spans(
        (r) => r.lastAttemptAt,
        (r) => r.openAt,
      ),
      openToSyncedMs: spans(
        (r) => r.openAt,
        (r) => r.syncedAt,
      ),
      allBackMs,
      outageMs: summarize(backTimes.map((x) => x + (listenedAt - killedAt))),
      backWithin: {
        "1 s": within(1_000),
        "2 s": within(2_000),
        "5 s": within(5_000),
        "10 s": within(10_000),
      },
      http503,
      clientsWith503,
      listenOverflows: overflows,
      attemptsAfterKill: attempts,
      textWrong: rejoined.reduce((a, r) => a + r.textWrong, 0),
      errors: mergeErrors(rejoined.map((r) => r.errors)),
      node: {
        peakRssKb: Math.max(peakRss, stats.hwmKb),
        rssAfterKb: stats.rssKb,
        cpuMs: stats.cpuMs - cpuAtListen,
        cpuPercent: ((stats.cpuMs - cpuAtListen) / Math.max(1, allBackMs)) * 100,
        loopDelayMs: loop,
      },
      loadAverage: os.loadavg(),
    };
    log(
      `storm ${name}: ${report.back}/${clients} back; listening → synced p50 ${fmt(report.joinMs.p50, 0)} p99 ${fmt(report.joinMs.p99, 0)} max ${fmt(report.joinMs.max, 0)} ms; ${http503} × 503`,
    );
    return report;
  } finally {
    await closeWorkers(workers);
    const output = await stopAll([first, second].filter((n): n is RunningServer => n !== null));
    if (output) log(`storm ${name}: server output (warnings):\n${output.slice(-1_000)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const started = new Date();
  const { pgAvailable, createTempPgDatabase, migrateDeploy } = await import("../tests/helpers/db");
  const adminUrl = await pgAvailable();
  const redisBinary = redisServerBinary();
  if (!adminUrl || !redisBinary) {
    log(
      `SKIPPED: bench:cluster needs ${!adminUrl ? "PostgreSQL (DATABASE_URL_TEST_PG or 127.0.0.1:5432)" : "a redis-server binary"}.`,
    );
    return;
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
  log(`options ${JSON.stringify(opts)}`);
  log(`load average at start: ${machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(" ")}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "werkplaats-bench-cluster-"));

  const database = await createTempPgDatabase(adminUrl);
  dropDatabase = database.drop;
  const redises: OwnRedis[] = [];
  try {
    await migrateDeploy(database.url);
    const { createDb } = await import("~/utils/db.server");
    const { resolveDatabase } = await import("~/lib/database-url");
    const { createRoomSets } = await import("./setup");
    const db = createDb(resolveDatabase(database.url));
    const sets = await createRoomSets(db, {
      ...Object.fromEntries(
        opts.cases.map((c) => [c, { rooms: opts.rooms, clients: opts.clients }]),
      ),
      storm: { rooms: opts.stormRooms, clients: opts.stormClients },
    } as Record<string, { rooms: number; clients: number }>);
    const postgresVersion = (
      (await db.$queryRawUnsafe("SHOW server_version")) as { server_version: string }[]
    )[0]?.server_version.split(" ")[0];
    await db.$disconnect();
    log(`database ${database.name} (PostgreSQL ${postgresVersion}) ready`);

    // What every node start pays before it listens: `prisma migrate deploy` with nothing to do.
    let migrateNoopS: number | null = null;
    if (!quick) {
      const t = now();
      await migrateDeploy(database.url);
      migrateNoopS = (now() - t) / 1000;
      log(`prisma migrate deploy with nothing to apply: ${fmt(migrateNoopS, 1)} s`);
    }

    const redisOf: Record<string, OwnRedis> = {};
    const redisUsers = [
      ...opts.cases.filter((c) => CASES[c].redis),
      ...(opts.storms.length ? ["storm"] : []),
    ];
    for (const user of redisUsers) {
      const redis = await startRedis(redisBinary);
      redises.push(redis);
      redisOf[user] = redis;
      log(`${user}: Redis ${redis.version} (own process, pid ${redis.pid}) at ${redis.url}`);
    }
    const ctx: Ctx = { databaseUrl: database.url, adminUrl, database: database.name, redisOf };

    const cases: CaseReport[] = [];
    if (opts.cases.length) cases.push(...(await loadCases(ctx, sets)));
    const storms: StormReport[] = [];
    for (const name of opts.storms) {
      storms.push(await storm(ctx, name, sets.storm ?? []));
      await sleep(1_000);
    }

    let commit = "?";
    try {
      commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot })
        .toString()
        .trim();
    } catch {
      // not a git checkout
    }
    const result = {
      commit,
      started: started.toISOString(),
      finished: new Date().toISOString(),
      command: `npm run bench:cluster -- ${args().join(" ")}`.trim(),
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      versions: { redis: redises[0]?.version ?? "–", postgres: postgresVersion },
      migrateNoopS,
      options: opts,
      cases,
      storms,
    };
    const jsonFile = opts.json || path.join(tmp, "results.json");
    fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(render(result));
    log(`results: ${jsonFile}`);
  } finally {
    await Promise.all(redises.map((r) => r.stop()));
    dropDatabase = null;
    await database
      .drop()
      .catch((error: unknown) => log(`could not drop ${database.name}: ${error}`));
  }
}

// ---------------------------------------------------------------------------------------------
// report

type Result = {
  command: string;
  commit: string;
  started: string;
  finished: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  versions: { redis: string; postgres?: string };
  migrateNoopS: number | null;
  cases: CaseReport[];
  storms: StormReport[];
};

function render(result: Result): string {
  const lines: string[] = [];
  const out = (s = "") => lines.push(s);
  const mb = (kb: number) => fmt(kb / 1024, 0);
  const la = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(" ");
  out();
  out(
    `${result.machine.cpus} × ${result.machine.cpuModel}, Node ${result.machine.node}, PostgreSQL ${result.versions.postgres}, Redis ${result.versions.redis}`,
  );
  out(
    `${result.started} → ${result.finished}, commit ${result.commit}; load average at start ${la(result.machine.loadAverageAtStart)}, at end ${la(result.machine.loadAverageAtEnd)}`,
  );

  const cases = result.cases;
  if (cases.length) {
    out();
    out(
      `### Load: ${opts.rooms} rooms × ${opts.clients} clients; per case and rate ${opts.rounds} × ${opts.durationS} s measured (cases taking turns)`,
    );
    out();
    out(`| | ${cases.map((c) => c.label).join(" | ")} |`);
    out(`|---|${cases.map(() => "---").join("|")}|`);
    const row = (label: string, cell: (c: CaseReport) => string) =>
      out(`| ${label} | ${cases.map(cell).join(" | ")} |`);
    row(
      "clients synced / connected (s)",
      (c) => `${c.synced} / ${c.connections} (${fmt(c.connectSeconds, 1)})`,
    );
    row("idle (all connected, nobody typing): CPU per node (%)", (c) =>
      c.idleCpuPercent.map((x) => fmt(x, 0)).join(" + "),
    );
    opts.rates.forEach((rate, i) => {
      const r = (c: CaseReport) => c.runs[i];
      const cell = (f: (x: LoadRun) => string) => (c: CaseReport) => {
        const x = r(c);
        return x ? f(x) : "–";
      };
      const at = `${rate} edit/s:`;
      row(
        `**${at} edits sent /s**`,
        cell((x) => fmt(x.sentPerSecond, 0)),
      );
      row(
        `${at} latency p50 / p95 / p99 / max (ms)`,
        cell(
          (x) =>
            `${fmt(x.latency.p50, 1)} / ${fmt(x.latency.p95, 1)} / **${fmt(x.latency.p99, 1)}** / ${fmt(x.latency.max, 0)}`,
        ),
      );
      row(
        `${at} per window: p99 (ms), other work on the machine (% of a core)`,
        cell((x) =>
          x.windows.map((w) => `${fmt(w.p99, 0)} (${fmt(w.othersPercent, 0)} %)`).join(", "),
        ),
      );
      if (cases.some((c) => c.runs[i]?.latencyCrossNode))
        row(
          `${at} p50 / p99 sender on the receiver's node; on another node (ms)`,
          cell((x) =>
            x.latencySameNode && x.latencyCrossNode
              ? `${fmt(x.latencySameNode.p50, 1)} / ${fmt(x.latencySameNode.p99, 1)}; ${fmt(x.latencyCrossNode.p50, 1)} / ${fmt(x.latencyCrossNode.p99, 1)}`
              : "–",
          ),
        );
      row(
        `${at} updates delivered /s`,
        cell((x) => fmt(x.deliveredPerSecond, 0)),
      );
      row(
        `${at} missing / coalesced / late (> 1 s) deliveries`,
        cell((x) => `${x.missing} / ${x.coalesced} / ${x.late}`),
      );
      row(
        `${at} seconds of the window with p99 > 100 ms`,
        cell((x) => `${x.secondsOver100Ms} of ${x.seconds}`),
      );
      row(
        `${at} connection errors / disconnects`,
        cell((x) => `${x.errors.connectionErrors} / ${x.errors.disconnects}`),
      );
      row(
        `${at} CPU per node (% of one core)`,
        cell((x) => x.nodes.map((n) => fmt(n.cpuPercent, 0)).join(" + ")),
      );
      row(
        `${at} node CPU per 1,000 edits, all nodes (ms)`,
        cell((x) => fmt(x.nodesCpuMsPer1000Edits, 0)),
      );
      row(
        `${at} RSS per node after / peak (MB)`,
        cell((x) => x.nodes.map((n) => `${mb(n.rss.afterKb)}/${mb(n.rss.peakKb)}`).join(", ")),
      );
      row(
        `${at} event-loop delay p99 / max per node (ms)`,
        cell((x) =>
          x.nodes
            .map((n) =>
              n.loopDelayMs ? `${fmt(n.loopDelayMs.p99, 0)}/${fmt(n.loopDelayMs.max, 0)}` : "–",
            )
            .join(", "),
        ),
      );
      row(
        `${at} Redis / PostgreSQL backends CPU (%)`,
        cell(
          (x) => `${x.redis ? fmt(x.redis.cpuPercent, 0) : "–"} / ${fmt(x.postgresCpuPercent, 0)}`,
        ),
      );
      row(
        `${at} load generator CPU (%) / its loop delay p99 (ms)`,
        cell((x) => `${fmt(x.clientCpuPercent, 0)} / ${fmt(x.clientLoopDelayMs.p99, 0)}`),
      );
      row(
        `${at} machine busy (200 = both cores) / others`,
        cell((x) => `${fmt(x.machineBusyPercent, 0)} / ${fmt(x.othersPercent, 0)}`),
      );
      row(
        `${at} load average (1 min) per window`,
        cell((x) => x.windows.map((w) => fmt(w.loadAverage1, 2)).join(", ")),
      );
    });
  }

  const local = cases.find((c) => c.name === "one-local");
  const withRedis = cases.filter((c) => c.name !== "one-local");
  if (withRedis.length) {
    out();
    out(`### Redis cost per update (Redis ${result.versions.redis})`);
    out();
    const cols = [local, ...withRedis].filter((c): c is CaseReport => c !== undefined);
    out(`| | ${cols.map((c) => c.label).join(" | ")} |`);
    out(`|---|${cols.map(() => "---").join("|")}|`);
    const row = (label: string, cell: (c: CaseReport) => string) =>
      out(`| ${label} | ${cols.map(cell).join(" | ")} |`);
    opts.rates.forEach((rate, i) => {
      const at = `${rate} edit/s:`;
      const base = local?.runs[i];
      const cell = (f: (x: LoadRun, c: CaseReport) => string) => (c: CaseReport) => {
        const x = c.runs[i];
        return x ? f(x, c) : "–";
      };
      if (base)
        row(
          `${at} latency p50 / p99 added vs no Redis (ms)`,
          cell((x, c) =>
            c === local
              ? "(baseline)"
              : `${fmt(x.latency.p50 - base.latency.p50, 2)} / ${fmt(x.latency.p99 - base.latency.p99, 1)}`,
          ),
        );
      row(
        `${at} node CPU per 1,000 edits (ms), all nodes`,
        cell((x) => fmt(x.nodesCpuMsPer1000Edits, 0)),
      );
      row(
        `${at} Redis CPU per 1,000 edits (ms)`,
        cell((x) => (x.redis ? fmt(x.redis.cpuMsPer1000Edits, 0) : "–")),
      );
      row(
        `${at} PostgreSQL backends CPU per 1,000 edits (ms)`,
        cell((x) => fmt(x.postgresCpuMsPer1000Edits, 0)),
      );
      const cmd = (name: string) =>
        cell((x) => {
          const s = x.redis?.commands[name];
          return s ? `${fmt(s.perEdit, 2)} × ${fmt(s.usecPerCall, 1)} µs` : "–";
        });
      row(`${at} XADD per edit × µs per call`, cmd("xadd"));
      row(`${at} PEXPIRE per edit × µs per call`, cmd("pexpire"));
      row(`${at} XREAD per edit × µs per call`, cmd("xread"));
      row(
        `${at} XREAD calls /s`,
        cell((x) => {
          const s = x.redis?.commands.xread;
          return s ? fmt(s.calls / x.seconds, 0) : "–";
        }),
      );
      row(
        `${at} Redis commands /s (all)`,
        cell((x) => (x.redis ? fmt(x.redis.commandsPerSecond, 0) : "–")),
      );
      row(
        `${at} Redis network in / out per edit (bytes)`,
        cell((x) =>
          x.redis
            ? `${fmt(x.redis.netInBytesPerEdit, 0)} / ${fmt(x.redis.netOutBytesPerEdit, 0)}`
            : "–",
        ),
      );
    });
    row("stream entries kept (all rooms), memory per entry (bytes)", (c) =>
      c.streams ? `${c.streams.entries}, ${fmt(c.streams.bytesPerEntry, 0)}` : "–",
    );
    row("update payload per stream entry, average of the last 50 per room (bytes)", (c) =>
      c.streams ? fmt(c.streams.updatePayloadBytes, 0) : "–",
    );
  }

  if (result.storms.length) {
    const storms = result.storms;
    out();
    out(
      `### Reconnect storm: ${opts.stormRooms} rooms × ${opts.stormClients} clients on one node (PostgreSQL + Redis), SIGKILL, fresh node on the same port`,
    );
    out();
    out(`| | ${storms.map((s) => s.name).join(" | ")} |`);
    out(`|---|${storms.map(() => "---").join("|")}|`);
    const row = (label: string, cell: (s: StormReport) => string) =>
      out(`| ${label} | ${storms.map(cell).join(" | ")} |`);
    row(
      "clients synced before / initial connect (s)",
      (s) => `${s.synced} / ${s.clients} (${fmt(s.connectSeconds, 1)})`,
    );
    row(
      `SIGKILL → fresh node listening (ms)${result.migrateNoopS !== null ? `; a no-op \`prisma migrate deploy\` alone takes ${fmt(result.migrateNoopS, 1)} s here` : ""}`,
      (s) => fmt(s.restartMs, 0),
    );
    row(
      "**clients back (synced again)**, of which with their room's text intact",
      (s) => `**${s.back} / ${s.clients}**, ${s.back - s.textWrong}`,
    );
    row(
      "**listening → synced again p50 / p99 / max (ms)**",
      (s) => `${fmt(s.joinMs.p50, 0)} / **${fmt(s.joinMs.p99, 0)}** / ${fmt(s.joinMs.max, 0)}`,
    );
    row(
      "SIGKILL → synced again p50 / p99 / max (ms)",
      (s) => `${fmt(s.outageMs.p50, 0)} / ${fmt(s.outageMs.p99, 0)} / ${fmt(s.outageMs.max, 0)}`,
    );
    row(
      "back within 1 / 2 / 5 / 10 s of listening",
      (s) =>
        `${s.backWithin["1 s"]} / ${s.backWithin["2 s"]} / ${s.backWithin["5 s"]} / ${s.backWithin["10 s"]}`,
    );
    row(
      "successful attempt: socket created → synced p50 / p99 / max (ms)",
      (s) =>
        `${fmt(s.attemptToSyncedMs.p50, 0)} / ${fmt(s.attemptToSyncedMs.p99, 0)} / ${fmt(s.attemptToSyncedMs.max, 0)}`,
    );
    row(
      "… of which socket created → open (TCP, admission, auth) p50 / p99 / max (ms)",
      (s) =>
        `${fmt(s.attemptToOpenMs.p50, 0)} / ${fmt(s.attemptToOpenMs.p99, 0)} / ${fmt(s.attemptToOpenMs.max, 0)}`,
    );
    row(
      "… and open → synced p50 / p99 / max (ms)",
      (s) =>
        `${fmt(s.openToSyncedMs.p50, 0)} / ${fmt(s.openToSyncedMs.p99, 0)} / ${fmt(s.openToSyncedMs.max, 0)}`,
    );
    row("HTTP 503 answers (clients that got one)", (s) => `${s.http503} (${s.clientsWith503})`);
    row("TCP accept-queue overflows (kernel ListenOverflows)", (s) => fmt(s.listenOverflows, 0));
    row(
      "connection attempts after the kill (per client)",
      (s) => `${s.attemptsAfterKill} (${fmt(s.attemptsAfterKill / Math.max(1, s.clients), 1)})`,
    );
    row(
      "node peak RSS / RSS after (MB)",
      (s) => `${mb(s.node.peakRssKb)} / ${mb(s.node.rssAfterKb)}`,
    );
    row("node event-loop delay p99 / max during the storm (ms)", (s) =>
      s.node.loopDelayMs
        ? `${fmt(s.node.loopDelayMs.p99, 0)} / ${fmt(s.node.loopDelayMs.max, 0)}`
        : "–",
    );
    row(
      "node CPU from listening to the last client back (s, % of one core)",
      (s) => `${fmt(s.node.cpuMs / 1000, 1)}, ${fmt(s.node.cpuPercent, 0)}`,
    );
    row("load average (1 min) after", (s) => fmt(s.loadAverage[0], 2));
    out();
    for (const s of storms) out(`- ${s.name}: ${s.label}`);
  }
  out();
  return `${lines.join("\n")}\n`;
}

/** Drops the throwaway database; set while it exists. */
let dropDatabase: (() => Promise<void>) | null = null;

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    killChildren();
    // The nodes are gone (SIGKILL): the database can be dropped; give it a few seconds.
    const drop = dropDatabase?.().catch(() => {});
    void Promise.race([drop, sleep(5_000)]).then(() => process.exit(130));
  });
process.on("exit", killChildren);

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    killChildren();
    process.exit(1);
  },
);
