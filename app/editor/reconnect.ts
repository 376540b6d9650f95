// Reconnecting after a lost connection, with jittered exponential backoff. The stock
// y-websocket provider waits min(2^n × 100 ms, maxBackoffTime) after the n-th failed attempt,
// the same for every client: when a node restarts, all its clients would come back in the same
// few milliseconds, again and again. Before each wait is scheduled the provider emits
// "connection-close"; there we lower maxBackoffTime to a random point in the upper half of the
// exponential step ("equal jitter"), so the delay is spread between half and all of it.
// Shared by the browser editor and the Node clients of the tests and benchmarks.
import type { WebsocketProvider } from "y-websocket";

export type BackoffOptions = {
  /** First step (doubled per failed attempt). */
  baseMs?: number;
  /** Longest wait between attempts. */
  capMs?: number;
  random?: () => number;
};

/** The wait before attempt `attempt` (1 = the first retry): within [step/2, step]. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 100;
  const cap = options.capMs ?? 10_000;
  const step = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (options.random ?? Math.random)() * (step / 2));
}

/** Makes `provider` wait a jittered, exponentially growing time between reconnect attempts. */
export function jitterReconnects(provider: WebsocketProvider, options: BackoffOptions = {}) {
  provider.on("connection-close", () => {
    // The provider counts this failure right after this event, then waits.
    provider.maxBackoffTime = backoffDelay(provider.wsUnsuccessfulReconnects + 1, options);
  });
}
