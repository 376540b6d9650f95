// Announcements for holders of live connections (the sync server), in-process:
//  - someone's access may have changed (signed out, removed from a subgroup, a document
//    locked): re-check those connections now instead of at the next periodic check;
//  - a document was changed outside the sync server (a template applied): its log has new
//    rows that a loaded room must apply and relay.
// Issue 7 fans these out between nodes.
import { EventEmitter } from "node:events";

export type AccessChange =
  | { kind: "session"; sessionId: string }
  | { kind: "user"; userId: string }
  | { kind: "outcome"; outcomeId: string };

// One emitter per process, even though this module is bundled twice (into the app build and
// into the server entry): both copies find it on globalThis.
const globalForEvents = globalThis as { __werkplaatsLiveEvents?: EventEmitter };
globalForEvents.__werkplaatsLiveEvents ??= new EventEmitter();
const emitter = globalForEvents.__werkplaatsLiveEvents;
emitter.setMaxListeners(0);

export function announceAccessChange(change: AccessChange): void {
  emitter.emit("access", change);
}

/** Subscribes to access changes; returns the unsubscribe function. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on("access", listener);
  return () => emitter.off("access", listener);
}

export function announceDocumentChange(outcomeId: string): void {
  emitter.emit("document", outcomeId);
}

/** Subscribes to documents changed outside the sync server; returns the unsubscribe function. */
export function onDocumentChange(listener: (outcomeId: string) => void): () => void {
  emitter.on("document", listener);
  return () => emitter.off("document", listener);
}
