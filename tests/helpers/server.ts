// Runs the real production server (build/node/main.js, built by `npm run build`) as a child
// process on a free port, the way `npm start` runs it.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "./db";

export type ChildServer = {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function assertBuilt() {
  const entry = path.join(repoRoot, "build/node/main.js");
  if (!fs.existsSync(entry))
    throw new Error("No production build: run `npm run build` first (npm test does).");
  return entry;
}

export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ChildServer> {
  const entry = assertBuilt();
  const port = await freePort();
  let output = "";
  const proc = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (output.includes("Werkplaats is listening")) {
        clearInterval(poll);
        resolve();
      } else if (proc.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        // One that is running but never said so (e.g. LOG_LEVEL above info) must not outlive us.
        if (proc.exitCode === null) proc.kill("SIGKILL");
        reject(new Error(`server did not start:\n${output}`));
      }
    }, 100);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode === null) proc.kill(signal);
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Signs in through the real form endpoint and returns the session cookie pair ("name=value"). */
export async function signInCookie(
  baseUrl: string,
  email: string,
  password = "Werkplaats2021!",
): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}
