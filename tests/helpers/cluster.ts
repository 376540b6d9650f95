// Several production nodes on one PostgreSQL database and one Redis, for the multi-node tests:
// a Redis server of the test's own (so it can be killed and restarted), the nodes as child
// processes, and a small TCP balancer standing in for the load balancer (round robin, skipping
// nodes that refuse connections, no stickiness).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { type ChildServer, freePort, spawnServer } from "./server";

/** The redis-server binary, or null when this machine has none. */
export function redisServerBinary(): string | null {
  try {
    return execFileSync("which", ["redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export type TestRedis = {
  url: string;
  port: number;
  /** SIGKILLs the server (nothing is saved: it comes back empty). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
};

/** A throwaway Redis server (no persistence) on a free loopback port. */
export async function startTestRedis(binary: string): Promise<TestRedis> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100; i++) {
      if (await portAnswers(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async kill() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once("exit", r));
      p.kill("SIGKILL");
      await exited;
    },
  };
}

/** True when something accepts a TCP connection on loopback `port`. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts `count` nodes one after the other (the first one migrates and seeds; starting them
 * together would race on the demo seed, which a real deployment does not run).
 */
export async function startNodes(
  count: number,
  env: Record<string, string>,
): Promise<ChildServer[]> {
  const nodes: ChildServer[] = [];
  for (let i = 0; i < count; i++) nodes.push(await spawnServer(env));
  return nodes;
}

export type Balancer = {
  port: number;
  /** Connections currently proxied to each node port. */
  open(): Map<number, number>;
  close(): Promise<void>;
};

/** Round robin over `ports`; a node that refuses the connection is skipped for the next one. */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  let next = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; port: number }>();
  const server = net.createServer((client) => {
    client.pause();
    client.on("error", () => {});
    const attempt = (tries: number) => {
      if (tries >= ports.length || client.destroyed) return client.destroy();
      const port = ports[next++ % ports.length] as number;
      const upstream = net.connect(port, "127.0.0.1");
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        const pair = { client, upstream, port };
        pairs.add(pair);
        const end = () => {
          pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on("close", end);
        upstream.on("close", end);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on("error", () => {
        if (!connected) attempt(tries + 1);
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    open() {
      const counts = new Map<number, number>();
      for (const { port } of pairs) counts.set(port, (counts.get(port) ?? 0) + 1);
      return counts;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
