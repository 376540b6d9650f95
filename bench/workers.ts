// The load-generator processes (bench/client.ts, forked) and what they report, shared by
// `npm run bench` (bench/index.ts) and `npm run bench:cluster` (bench/cluster.ts). One request
// at a time per process: each command is answered by exactly one message.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { sleep } from "./cli";
import { repoRoot, trackChild } from "./servers";

export type Worker = { proc: ChildProcess; request<T>(message: object): Promise<T> };

export async function forkWorker(): Promise<Worker> {
  const profileDir = process.env.BENCH_CLIENT_PROFILE_DIR;
  const proc = fork(path.join(repoRoot, "bench/client.ts"), [], {
    cwd: repoRoot,
    execArgv: [
      ...process.execArgv,
      // A bigger young generation: thousands of documents make the default one scavenge often.
      "--max-semi-space-size=64",
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  trackChild(proc);
  let pending: ((message: unknown) => void) | null = null;
  const ready = new Promise<void>((resolve) => {
    pending = () => resolve();
  });
  proc.on("message", (message) => {
    const done = pending;
    pending = null;
    done?.(message);
  });
  proc.on("exit", (code) => {
    if (pending) pending({ type: "error", message: `client process exited (${code})` });
  });
  // A message sent after the process ended (an abort killed it): the request fails instead.
  proc.on("error", (error) => {
    if (pending) pending({ type: "error", message: error.message });
  });
  await ready;
  return {
    proc,
    request<T>(message: object) {
      return new Promise<T>((resolve, reject) => {
        if (!proc.connected) return reject(new Error("client process gone"));
        pending = (reply) => {
          const r = reply as { type: string; message?: string };
          if (r.type === "error") reject(new Error(r.message));
          else resolve(reply as T);
        };
        proc.send(message);
      });
    },
  };
}

export async function closeWorkers(workers: Worker[]) {
  await Promise.all(
    workers.map(async (w) => {
      if (w.proc.exitCode !== null || w.proc.signalCode !== null) return;
      const exited = new Promise((r) => w.proc.once("exit", r));
      await w.request({ cmd: "close" }).catch(() => {});
      await Promise.race([exited, sleep(5_000)]);
      if (w.proc.exitCode === null) w.proc.kill("SIGKILL");
    }),
  );
}

export type ClientErrors = {
  connectionErrors: number;
  disconnects: number;
  closeCodes: Record<string, number>;
  notSynced: number;
};

export function mergeErrors(list: ClientErrors[]): ClientErrors {
  const out: ClientErrors = { connectionErrors: 0, disconnects: 0, closeCodes: {}, notSynced: 0 };
  for (const e of list) {
    out.connectionErrors += e.connectionErrors;
    out.disconnects += e.disconnects;
    out.notSynced += e.notSynced;
    for (const [code, n] of Object.entries(e.closeCodes))
      out.closeCodes[code] = (out.closeCodes[code] ?? 0) + n;
  }
  return out;
}
