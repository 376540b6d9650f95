// Figures about this node for the loopback-only details of /healthz (the soak test reads them):
// the sync server registers how to count its connections and documents (server/index.ts). On
// globalThis: this module is bundled into both the app build and the server entry.
export type CollabStats = {
  connections: number;
  rooms: number;
  joins: { active: number; waiting: number };
};

const registry = globalThis as { __werkplaatsCollabStats?: () => CollabStats };

export function registerCollabStats(read: (() => CollabStats) | undefined) {
  registry.__werkplaatsCollabStats = read;
}

export function collabStats(): CollabStats | null {
  return registry.__werkplaatsCollabStats?.() ?? null;
}

/** A request from this machine itself, not passed on by a proxy. */
export function isLocalRequest(clientIp: string, headers: Headers): boolean {
  if (headers.has("x-forwarded-for") || headers.has("forwarded")) return false;
  return clientIp === "127.0.0.1" || clientIp === "::1" || clientIp === "::ffff:127.0.0.1";
}
