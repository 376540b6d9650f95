// Announces that someone's access may have changed (signed out, removed from a subgroup, a
// document locked), so that holders of live connections (the sync server) re-check them at once
// instead of at their next periodic check. In-process; issue 7 fans these out between nodes.
import { EventEmitter } from "node:events";

export type AccessChange =
  | { kind: "session"; sessionId: string }
  | { kind: "user"; userId: string }
  | { kind: "outcome"; outcomeId: string };

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function announceAccessChange(change: AccessChange): void {
  emitter.emit("change", change);
}

/** Subscribes to access changes; returns the unsubscribe function. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on("change", listener);
  return () => emitter.off("change", listener);
}
