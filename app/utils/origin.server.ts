// The address this server listens on, as seen from the machine itself (server/index.ts records
// it once listening). The PDF engine loads our own pages from it.
// Kept on globalThis: this module is bundled twice (app build and server entry).
const globalForOrigin = globalThis as { __werkplaatsOrigin?: string };

/** Records the listening address; 0.0.0.0 and :: become the loopback address. */
export function setInternalOrigin(host: string, port: number): void {
  const loopback = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "[::1]" : host;
  const shown = loopback.includes(":") && !loopback.startsWith("[") ? `[${loopback}]` : loopback;
  globalForOrigin.__werkplaatsOrigin = `http://${shown}:${port}`;
}

/** The origin to load our own pages from, or null before the server listens. */
export function internalOrigin(): string | null {
  return globalForOrigin.__werkplaatsOrigin ?? null;
}
