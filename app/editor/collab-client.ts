// The browser side of one outcome document: the Y.Doc, its offline copy in IndexedDB, the
// stock y-websocket provider to /collab/<room>, and the state the page shows (saved, saving,
// offline with N changes, reconnecting, no access) and who is here. No React in here.

import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { offlineDatabaseName, pendingKey } from "./offline-copies";
import { jitterReconnects } from "./reconnect";

/** Our additions to the protocol (server/collab/protocol.ts): "N of the updates you sent on this
 * socket are stored", and "something around this document changed" (comments, status, …). */
const MESSAGE_SAVED = 100;
const MESSAGE_OUTCOME_EVENT = 101;

export type PresentUser = { id: string; name: string; color: string; self: boolean };

export type SyncStatus =
  | { kind: "connecting" }
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "offline"; pending: number }
  | { kind: "reconnecting" }
  | { kind: "revoked" };

export type CollabSnapshot = {
  status: SyncStatus;
  /** Local changes the server has not confirmed yet (0 when everything is stored). */
  pending: number;
  /** The document has content to show: from the offline copy or the server. */
  loaded: boolean;
  users: PresentUser[];
};

type CountingWebSocket = WebSocket & { updatesSent: number; updatesStored: number };

/**
 * A browser WebSocket that counts the document updates it sends (sync step 2 / update).
 * Made on first use: this module is also evaluated during server rendering, without WebSocket.
 */
function countingWebSocketClass(): typeof WebSocket {
  return class extends WebSocket {
    updatesSent = 0;
    updatesStored = 0;
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (data instanceof Uint8Array && data[0] === 0 && (data[1] === 1 || data[1] === 2))
        this.updatesSent += 1;
      super.send(data);
    }
  };
}

export type CollabUser = { id: string; name: string; color: string };

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly offline: IndexeddbPersistence;
  private readonly pendingKey: string;
  private listeners = new Set<() => void>();
  private snapshot: CollabSnapshot;
  private pending: number;
  private everConnected = false;
  private revoked = false;
  private remoteListeners = new Set<(authors: string[]) => void>();
  private outcomeListeners = new Set<(topic: string) => void>();

  constructor(
    readonly room: string,
    readonly user: CollabUser,
    options: { onAccessChanged?: () => void } = {},
  ) {
    this.pendingKey = pendingKey(room);
    // Changes made in an earlier visit that never reached the server are still pending.
    this.pending = Number(globalThis.localStorage?.getItem(this.pendingKey) ?? 0) || 0;
    this.offline = new IndexeddbPersistence(offlineDatabaseName(room), this.doc);
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, room, this.doc, {
      params: { acks: "1" },
      WebSocketPolyfill: countingWebSocketClass(),
      // Every tab syncs through the server, so "saved" means saved on the server.
      disableBc: true,
    });
    // After a node restart its clients come back spread out, not all in the same instant.
    jitterReconnects(this.provider);
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder, provider) => {
      const socket = provider.ws as CountingWebSocket | null;
      if (!socket) return;
      socket.updatesStored = decoding.readVarUint(decoder);
      if (socket.updatesStored >= socket.updatesSent) this.setPending(0);
      else this.emit();
    };
    this.provider.messageHandlers[MESSAGE_OUTCOME_EVENT] = (_encoder, decoder) => {
      const topic = decoding.readVarString(decoder);
      for (const listener of this.outcomeListeners) listener(topic);
    };
    this.snapshot = this.compute();

    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this.offline) return;
      if (origin === this.provider) {
        this.announceRemote(update);
        return;
      }
      this.setPending(this.pending + 1);
    });
    this.offline.on("synced", () => this.emit());
    this.provider.on("status", ({ status }) => {
      if (status === "connected") {
        // Announcements made while this browser was away were missed: reload everything.
        if (this.everConnected)
          for (const listener of this.outcomeListeners) listener("reconnected");
        this.everConnected = true;
      }
      this.emit();
    });
    this.provider.on("sync", () => this.emit());
    this.provider.on("connection-close", (event) => {
      // 4001: what this person may do changed (a lock); 44xx: access ended or document gone.
      if (event && (event.code === 4001 || (event.code >= 4400 && event.code < 4500))) {
        if (event.code !== 4001) {
          // No access any more: this browser keeps no copy of the document either.
          this.revoked = true;
          void this.offline.clearData();
          this.setPending(0);
        }
        options.onAccessChanged?.();
      }
      this.emit();
    });
    this.provider.awareness.on("change", () => this.emit());
    this.provider.awareness.setLocalStateField("user", user);
  }

  private setPending(n: number) {
    this.pending = n;
    try {
      if (n === 0) localStorage.removeItem(this.pendingKey);
      else localStorage.setItem(this.pendingKey, String(n));
    } catch {
      // Private mode or storage full: the count just does not survive a reload.
    }
    this.emit();
  }

  /** Listeners for remote edits, with the names of their authors when known. */
  onRemoteEdit(listener: (authors: string[]) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  /**
   * Listeners for changes around the document that the server announces (topic: "comments",
   * "status", "versions", "suggestions"), and for reconnects ("reconnected"), after which
   * anything may have changed meanwhile.
   */
  onOutcomeEvent(listener: (topic: string) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  private announceRemote(update: Uint8Array) {
    if (this.remoteListeners.size === 0) return;
    const clients = new Set<number>();
    for (const struct of Y.decodeUpdate(update).structs) clients.add(struct.id.client);
    const states = this.provider.awareness.getStates();
    const authors = [...clients]
      .map((id) => (states.get(id)?.user as CollabUser | undefined)?.name)
      .filter((name): name is string => Boolean(name));
    for (const listener of this.remoteListeners) listener([...new Set(authors)]);
  }

  private compute(): CollabSnapshot {
    const socket = this.provider.ws as CountingWebSocket | null;
    const connected = this.provider.wsconnected;
    const unconfirmed = connected && socket ? socket.updatesSent > socket.updatesStored : false;
    const status: SyncStatus = this.revoked
      ? { kind: "revoked" }
      : connected && this.provider.synced
        ? this.pending > 0 || unconfirmed
          ? { kind: "saving" }
          : { kind: "saved" }
        : !this.everConnected && this.pending === 0
          ? { kind: "connecting" }
          : this.pending > 0
            ? { kind: "offline", pending: this.pending }
            : { kind: "reconnecting" };
    const seen = new Map<string, PresentUser>();
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const user = state.user as CollabUser | undefined;
      if (!user?.id || typeof user.name !== "string") continue;
      const self = clientId === this.doc.clientID;
      if (!seen.has(user.id) || self)
        seen.set(user.id, { ...user, self: user.id === this.user.id });
    }
    const users = [...seen.values()].sort(
      (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
    );
    return {
      status,
      pending: this.pending + (unconfirmed ? 1 : 0),
      loaded: this.provider.synced || this.offline.synced,
      users,
    };
  }

  private emit() {
    this.snapshot = this.compute();
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** True while something typed here is not yet confirmed stored by the server. */
  hasUnsavedChanges() {
    return this.snapshot.pending > 0;
  }

  destroy() {
    this.provider.destroy();
    void this.offline.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.remoteListeners.clear();
    this.outcomeListeners.clear();
  }
}
