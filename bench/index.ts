// `npm run bench`: the sync server against a plain in-memory y-websocket server (the reference,
// @y/websocket-server 0.1.1), same clients, same run, loopback only, bounded in time. Not a
// test: it asserts nothing and `npm test` never runs it. Results: printed, and saved as JSON.
//
//   npm run bench                 full run (~6 min): 200 rooms × 10 clients at 0.25 and 1 edit/s
//   npm run bench -- --quick      a ~2 min smoke run (20 rooms × 5 clients, trace prefix)
//   flags: --rooms D --clients C --rates R1,R2 --warmup S --duration S --workers W
//          --trace-limit N (0 = whole trace) --trace-chunk N --cold N --warm N
//          --only ours|reference --skip load,trace,sync --json FILE
//          --profile (node --cpu-prof on our server, one profile per phase)
//          --ours-entry FILE (another build of our server instead of build/node/main.js)
//
// Phases, per server (ours first, then the reference):
//   A. fresh server: one client in and out (warm-up), settled RSS; D×C clients connect and
//      sync (idle), settled RSS → RSS per idle connection; then every client edits R times/s
//      for warm-up + measurement seconds; latency at every receiving client.
//   B. fresh server (ours: message rate limit raised, see BENCHMARKS.md): the editing trace
//      typed by one client, received by another; then the first sync of the stored document.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as Y from "yjs";
import type { Db } from "~/utils/db.server";
import { args, flag, now, option, sleep } from "./cli";
import {
  killChildren,
  type LoopDelay,
  machineCpu,
  procStats,
  type RunningServer,
  repoRoot,
  type ServerKind,
  serverLoopDelay,
  settledMemory,
  startOurs,
  startReference,
} from "./servers";
import type { BenchData } from "./setup";
import { concat, fmt, type Summary, summarize } from "./stats";
import { type ClientErrors, closeWorkers, forkWorker, mergeErrors, type Worker } from "./workers";

