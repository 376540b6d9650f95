// Server push to pages that are not the editor: one Server-Sent Events stream per open page,
// carrying the community events of live-events.server.ts (decision 012). In-process; issue 7
// fans the events out between nodes behind announceCommunityEvent/onCommunityEvent, so nothing
// here changes then.
//
// Each stream: "retry" advice and a first comment (so proxies and the browser see it open), one
// `data: <topic>` message per event of its community, a heartbeat comment every 25 seconds
// (idle proxies keep it), cleanup when the browser goes away (the request's abort signal), a
// per-user cap on open streams, and an end after a while or when the person's access changed
// (signed out, removed): the browser reconnects by itself and is authorised afresh.
import { getEnv } from "~/utils/env.server";
import { type CommunityTopic, onAccessChange, onCommunityEvent } from "~/utils/live-events.server";

export const HEARTBEAT_MS = 25_000;
/** Streams end after this long; the browser reconnects (and is authorised again) at once. */
export const MAX_STREAM_MS = 15 * 60_000;
/** How long the browser waits before reconnecting after the stream ended or broke. */
export const RETRY_MS = 3_000;

// Shared on globalThis: this module is bundled into the app build and into the server entry.
const globalForStreams = globalThis as {
  __werkplaatsLiveStreams?: Map<string, number>;
  __werkplaatsLiveStreamEnds?: Set<() => void>;
};
globalForStreams.__werkplaatsLiveStreams ??= new Map();
globalForStreams.__werkplaatsLiveStreamEnds ??= new Set();
/** Open streams per user (tabs and devices together). */
const openPerUser = globalForStreams.__werkplaatsLiveStreams;
/** How to end each open stream (for a graceful shutdown). */
const openStreamEnds = globalForStreams.__werkplaatsLiveStreamEnds;

/** Ends every open stream (shutdown: the server then waits for nothing long-lived). */
export function endAllEventStreams(): void {
  for (const end of [...openStreamEnds]) end();
}

/** Open streams of one user (for tests and the cap). */
export function openStreams(userId: string): number {
  return openPerUser.get(userId) ?? 0;
}

export type StreamOwner = { userId: string; sessionId: string };

/**
 * The response for one live stream of `communityId`'s events. The caller has authorised the
 * person (plenary.view). Over the per-user cap: 429 with a Retry-After.
 */
export function communityEventStream(
  communityId: string,
  owner: StreamOwner,
  signal: AbortSignal,
  options: { heartbeatMs?: number; maxMs?: number } = {},
): Response {
  const limit = getEnv().LIVE_MAX_CONNECTIONS_PER_USER;
  if (openStreams(owner.userId) >= limit)
    return new Response("Te veel open verbindingen.", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" },
    });
  openPerUser.set(owner.userId, openStreams(owner.userId) + 1);

  const encoder = new TextEncoder();
  let cleanup: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const unsubscribeEvents = onCommunityEvent((id, topic: CommunityTopic) => {
        if (id === communityId) send(`data: ${topic}\n\n`);
      });
      const unsubscribeAccess = onAccessChange((change) => {
        if (
          (change.kind === "user" && change.userId === owner.userId) ||
          (change.kind === "session" && change.sessionId === owner.sessionId)
        )
          end();
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
      const lifetime = setTimeout(end, options.maxMs ?? MAX_STREAM_MS);
      const onAbort = () => finish();

      function finish() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribeEvents();
        unsubscribeAccess();
        signal.removeEventListener("abort", onAbort);
        openStreamEnds.delete(end);
        const left = openStreams(owner.userId) - 1;
        if (left > 0) openPerUser.set(owner.userId, left);
        else openPerUser.delete(owner.userId);
      }
      /** Ends the stream from our side; the browser reconnects after RETRY_MS. */
      function end() {
        if (closed) return;
        finish();
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      }
      cleanup = finish;

      if (signal.aborted) {
        finish();
        return;
      }
      signal.addEventListener("abort", onAbort);
      openStreamEnds.add(end);
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware leaves it alone (it would buffer the events).
      "Cache-Control": "no-cache, no-transform",
      // nginx and similar proxies: pass each event on at once.
      "X-Accel-Buffering": "no",
    },
  });
}
