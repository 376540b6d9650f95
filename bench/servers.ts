// The two servers under test, each a child process of the bench on a loopback port: ours (the
// production build, build/node/main.js) and the reference (bench/reference-server.mjs). Both run
// with --expose-gc and bench/gc-signal.mjs preloaded, so the bench can ask for a full GC before
// reading RSS from /proc/<pid>/status.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../tests/helpers/server";

export { freePort };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ServerKind = "ours" | "reference";

export type RunningServer = {
  kind: ServerKind;
  port: number;
  pid: number;
  proc: ChildProcess;
  /** The websocket base URL the stock client appends "/<room>" to. */
  wsUrl: string;
  /** Where the server writes process.memoryUsage() on SIGUSR2 (gc-signal.mjs). */
  memoryFile: string;
  /** When the process was spawned (performance.timeOrigin + performance.now()). */
  startedAt: number;
  /** Where the server writes its event-loop delay on SIGWINCH (gc-signal.mjs). */
  loopFile: string;
  output(): string;
  stop(): Promise<void>;
};

/** A server process just spawned: enough to read its /proc figures and event-loop delay. */
export type Spawned = Pick<RunningServer, "pid" | "loopFile" | "memoryFile">;

/** Every child the bench started, so an abort still ends them (by PID, never by name). */
const children = new Set<ChildProcess>();
export function trackChild(proc: ChildProcess) {
  children.add(proc);
  proc.on("exit", () => children.delete(proc));
}
export function killChildren() {
  for (const proc of children) if (proc.exitCode === null && proc.pid) proc.kill("SIGKILL");
}

async function startChild(
  kind: ServerKind,
  args: string[],
  env: Record<string, string>,
  ready: (output: string) => Promise<boolean>,
  port: number,
  onSpawn?: (spawned: Spawned) => void,
): Promise<RunningServer> {
  let output = "";
  const startedAt = performance.timeOrigin + performance.now();
  const memoryFile = path.join(os.tmpdir(), `werkplaats-bench-memory-${kind}-${port}.json`);
  const loopFile = path.join(os.tmpdir(), `werkplaats-bench-loop-${kind}-${port}.json`);
  const proc = spawn(
    process.execPath,
    ["--expose-gc", "--import", "./bench/gc-signal.mjs", ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        BENCH_MEMORY_FILE: memoryFile,
        BENCH_LOOP_FILE: loopFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  trackChild(proc);
  if (proc.pid) onSpawn?.({ pid: proc.pid, loopFile, memoryFile });
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  const started = Date.now();
  while (!(await ready(output))) {
    if (proc.exitCode !== null || Date.now() - started > 60_000) {
      proc.kill("SIGKILL");
      throw new Error(`${kind} server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    kind,
    port,
    pid: proc.pid as number,
    proc,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    memoryFile,
    loopFile,
    startedAt,
    output: () => output,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(memoryFile, { force: true });
      fs.rmSync(loopFile, { force: true });
    },
  };
}

/** Our production server (it applies migrations at start; the database is the bench's own). */
export async function startOurs(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  cpuProfDir?: string;
  /** Another build of our server to run instead of build/node/main.js (cwd stays the repo). */
  entry?: string;
  /** A given port (a node restarted where its clients expect it), else a free one. */
  port?: number;
  /** Called as soon as the process is spawned (before it is ready). */
  onSpawn?: (spawned: Spawned) => void;
}): Promise<RunningServer> {
  const entry = options.entry
    ? path.resolve(options.entry)
    : path.join(repoRoot, "build/node/main.js");
  if (!fs.existsSync(entry)) throw new Error("No production build: run `npm run build` first.");
  const port = options.port ?? (await freePort());
  const prof = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  return startChild(
    "ours",
    [...prof, entry],
    {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      DATABASE_URL: options.databaseUrl,
      ...options.env,
    },
    // LOG_LEVEL=warn hides "listening": ready once /healthz answers.
    async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        await res.arrayBuffer();
        return res.ok;
      } catch {
        return false;
      }
    },
    port,
    options.onSpawn,
  );
}

/** The reference y-websocket server. */
export async function startReference(): Promise<RunningServer> {
  const port = await freePort();
  return startChild(
    "reference",
    [path.join(repoRoot, "bench/reference-server.mjs")],
    { NODE_ENV: "production" },
    async (output) => output.includes("listening on"),
    port,
  );
}

export type ProcStats = {
  rssKb: number;
  hwmKb: number;
  /** CPU time (user + system) in ms since the process started. */
  cpuMs: number;
};

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

export function procStats(pid: number): ProcStats {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  const hwm = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which is in parentheses and may contain spaces).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return {
    rssKb: Number(rss),
    hwmKb: Number(hwm),
    cpuMs: ((utime + stime) * 1000) / CLOCK_TICKS,
  };
}

export type Memory = { rssKb: number; heapUsedKb: number; externalKb: number };

/**
 * Asks the server for a full GC (SIGUSR2, see gc-signal.mjs) twice, and returns its RSS then
 * (from /proc) with its live heap and external memory (from its own process.memoryUsage()).
 */
export async function settledMemory(server: RunningServer, waitMs = 1500): Promise<Memory> {
  process.kill(server.pid, "SIGUSR2");
  await new Promise((r) => setTimeout(r, waitMs));
  fs.rmSync(server.memoryFile, { force: true });
  process.kill(server.pid, "SIGUSR2");
  const deadline = Date.now() + 5_000;
  while (!fs.existsSync(server.memoryFile) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  const usage = JSON.parse(fs.readFileSync(server.memoryFile, "utf8")) as NodeJS.MemoryUsage;
  return {
    rssKb: procStats(server.pid).rssKb,
    heapUsedKb: usage.heapUsed / 1024,
    externalKb: usage.external / 1024,
  };
}

/** Busy and total CPU time of the whole machine so far (ms, all cores, from /proc/stat). */
export function machineCpu(): { busyMs: number; totalMs: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busyMs: ((total - idle) * 1000) / CLOCK_TICKS, totalMs: (total * 1000) / CLOCK_TICKS };
}

export type LoopDelay = { p50: number; p99: number; max: number; mean: number };

/** The server's event-loop delay since the previous call (SIGWINCH, see gc-signal.mjs). */
export async function serverLoopDelay(server: Spawned): Promise<LoopDelay | null> {
  fs.rmSync(server.loopFile, { force: true });
  process.kill(server.pid, "SIGWINCH");
  // A server whose event loop is blocked answers late: wait for it, within reason.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      return JSON.parse(fs.readFileSync(server.loopFile, "utf8")) as LoopDelay;
    } catch {
      // not written yet (or half written)
    }
  }
  return null;
}