const log = (...parts: unknown[]) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`);

// ---------------------------------------------------------------------------------------------
// options

const quick = flag("quick");
const opts = {
  rooms: Number(option("rooms", quick ? "20" : "200")),
  clients: Number(option("clients", quick ? "5" : "10")),
  /** Edit rates per client, run one after the other on the same connected clients. */
  rates: option("rates", quick ? "1" : "0.25,1")
    .split(",")
    .map(Number)
    .filter((x) => x > 0),
  warmupS: Number(option("warmup", quick ? "3" : "10")),
  durationS: Number(option("duration", quick ? "10" : "45")),
  workers: Number(option("workers", "2")),
  traceLimit: Number(option("trace-limit", quick ? "30000" : "0")),
  traceChunk: Number(option("trace-chunk", "1000")),
  cold: Number(option("cold", quick ? "3" : "5")),
  warm: Number(option("warm", quick ? "5" : "10")),
  only: option("only", "") as ServerKind | "",
  skip: new Set(option("skip", "").split(",").filter(Boolean)),
  profile: flag("profile"),
  oursEntry: option("ours-entry", ""),
  json: option("json", ""),
};
const TRACE_FILE = "/work/shared/data/editing-traces/automerge-paper.json.gz";
/** Our server's per-connection message limit, raised for the trace replay only. */
const TRACE_LIMITS = { COLLAB_MESSAGES_PER_SECOND: "1000000", COLLAB_MESSAGE_BURST: "1000000" };

type Connected = { clients: number; synced: number; ms: number; connectMs: number[] };
type RunResult = {
  samples: Float32Array;
  sentAt: Float32Array;
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
type TraceWritten = {
  edits: number;
  full: boolean;
  t0: number;
  typeMs: number;
  sentMs: number;
  writerOk: boolean;
  expected: string;
  stateBytes: number;
  errors: ClientErrors;
};
type TraceRead = {
  converged: boolean;
  convergedAt: number | null;
  readerOk: boolean;
  readerLength: number;
  errors: ClientErrors;
};
type SyncSample = {
  connectMs: number;
  openToStep2Ms: number;
  createdToStep2Ms: number;
  openToSyncedMs: number;
  clientApplyMs: number;
  textLength: number;
  stateBytes: number;
} | null;

// ---------------------------------------------------------------------------------------------
// phases

type RunReport = {
  rate: number;
  edits: number;
  latency: Summary;
  sentPerSecond: number;
  deliveredPerSecond: number;
  expected: number;
  delivered: number;
  missing: number;
  late: number;
  duplicates: number;
  skipped: number;
  errors: ClientErrors;
  serverCpuPercent: number;
  /** Server CPU time per edit sent in the window (relaying it to C−1 clients included). */
  serverCpuMsPerEdit: number;
  clientCpuPercent: number;
  machineBusyPercent: number;
  clientLoopDelayMs: { p99: number; max: number };
  /** The server's own event-loop delay in the window (10 ms resolution). */
  serverLoopDelayMs: LoopDelay | null;
  /** Per second of the window (by send time): deliveries, p99 and max latency (ms). */
  timeline: { n: number; p99: number; max: number }[];
  /** Seconds of the window whose p99 is above 10 ms. */
  secondsOverTarget: number;
  windowStartedAfterServerStartS: number;
  rss: { beforeKb: number; afterKb: number; peakKb: number };
  loadAverage: number[];
};

type LoadReport = {
  connections: number;
  synced: number;
  connectSeconds: number;
  connectMs: Summary;
  rss: {
    baseKb: number;
    idleKb: number;
    perConnectionKb: number;
    /** Live JS heap + external memory per connection (after a full GC). */
    heapPerConnectionKb: number;
  };
  runs: RunReport[];
};

async function loadPhase(server: RunningServer, data: BenchData): Promise<LoadReport> {
  const cookie = (c: string) => (server.kind === "ours" ? c : null);
  // Warm-up: one connection in and out, so the first-use costs (code, JIT) are not counted
  // as per-connection memory.
  const warm = await forkWorker();
  await warm.request({
    cmd: "connect",
    url: server.wsUrl,
    rooms: [{ room: data.trace.room, cookies: [cookie(data.trace.members[0]!.cookie)] }],
    concurrency: 1,
    timeoutMs: 30_000,
  });
  await closeWorkers([warm]);
  await sleep(1_000);
  const base = await settledMemory(server);

  // Every room in one process (round robin), so its senders and receivers share a clock.
  const workers = await Promise.all(Array.from({ length: opts.workers }, forkWorker));
  const assignment = workers.map(() => [] as { room: string; cookies: (string | null)[] }[]);
  data.load.forEach((room, i) => {
    assignment[i % workers.length]!.push({
      room: room.room,
      cookies: room.members.map((m) => cookie(m.cookie)),
    });
  });
  try {
    log(`${server.kind}: connecting ${opts.rooms * opts.clients} clients`);
    const t0 = now();
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.request<Connected>({
          cmd: "connect",
          url: server.wsUrl,
          rooms: assignment[i],
          concurrency: 25,
          timeoutMs: 180_000,
        }),
      ),
    );
    const connectSeconds = (now() - t0) / 1000;
    const synced = connected.reduce((a, c) => a + c.synced, 0);
    const connections = connected.reduce((a, c) => a + c.clients, 0);
    log(`${server.kind}: ${synced}/${connections} synced in ${fmt(connectSeconds, 1)} s`);
    await sleep(3_000);
    const idle = await settledMemory(server);
    log(
      `${server.kind}: RSS base ${base.rssKb} KB, idle with ${connections} connections ${idle.rssKb} KB`,
    );
    const runs: RunReport[] = [];
    for (const rate of opts.rates) {
      runs.push(await runAt(server, workers, rate));
      await sleep(2_000);
    }
    return {
      connections,
      synced,
      connectSeconds,
      connectMs: summarize(connected.flatMap((c) => c.connectMs)),
      rss: {
        baseKb: base.rssKb,
        idleKb: idle.rssKb,
        perConnectionKb: (idle.rssKb - base.rssKb) / Math.max(1, synced),
        heapPerConnectionKb:
          (idle.heapUsedKb + idle.externalKb - base.heapUsedKb - base.externalKb) /
          Math.max(1, synced),
      },
      runs,
    };
  } finally {
    await closeWorkers(workers);
  }
}

/** Every connected client edits `rate` times a second: warm-up, then the measured window. */
async function runAt(server: RunningServer, workers: Worker[], rate: number): Promise<RunReport> {
  const before = procStats(server.pid);
  const startAt = now() + 1_000;
  const measureFrom = startAt + opts.warmupS * 1000;
  const measureTo = measureFrom + opts.durationS * 1000;
  const stopAt = measureTo + 500;
  let peakKb = before.rssKb;
  let cpuFrom = before.cpuMs;
  let cpuTo = before.cpuMs;
  let loadAverage: number[] = [];
  let machineFrom = machineCpu();
  let machineTo = machineFrom;
  // Sampled every 100 ms: the window's CPU figures are exact to that precision.
  const sampler = setInterval(() => {
    const t = now();
    const s = procStats(server.pid);
    const m = machineCpu();
    peakKb = Math.max(peakKb, s.rssKb);
    if (t < measureFrom) {
      cpuFrom = s.cpuMs;
      machineFrom = m;
    }
    if (t <= measureTo) {
      cpuTo = s.cpuMs;
      machineTo = m;
      loadAverage = os.loadavg();
    }
  }, 100);
  const loopReset = setTimeout(() => void serverLoopDelay(server), measureFrom - now());
  let serverLoop: LoopDelay | null = null;
  const loopRead = setTimeout(async () => {
    serverLoop = await serverLoopDelay(server);
  }, measureTo - now());
  log(
    `${server.kind}: ${rate} edits/s per client, warm-up ${opts.warmupS} s, measuring ${opts.durationS} s`,
  );
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
    clearTimeout(loopReset);
    clearTimeout(loopRead);
  });
  const after = procStats(server.pid);

  const all = concat(results.map((r) => r.samples));
  const allAt = concat(results.map((r) => r.sentAt));
  // Per second of the window (by send time): where the slow deliveries are.
  const bySecond: number[][] = Array.from({ length: opts.durationS }, () => []);
  for (let i = 0; i < all.length; i++)
    bySecond[Math.min(opts.durationS - 1, Math.floor((allAt[i] as number) / 1000))]?.push(
      all[i] as number,
    );
  const timeline = bySecond.map((xs) => {
    const s = summarize(xs);
    return { n: s.n, p99: s.p99, max: s.max };
  });
  const latency = summarize(all);
  const seconds = opts.durationS;
  const delivered = latency.n;
  const expected = results.reduce((a, r) => a + r.expected, 0);
  const edits = results.reduce((a, r) => a + r.sentInWindow, 0);
  let late = 0;
  for (const r of results) for (const x of r.samples) if (x > 1000) late += 1;
  /** The whole machine, all cores (200 % = both cores of this machine busy). */
  const machineBusyPercent =
    ((machineTo.busyMs - machineFrom.busyMs) / (machineTo.totalMs - machineFrom.totalMs)) *
    os.cpus().length *
    100;
  log(
    `${server.kind}: ${rate}/s: p50 ${fmt(latency.p50)} p99 ${fmt(latency.p99)} ms, server CPU ${fmt(((cpuTo - cpuFrom) / (seconds * 1000)) * 100, 0)} %`,
  );
  return {
    rate,
    edits,
    latency,
    sentPerSecond: edits / seconds,
    deliveredPerSecond: delivered / seconds,
    expected,
    delivered,
    missing: Math.max(0, expected - delivered),
    late,
    duplicates: results.reduce((a, r) => a + r.duplicates, 0),
    skipped: results.reduce((a, r) => a + r.skipped, 0),
    errors: mergeErrors(results.map((r) => r.errors)),
    serverCpuPercent: ((cpuTo - cpuFrom) / (seconds * 1000)) * 100,
    serverCpuMsPerEdit: (cpuTo - cpuFrom) / Math.max(1, edits),
    clientCpuPercent: (results.reduce((a, r) => a + r.cpuMs, 0) / (seconds * 1000)) * 100,
    machineBusyPercent,
    clientLoopDelayMs: {
      p99: Math.max(...results.map((r) => r.loopDelayMs.p99)),
      max: Math.max(...results.map((r) => r.loopDelayMs.max)),
    },
    serverLoopDelayMs: serverLoop,
    timeline,
    secondsOverTarget: timeline.filter((t) => t.p99 > 10).length,
    windowStartedAfterServerStartS: (measureFrom - server.startedAt) / 1000,
    rss: { beforeKb: before.rssKb, afterKb: after.rssKb, peakKb },
    loadAverage,
  };
}

type TraceReport = {
  edits: number;
  full: boolean;
  typeMs: number;
  sentMs: number;
  convergeMs: number | null;
  writerOk: boolean;
  readerOk: boolean;
  finalLength: number;
  readerLength: number;
  stateBytes: number;
  errors: ClientErrors;
  serverCpuMs: number;
  rssAfterKb: number;
  peakKb: number;
};

async function tracePhase(server: RunningServer, data: BenchData): Promise<TraceReport> {
  const cookie = (c: string) => (server.kind === "ours" ? c : null);
  const [reader, writer] = await Promise.all([forkWorker(), forkWorker()]);
  const before = procStats(server.pid);
  log(
    `${server.kind}: replaying the trace${opts.traceLimit ? ` (first ${opts.traceLimit} edits)` : ""}`,
  );
  try {
    await reader.request({
      cmd: "traceRead",
      url: server.wsUrl,
      room: data.trace.room,
      cookie: cookie(data.trace.members[1]!.cookie),
    });
    const written = await writer.request<TraceWritten>({
      cmd: "traceWrite",
      url: server.wsUrl,
      room: data.trace.room,
      cookie: cookie(data.trace.members[0]!.cookie),
      file: TRACE_FILE,
      limit: opts.traceLimit,
      chunk: opts.traceChunk,
    });
    const read = await reader.request<TraceRead>({
      cmd: "traceAwait",
      expected: written.expected,
      timeoutMs: 300_000,
    });
    const after = procStats(server.pid);
    const convergeMs = read.convergedAt !== null ? read.convergedAt - written.t0 : null;
    log(`${server.kind}: trace converged in ${fmt(convergeMs, 0)} ms`);
    return {
      edits: written.edits,
      full: written.full,
      typeMs: written.typeMs,
      sentMs: written.sentMs,
      convergeMs,
      writerOk: written.writerOk,
      readerOk: read.readerOk,
      finalLength: written.expected.length,
      readerLength: read.readerLength,
      stateBytes: written.stateBytes,
      errors: mergeErrors([written.errors, read.errors]),
      serverCpuMs: after.cpuMs - before.cpuMs,
      rssAfterKb: after.rssKb,
      peakKb: after.hwmKb,
    };
  } finally {
    await closeWorkers([reader, writer]);
  }
}

type SyncDocReport = {
  label: string;
  bytes: number;
  textLength: number;
  cold: SyncSample[];
  warm: SyncSample[];
  /** Every sampled client had the whole document. */
  contentOk: boolean;
};
type SyncReport = {
  /** Ours: the trace room as our server stored it (after unloading), its text checked. */
  stored: { bytes: number; textOk: boolean } | null;
  docs: SyncDocReport[];
};

/** The documents the first-sync phase serves, built locally from the trace. */
type SyncDocs = {
  /** The trace (or its replayed prefix) as one document. */
  trace: { state: Uint8Array; text: string };
  /** The shortest trace prefix (in steps of 250 edits) whose V1 state is ≥ 160,000 bytes. */
  kb160: { state: Uint8Array; text: string; edits: number };
};

function buildSyncDocs(): SyncDocs {
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(TRACE_FILE)).toString()) as {
    txns: { patches: [number, number, string][] }[];
  };
  const edits = trace.txns.flatMap((t) => t.patches);
  const traceEdits = opts.traceLimit > 0 ? opts.traceLimit : edits.length;
  const doc = new Y.Doc();
  const text = doc.getText("t");
  let kb160: SyncDocs["kb160"] | null = null;
  let traceDoc: SyncDocs["trace"] | null = null;
  for (let i = 0; i < edits.length && !(kb160 && traceDoc); i++) {
    const [pos, del, ins] = edits[i] as [number, number, string];
    doc.transact(() => {
      if (del > 0) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
    });
    if (!kb160 && (i + 1) % 250 === 0) {
      const state = Y.encodeStateAsUpdate(doc);
      if (state.byteLength >= 160_000) kb160 = { state, text: text.toString(), edits: i + 1 };
    }
    if (i + 1 === traceEdits)
      traceDoc = { state: Y.encodeStateAsUpdate(doc), text: text.toString() };
  }
  if (!kb160 || !traceDoc) throw new Error("the trace is too short for the first-sync documents");
  return { trace: traceDoc, kb160 };
}

async function syncPhase(
  server: RunningServer,
  data: BenchData,
  db: Db | null,
  docs: SyncDocs,
): Promise<SyncReport> {
  const ours = server.kind === "ours";
  let stored: SyncReport["stored"] = null;
  let traceState = docs.trace.state;
  if (ours && db) {
    // The trace clients left: the room unloads 5 s later, folding its log into the stored state.
    log("ours: waiting for the trace room to unload and compact");
    const deadline = Date.now() + 60_000;
    await sleep(5_500);
    for (;;) {
      const outcome = await db.outcome.findUniqueOrThrow({ where: { id: data.trace.room } });
      const logged = await db.outcomeUpdate.count({ where: { outcomeId: data.trace.room } });
      if (outcome.ydocState && logged === 0) {
        traceState = new Uint8Array(outcome.ydocState);
        const check = new Y.Doc();
        Y.applyUpdate(check, traceState);
        stored = {
          bytes: traceState.byteLength,
          textOk: check.getText("t").toString() === docs.trace.text,
        };
        break;
      }
      if (Date.now() > deadline) throw new Error("the trace room was not compacted");
      await sleep(250);
    }
  }
  // Cold rooms: the stored document written as the outcome's state; nobody opened them yet.
  const half = Math.floor(data.cold.length / 2);
  const plan = [
    {
      label: "trace document",
      state: traceState,
      text: docs.trace.text,
      rooms: data.cold.slice(0, half),
    },
    {
      label: "160 KB document",
      state: docs.kb160.state,
      text: docs.kb160.text,
      rooms: data.cold.slice(half),
    },
  ];
  const commands = [];
  for (const doc of plan) {
    if (ours && db)
      for (const room of doc.rooms)
        await db.outcome.update({
          where: { id: room.room },
          data: { ydocState: new Uint8Array(doc.state) },
        });
    const first = doc.rooms[0]!;
    commands.push({
      label: doc.label,
      expectedLength: doc.text.length,
      cold: ours ? doc.rooms.map((r) => ({ room: r.room, cookie: r.members[0]!.cookie })) : [],
      warm: {
        room: first.room,
        cookie: ours ? first.members[0]!.cookie : null,
        seed: ours ? null : doc.state,
        reps: opts.warm,
      },
    });
  }
  const worker = await forkWorker();
  try {
    log(`${server.kind}: first sync, ${ours ? half : 0} cold and ${opts.warm} warm per document`);
    const result = await worker.request<{
      docs: { label: string; cold: SyncSample[]; warm: SyncSample[]; contentOk: boolean }[];
    }>({ cmd: "firstSync", url: server.wsUrl, docs: commands });
    return {
      stored,
      docs: result.docs.map((d, i) => ({
        ...d,
        bytes: plan[i]!.state.byteLength,
        textLength: plan[i]!.text.length,
      })),
    };
  } finally {
    await closeWorkers([worker]);
  }
}

// ---------------------------------------------------------------------------------------------
// main

type ServerReport = {
  kind: ServerKind;
  load?: LoadReport;
  trace?: TraceReport;
  sync?: SyncReport;
  serverErrors?: string;
};

async function main() {
  const started = new Date();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "werkplaats-bench-"));
  const databaseUrl = `file:${path.join(tmp, "bench.db")}`;
  process.env.DATABASE_URL = databaseUrl;
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
  log(`options ${JSON.stringify({ ...opts, skip: [...opts.skip] })}`);
  log(`load average at start: ${machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(" ")}`);

  // The database: migrated with the real Prisma CLI, then the bench's users, rooms and sessions.
  const { migrateDeploy } = await import("../tests/helpers/db");
  const { createDb } = await import("~/utils/db.server");
  const { resolveDatabase } = await import("~/lib/database-url");
  const { createBenchData } = await import("./setup");
  await migrateDeploy(databaseUrl);
  let db: Db | null = createDb(resolveDatabase(databaseUrl));
  const data = await createBenchData(db, {
    rooms: opts.rooms,
    clients: opts.clients,
    coldRooms: 2 * opts.cold,
  });
  await db.$disconnect();
  db = null;
  log(
    `database ${databaseUrl}: ${opts.rooms} load rooms × ${opts.clients} members, trace room, ${2 * opts.cold} cold rooms`,
  );

  const reports: ServerReport[] = [];
  let syncDocs: SyncDocs | undefined;
  const kinds: ServerKind[] = opts.only ? [opts.only] : ["ours", "reference"];
  for (const kind of kinds) {
    const report: ServerReport = { kind };
    reports.push(report);
    const start = (phase: "A" | "B") =>
      kind === "ours"
        ? startOurs({
            databaseUrl,
            env: phase === "B" ? TRACE_LIMITS : {},
            cpuProfDir: opts.profile ? path.join(tmp, `profile-${phase}`) : undefined,
            entry: opts.oursEntry || undefined,
          })
        : startReference();

    if (!opts.skip.has("load")) {
      const server = await start("A");
      log(`${kind}: server pid ${server.pid} on port ${server.port}`);
      try {
        report.load = await loadPhase(server, data);
      } finally {
        await server.stop();
        const warnings = server.output().trim();
        if (warnings) report.serverErrors = warnings.slice(-4_000);
      }
    }
    if (!opts.skip.has("trace")) {
      const server = await start("B");
      log(`${kind}: server pid ${server.pid} on port ${server.port} (trace)`);
      try {
        report.trace = await tracePhase(server, data);
        if (!opts.skip.has("sync")) {
          if (kind === "ours") db = createDb(resolveDatabase(databaseUrl));
          try {
            syncDocs ??= buildSyncDocs();
            report.sync = await syncPhase(server, data, db, syncDocs);
          } finally {
            await db?.$disconnect();
            db = null;
          }
        }
      } finally {
        await server.stop();
        const warnings = server.output().trim();
        if (warnings)
          report.serverErrors = `${report.serverErrors ?? ""}\n${warnings.slice(-4_000)}`;
      }
    }
  }

  const entry = opts.oursEntry || path.join(repoRoot, "build/node/main.js");
  let commit = "?";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot })
      .toString()
      .trim();
  } catch {
    // not a git checkout
  }
  const result = {
    ours: { entry, builtAt: fs.statSync(entry).mtime.toISOString(), commit },
    started: started.toISOString(),
    finished: new Date().toISOString(),
    command: `npm run bench -- ${args().join(" ")}`.trim(),
    machine: { ...machine, loadAverageAtEnd: os.loadavg() },
    options: { ...opts, skip: [...opts.skip] },
    reports,
  };
  const jsonFile = opts.json || path.join(tmp, "results.json");
  fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(render(result.reports, machine));
  log(`ours: ${entry} built ${result.ours.builtAt} (HEAD ${commit})`);
  log(`results: ${jsonFile}${opts.profile ? `; CPU profiles in ${tmp}/profile-A|B` : ""}`);
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    fs.rmSync(path.join(tmp, `bench.db${suffix}`), { force: true });
}

// ---------------------------------------------------------------------------------------------
// report

function render(
  reports: ServerReport[],
  machine: { cpus: number; cpuModel: string; node: string },
) {
  const ours = reports.find((r) => r.kind === "ours");
  const ref = reports.find((r) => r.kind === "reference");
  const lines: string[] = [];
  const row = (label: string, a: string, b: string, ratio = "") =>
    lines.push(`| ${label} | ${a} | ${b} | ${ratio} |`);
  const ratio = (a?: number | null, b?: number | null) =>
    a != null && b != null && b > 0 ? `${(a / b).toFixed(2)}×` : "";
  /** One row: the same figure of both servers, and their ratio when it is a number. */
  const both = <T>(
    label: string,
    a: T | undefined,
    b: T | undefined,
    show: (x: T) => string,
    num?: (x: T) => number | null,
  ) =>
    row(
      label,
      a === undefined ? "–" : show(a),
      b === undefined ? "–" : show(b),
      num && a !== undefined && b !== undefined ? ratio(num(a), num(b)) : "",
    );
  const mb = (kb: number) => fmt(kb / 1024, 1);

  lines.push("");
  lines.push(`${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  lines.push("");
  lines.push("| | ours | reference | ours / reference |");
  lines.push("|---|---|---|---|");
  const ol = ours?.load;
  const rl = ref?.load;
  if (ol || rl) {
    both("clients synced / connected", ol, rl, (l) => `${l.synced} / ${l.connections}`);
    both(
      "connect + sync all clients (s)",
      ol,
      rl,
      (l) => fmt(l.connectSeconds, 1),
      (l) => l.connectSeconds,
    );
    both(
      "server RSS base → all clients idle (MB)",
      ol,
      rl,
      (l) => `${mb(l.rss.baseKb)} → ${mb(l.rss.idleKb)}`,
    );
    both(
      "RSS per idle connection (KB)",
      ol,
      rl,
      (l) => fmt(l.rss.perConnectionKb, 1),
      (l) => l.rss.perConnectionKb,
    );
    both(
      "live heap + external per idle connection (KB)",
      ol,
      rl,
      (l) => fmt(l.rss.heapPerConnectionKb, 1),
      (l) => l.rss.heapPerConnectionKb,
    );
    const count = Math.max(ol?.runs.length ?? 0, rl?.runs.length ?? 0);
    for (let i = 0; i < count; i++) {
      const a = ol?.runs[i];
      const b = rl?.runs[i];
      const at = `@ ${(a ?? b)?.rate} edit/s per client:`;
      for (const p of ["p50", "p95", "p99", "max"] as const)
        both(
          `${at} latency ${p} (ms)`,
          a,
          b,
          (r) => fmt(r.latency[p]),
          (r) => r.latency[p],
        );
      both(
        `${at} seconds of the window with p99 > 10 ms`,
        a,
        b,
        (r) => `${r.secondsOverTarget} of ${r.timeline.length}`,
      );
      both(`${at} edits sent /s`, a, b, (r) => fmt(r.sentPerSecond, 0));
      both(
        `${at} updates delivered /s`,
        a,
        b,
        (r) => fmt(r.deliveredPerSecond, 0),
        (r) => r.deliveredPerSecond,
      );
      both(`${at} missing / late (> 1 s) deliveries`, a, b, (r) => `${r.missing} / ${r.late}`);
      both(
        `${at} connection errors / disconnects`,
        a,
        b,
        (r) => `${r.errors.connectionErrors} / ${r.errors.disconnects}`,
      );
      both(
        `${at} server CPU (% of one core)`,
        a,
        b,
        (r) => fmt(r.serverCpuPercent, 0),
        (r) => r.serverCpuPercent,
      );
      both(
        `${at} server CPU per edit (ms)`,
        a,
        b,
        (r) => fmt(r.serverCpuMsPerEdit, 3),
        (r) => r.serverCpuMsPerEdit,
      );
      both(`${at} load generator CPU (% of one core)`, a, b, (r) => fmt(r.clientCpuPercent, 0));
      both(
        `${at} machine busy, all cores (%, 200 = full) / others`,
        a,
        b,
        (r) =>
          `${fmt(r.machineBusyPercent, 0)} / ${fmt(r.machineBusyPercent - r.serverCpuPercent - r.clientCpuPercent, 0)}`,
      );
      both(`${at} server event-loop delay p99 / max (ms)`, a, b, (r) =>
        r.serverLoopDelayMs
          ? `${fmt(r.serverLoopDelayMs.p99)} / ${fmt(r.serverLoopDelayMs.max)}`
          : "–",
      );
      both(
        `${at} load-generator event-loop delay p99 / max (ms)`,
        a,
        b,
        (r) => `${fmt(r.clientLoopDelayMs.p99)} / ${fmt(r.clientLoopDelayMs.max)}`,
      );
      both(
        `${at} server RSS before → after, peak (MB)`,
        a,
        b,
        (r) => `${mb(r.rss.beforeKb)} → ${mb(r.rss.afterKb)}, ${mb(r.rss.peakKb)}`,
      );
    }
  }
  const ot = ours?.trace;
  const rt = ref?.trace;
  if (ot || rt) {
    both("trace: edits", ot, rt, (t) => String(t.edits));
    both(
      "trace: typed / all sent by the writer (ms)",
      ot,
      rt,
      (t) => `${fmt(t.typeMs, 0)} / ${fmt(t.sentMs, 0)}`,
    );
    both(
      "trace: reader has the final text (ms)",
      ot,
      rt,
      (t) => fmt(t.convergeMs, 0),
      (t) => t.convergeMs,
    );
    both("trace: writer / reader text exact", ot, rt, (t) => `${t.writerOk} / ${t.readerOk}`);
    both(
      "trace: server CPU (s)",
      ot,
      rt,
      (t) => fmt(t.serverCpuMs / 1000, 1),
      (t) => t.serverCpuMs,
    );
    both("trace: server peak RSS (MB)", ot, rt, (t) => mb(t.peakKb));
    both("trace: document state (bytes)", ot, rt, (t) => String(t.stateBytes));
  }
  const os_ = ours?.sync;
  const rs = ref?.sync;
  if (os_ || rs) {
    const stat = (list: SyncSample[] | undefined, key: keyof NonNullable<SyncSample>) => {
      const xs = (list ?? [])
        .filter((x) => x !== null)
        .map((x) => (x as NonNullable<SyncSample>)[key]);
      return xs.length ? summarize(xs) : undefined;
    };
    if (os_?.stored)
      row(
        "trace room as stored by our server (bytes) / text exact",
        `${os_.stored.bytes} / ${os_.stored.textOk}`,
        "– (in memory only)",
      );
    const labels = (os_ ?? rs)?.docs.map((d) => d.label) ?? [];
    for (const label of labels) {
      const a = os_?.docs.find((d) => d.label === label);
      const b = rs?.docs.find((d) => d.label === label);
      both(
        `first sync, ${label}: state (bytes) / text (chars) / every client complete`,
        a,
        b,
        (d) => `${d.bytes} / ${d.textLength} / ${d.contentOk}`,
      );
      for (const which of ["cold", "warm"] as const) {
        const keys = [
          ["socket created → sync reply", "createdToStep2Ms"],
          ["socket open → sync reply", "openToStep2Ms"],
          ["socket open → client synced", "openToSyncedMs"],
          ["client applying the state", "clientApplyMs"],
        ] as const;
        for (const [what, key] of keys)
          both(
            `first sync, ${label}, ${which}: ${what}, median / max (ms)`,
            stat(a?.[which], key),
            stat(b?.[which], key),
            (x) => `${fmt(x.p50)} / ${fmt(x.max)}`,
            (x) => x.p50,
          );
      }
    }
  }
  lines.push("");
  return `${lines.join("\n")}\n`;
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    killChildren();
    process.exit(130);
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
