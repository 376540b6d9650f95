// One open websocket to a document: who it is, what it may do, and how fast it may talk.
import type { WebSocket } from "ws";
import type { CollabAccess } from "./auth";

export type Connection = {
  socket: WebSocket;
  userId: string;
  sessionId: string;
  room: string;
  access: CollabAccess;
  /** The client asked for MESSAGE_SAVED acknowledgements (our browser editor does). */
  wantsAcks: boolean;
  /** Awareness client ids this connection introduced (removed when it closes). */
  clients: Set<number>;
  /** Document updates received on this connection, and how many of them are stored. */
  received: number;
  stored: number;
  limiter: TokenBucket;
  alive: boolean;
  lastSentAt: number;
};

/** A token bucket: `rate` messages per second on average, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function send(connection: Connection, message: Uint8Array) {
  const { socket } = connection;
  if (socket.readyState !== socket.OPEN) return;
  connection.lastSentAt = Date.now();
  socket.send(message, (error) => {
    if (error) socket.terminate();
  });
}
