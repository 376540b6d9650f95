// Helpers for the sync-server tests: stock y-websocket clients that send a session cookie (as a
// browser does), raw authenticated sockets for what a stock client never sends (malformed or
// oversized frames, handshake checks), form posts, and reading a document from the database.
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { jitterReconnects } from "~/editor/reconnect";
import type { Db } from "~/utils/db.server";
import { type ChildServer, signInCookie } from "./server";

/** Polls `check` every 20 ms; throws when it is still false after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Signs each e-mail address in once per jar (the server limits sign-ins per address). */
export function cookieJar() {
  const cookies = new Map<string, Promise<string>>();
  return (server: ChildServer, email: string): Promise<string> => {
    let cookie = cookies.get(email);
    if (!cookie) {
      cookie = signInCookie(server.url, email);
      cookies.set(email, cookie);
    }
    return cookie;
  };
}

/** A close the server initiated (code and reason as the client saw them) and when it arrived. */
export type Close = { code: number; reason: string; at: number };

export type Client = {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Document update frames (sync step 2 and updates) sent on the current connection. */
  sentUpdates: () => number;
  /** Save acknowledgements (message type 100) received on the current connection, in order. */
  acks: number[];
  /** Outcome events (message type 101: "comments", "status", …) received, in order. */
  events: string[];
  /** Closes by the server (not the ones this client made itself). */
  closes: Close[];
  destroy(): void;
};

/** The document update frames of the y-websocket protocol: sync step 2 and update. */
function isUpdateFrame(frame: Uint8Array): boolean {
  return frame[0] === 0 && (frame[1] === 1 || frame[1] === 2);
}

/**
 * Stock y-websocket clients, remembered so that a test file can destroy all of them. The
 * WebSocket polyfill only adds the Cookie header (and counts the update frames it sends).
 */
export class Clients {
  private readonly all = new Set<Client>();

  connect(
    server: Pick<ChildServer, "port">,
    room: string,
    cookie: string,
    options: { doc?: Y.Doc; acks?: boolean } = {},
  ): Client {
    const doc = options.doc ?? new Y.Doc();
    let sent = 0;
    const acks: number[] = [];
    class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Cookie: cookie } });
        // Acknowledgements count per connection: a new socket starts from zero.
        sent = 0;
        acks.length = 0;
        const send = this.send.bind(this) as (frame: Uint8Array) => void;
        this.send = ((frame: Uint8Array) => {
          if (isUpdateFrame(frame)) sent += 1;
          send(frame);
        }) as WebSocket["send"];
      }
    }
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, room, doc, {
      WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: options.acks ? { acks: "1" } : {},
    });
    jitterReconnects(provider); // as the browser does
    // Registered on every client: one that did not ask for acknowledgements must never get one.
    provider.messageHandlers[100] = (_encoder, decoder) => {
      acks.push(decoding.readVarUint(decoder));
    };
    const events: string[] = [];
    provider.messageHandlers[101] = (_encoder, decoder) => {
      events.push(decoding.readVarString(decoder));
    };
    const closes: Close[] = [];
    provider.on("connection-close", (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason, at: Date.now() });
    });
    const client: Client = {
      doc,
      text: doc.getText("t"),
      provider,
      sentUpdates: () => sent,
      acks,
      events,
      closes,
      destroy: () => {
        provider.destroy();
        this.all.delete(client);
      },
    };
    this.all.add(client);
    return client;
  }

  destroyAll() {
    for (const client of [...this.all]) client.destroy();
  }
}

/** The full y-websocket URL of a room. */
export function roomUrl(server: ChildServer, room: string): string {
  return `ws://127.0.0.1:${server.port}/collab/${room}`;
}

/**
 * Attempts an upgrade; resolves with 101 when the socket opened (it is closed again at once),
 * otherwise with the HTTP status of the refusal.
 */
export function upgradeStatus(
  server: ChildServer,
  room: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(roomUrl(server, room), { headers });
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on("error", (error) => {
      // After an unexpected response ws reports the aborted request too; that is settled.
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** A raw socket with a session cookie, open. */
export function openSocket(server: ChildServer, room: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(roomUrl(server, room), { headers: { Cookie: cookie } });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
    ws.once("error", reject);
  });
}

/** Resolves with the close code of a raw socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error("already closed"));
  return new Promise((resolve) => ws.once("close", (code) => resolve(code)));
}

/**
 * Posts a form as the browser does (same-origin, with the session cookie); `at` is when the
 * response arrived.
 */
export async function postForm(
  server: ChildServer,
  pathname: string,
  cookie: string,
  form: Record<string, string>,
): Promise<{ status: number; at: number }> {
  const res = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      Cookie: cookie,
    },
    body: new URLSearchParams(form),
  });
  const at = Date.now();
  await res.arrayBuffer();
  return { status: res.status, at };
}

/** The document as stored: the compacted state plus every logged update. */
export async function storedDoc(db: Db, room: string): Promise<Y.Doc> {
  const outcome = await db.outcome.findUniqueOrThrow({ where: { id: room } });
  const doc = new Y.Doc();
  if (outcome.ydocState) Y.applyUpdate(doc, new Uint8Array(outcome.ydocState));
  // Rows already folded into the state change nothing when applied again.
  const logged = await db.outcomeUpdate.findMany({
    where: { outcomeId: room },
    orderBy: { id: "asc" },
  });
  for (const u of logged) Y.applyUpdate(doc, new Uint8Array(u.update));
  return doc;
}

/** A subgroup of the demo community by one of its members: its id, its document and members. */
export async function subgroupOf(db: Db, email: string) {
  const membership = await db.subgroupMembership.findFirstOrThrow({
    where: { user: { email } },
    include: { subgroup: { include: { outcome: true, members: { include: { user: true } } } } },
  });
  const { subgroup } = membership;
  return {
    id: subgroup.id,
    room: subgroup.outcome!.id,
    members: subgroup.members.map((m) => ({ id: m.user.id, email: m.user.email })),
  };
}
