// Announcements for holders of live connections (the sync server), in-process:
//  - someone's access may have changed (signed out, removed from a subgroup, a document
//    locked): re-check those connections now instead of at the next periodic check;
//  - a document was changed outside the sync server (a template applied): its log has new
//    rows that a loaded room must apply and relay;
//  - something around a document changed (comments, its review status, its versions): the
//    browsers that have it open reload that part.
// With REDIS_URL set every announcement also reaches the other nodes (Redis pub/sub, see
// startLiveEventRelay); listeners cannot tell a local announcement from a remote one.
// Pub/sub delivers at most once: what a Redis outage swallows is covered by the periodic access
// re-check of the sync server and by pages reloading their data when their stream reconnects.
import { EventEmitter } from "node:events";
import { logger } from "~/utils/logger.server";
import { newRedisConnection, nodeId, redis, redisKey } from "~/utils/redis.server";

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

type EventName = "access" | "document" | "outcome" | "community";

/** Emits here and publishes to the other nodes (never throws; an outage only logs). */
function announce(event: EventName, ...args: unknown[]): void {
  emitter.emit(event, ...args);
  const client = redis();
  if (!client) return;
  client
    .publish(redisKey("live-events"), JSON.stringify({ from: nodeId(), event, args }))
    .catch((error: unknown) =>
      logger.warn({ err: error, event }, "live event not relayed to other nodes"),
    );
}

const EVENT_NAMES = new Set<string>(["access", "document", "outcome", "community"]);

/**
 * Receives the other nodes' announcements and emits them here (server start, with REDIS_URL);
 * returns the function that stops it. Without REDIS_URL it does nothing.
 */
export function startLiveEventRelay(): () => Promise<void> {
  const subscriber = newRedisConnection("live-events");
  if (!subscriber) return async () => {};
  subscriber.subscribe(redisKey("live-events")).catch((error: unknown) => {
    logger.error({ err: error }, "live events: could not subscribe");
  });
  subscriber.on("message", (_channel: string, raw: string) => {
    try {
      const message = JSON.parse(raw) as { from?: unknown; event?: unknown; args?: unknown };
      if (message.from === nodeId()) return;
      if (typeof message.event !== "string" || !EVENT_NAMES.has(message.event)) return;
      if (!Array.isArray(message.args)) return;
      emitter.emit(message.event, ...message.args);
    } catch (error) {
      logger.warn({ err: error }, "live events: unreadable message ignored");
    }
  });
  return async () => {
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}

export function announceAccessChange(change: AccessChange): void {
  announce("access", change);
}

/** Subscribes to access changes; returns the unsubscribe function. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on("access", listener);
  return () => emitter.off("access", listener);
}

export function announceDocumentChange(outcomeId: string): void {
  announce("document", outcomeId);
}

/** Subscribes to documents changed outside the sync server; returns the unsubscribe function. */
export function onDocumentChange(listener: (outcomeId: string) => void): () => void {
  emitter.on("document", listener);
  return () => emitter.off("document", listener);
}

/** What changed around a document; the browser reloads that part (see collab-client.ts). */
export const OUTCOME_TOPICS = ["comments", "status", "versions", "suggestions"] as const;
export type OutcomeTopic = (typeof OUTCOME_TOPICS)[number];

export function announceOutcomeEvent(outcomeId: string, topic: OutcomeTopic): void {
  announce("outcome", outcomeId, topic);
}

/** Subscribes to outcome events; returns the unsubscribe function. */
export function onOutcomeEvent(
  listener: (outcomeId: string, topic: OutcomeTopic) => void,
): () => void {
  emitter.on("outcome", listener);
  return () => emitter.off("outcome", listener);
}

/**
 * Something on a community's pages changed (server push to pages that are not the editor, see
 * routes/communities.$slug_.live.ts): "plenary" a publication appeared or changed, "screen"
 * what is on screen changed, "questions" the questions board changed. The browser reloads the
 * page's data (app/components/live-events.tsx).
 */
export const COMMUNITY_TOPICS = ["plenary", "screen", "questions"] as const;
export type CommunityTopic = (typeof COMMUNITY_TOPICS)[number];

export function announceCommunityEvent(communityId: string, topic: CommunityTopic): void {
  announce("community", communityId, topic);
}

/** Subscribes to community events; returns the unsubscribe function. */
export function onCommunityEvent(
  listener: (communityId: string, topic: CommunityTopic) => void,
): () => void {
  emitter.on("community", listener);
  return () => emitter.off("community", listener);
}
