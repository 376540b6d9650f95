import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { backoffDelay, jitterReconnects } from "./reconnect";

describe("backoffDelay", () => {
  it("doubles per attempt up to the cap, within the upper half of each step", () => {
    const low = (n: number) => backoffDelay(n, { random: () => 0 });
    const high = (n: number) => backoffDelay(n, { random: () => 1 });
    expect([1, 2, 3, 4].map(low)).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map(high)).toEqual([200, 400, 800, 1600]);
    expect(high(20)).toBe(10_000);
    expect(low(20)).toBe(5_000);
  });

  it("spreads clients out: a thousand clients do not pick the same few delays", () => {
    const delays = new Set(Array.from({ length: 1000 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(500);
    for (const d of delays) expect(d >= 1_600 && d <= 3_200).toBe(true);
  });
});

describe("jitterReconnects on a stock provider", () => {
  let provider: WebsocketProvider | undefined;
  afterEach(() => provider?.destroy());

  it("sets a jittered wait after each failed attempt (nothing listens on the port)", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    let attempts = 0;
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        attempts += 1;
      }
    }
    provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, "room", new Y.Doc(), {
      WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const seen: number[] = [];
    provider.on("connection-close", () => {
      // Read after every listener (jitterReconnects' one included) has run.
      queueMicrotask(() => seen.push(provider!.maxBackoffTime));
    });
    jitterReconnects(provider, { random: () => 0.5 });
    const started = Date.now();
    while (attempts < 4 && Date.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(attempts).toBeGreaterThanOrEqual(4);
    // Attempt n waits 0.75 × 2^n × 100 ms (random 0.5): 150, 300, 600 …
    expect(seen.slice(0, 3)).toEqual([150, 300, 600]);
  });
});
