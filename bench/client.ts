// A load-generator process (forked by bench/index.ts, commands over IPC): stock y-websocket
// clients (`WebsocketProvider` from the y-websocket package the app uses) on loopback. Every room
// lives in exactly one such process, so senders and receivers of an edit share one clock.
//
// Commands: connect (D rooms × C clients, all synced; each client may have a URL of its own, i.e.
// another node), run (edits at R/s per client, latency measured at every receiver),
// traceRead/traceWrite/traceAwait (replay an editing trace: the writer and the reader are
// separate processes), firstSync (time to the first sync of a stored document),
// typeOnce/mark/rejoin (a reconnect storm: every client types a character, the node dies, every
// client's way back is timed), close.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import zlib from "node:zlib";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { jitterReconnects } from "~/editor/reconnect";
import { now, sleep } from "./cli";

/** Milliseconds on the wall-clock scale, sub-millisecond resolution (same machine, same process). */

// Every provider registers a process 'exit' listener; thousands of them are expected here.
process.setMaxListeners(0);

export type ConnectTimes = {
  created: number;
  open?: number;
  step2?: number;
  synced?: number;
  /** Sockets created, and HTTP 503 answers to them, since the last `mark` (reconnect storms). */
  attempts: number;
  http503: number;
  /** The last time the provider became synced (first sync or after a reconnect). */
  lastSynced?: number;
};

type Client = {
  index: number;
  room: string;
  /** The base URL it connected to (which node, when there are several). */
  url: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  lat: Y.Map<Stamp>;
  times: ConnectTimes;
};
type Stamp = { s: number; t: number };

export type ClientErrors = {
  connectionErrors: number;
  /** Connections closed after they had opened (the client reconnects by itself). */
  disconnects: number;
  closeCodes: Record<string, number>;
  /** Clients that never synced within the connect timeout. */
  notSynced: number;
};

const errors: ClientErrors = { connectionErrors: 0, disconnects: 0, closeCodes: {}, notSynced: 0 };

/**
 * A stock provider whose socket sends `cookie` (as a browser would) and records its timings;
 * with `jitter`, it backs off as the app's providers do (app/editor/reconnect.ts), otherwise
 * with the stock schedule (min(2^n × 100 ms, 2.5 s), the same for every client).
 */
function connect(url: string, room: string, cookie: string | null, doc: Y.Doc, jitter = false) {
  const times: ConnectTimes = { created: now(), attempts: 0, http503: 0 };
  class BenchSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { Cookie: cookie } } : {});
      times.created = now();
      times.open = undefined;
      times.step2 = undefined;
      times.attempts += 1;
      // A refused upgrade ("Unexpected server response: 503") is an error event on the socket.
      this.on("error", (error: Error) => {
        if (/\b503\b/.test(error.message)) times.http503 += 1;
      });
      // Registered before the provider's own handlers, so these run first.
      this.addEventListener("open", () => {
        times.open = now();
      });
      this.addEventListener("message", (event) => {
        if (times.step2 !== undefined) return;
        const data = event.data as ArrayBuffer | Buffer;
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data, 0, 2) : data;
        if (bytes[0] === 0 && bytes[1] === 1) times.step2 = now();
      });
    }
  }
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: BenchSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (jitter) jitterReconnects(provider);
  provider.on("sync", (synced: boolean) => {
    if (!synced) return;
    const t = now();
    times.synced ??= t;
    times.lastSynced = t;
  });
  provider.on("connection-error", () => {
    errors.connectionErrors += 1;
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    errors.disconnects += 1;
    const code = String(event?.code ?? "local");
    errors.closeCodes[code] = (errors.closeCodes[code] ?? 0) + 1;
  });
  return { provider, times };
}

const clients: Client[] = [];

function errorsSince(start: ClientErrors): ClientErrors {
  const closeCodes: Record<string, number> = {};
  for (const [code, n] of Object.entries(errors.closeCodes)) {
    const delta = n - (start.closeCodes[code] ?? 0);
    if (delta > 0) closeCodes[code] = delta;
  }
  return {
    connectionErrors: errors.connectionErrors - start.connectionErrors,
    disconnects: errors.disconnects - start.disconnects,
    closeCodes,
    notSynced: clients.filter((c) => !c.provider.synced).length,
  };
}

async function until(check: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) return false;
    await sleep(stepMs);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// connect + run: the load generator

type ConnectCommand = {
  cmd: "connect";
  url: string;
  /** `urls`, when given, is each client's own base URL (else `url`): clients on several nodes. */
  rooms: { room: string; cookies: (string | null)[]; urls?: string[] }[];
  /** Connections being opened at once by this process. */
  concurrency: number;
  timeoutMs: number;
  /** Jittered exponential backoff on reconnect (the app's), instead of the stock one. */
  jitter?: boolean;
};

async function connectAll(command: ConnectCommand) {
  const started = now();
  const queue: { room: string; cookie: string | null; url: string }[] = [];
  for (const { room, cookies, urls } of command.rooms)
    cookies.forEach((cookie, i) => {
      queue.push({ room, cookie, url: urls?.[i] ?? command.url });
    });
  let next = 0;
  const deadline = Date.now() + command.timeoutMs;
  const open = async () => {
    while (next < queue.length && Date.now() < deadline) {
      const { room, cookie, url } = queue[next] as (typeof queue)[number];
      const index = next++;
      const doc = new Y.Doc();
      const { provider, times } = connect(url, room, cookie, doc, command.jitter);
      const client: Client = {
        index,
        room,
        url,
        doc,
        provider,
        times,
        text: doc.getText("t"),
        lat: doc.getMap<Stamp>("lat"),
      };
      clients.push(client);
      byKey.set(String(index), client);
      watch(client);
      await until(() => provider.synced, Math.max(0, deadline - Date.now()), 5);
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, open));
  const synced = clients.filter((c) => c.provider.synced).length;
  errors.notSynced = clients.length - synced;
  const connectMs = clients
    .filter((c) => c.times.synced !== undefined)
    .map((c) => (c.times.synced as number) - c.times.created);
  return { type: "connected", clients: clients.length, synced, ms: now() - started, connectMs };
}

type RunCommand = {
  cmd: "run";
  /** Edits per second per client. */
  rate: number;
  startAt: number;
  measureFrom: number;
  measureTo: number;
  stopAt: number;
  drainMs: number;
};

type RunState = {
  measureFrom: number;
  measureTo: number;
  samples: Float32Array;
  /** When each sample's edit was sent, in ms after measureFrom. */
  sentAt: Float32Array;
  /** 1 when the sample's sender was connected to another URL (node) than its receiver. */
  crossNode: Uint8Array;
  count: number;
  received: number;
  duplicates: number;
  skipped: number;
};
let current: RunState | null = null;

/** Every remote edit a client receives: its latency, from the sender's stamp in the edit. */
/** Clients by the key they stamp their edits with (their index). */
const byKey = new Map<string, Client>();

function watch(client: Client) {
  const last = new Map<string, number>();
  client.lat.observe((event, transaction) => {
    const state = current;
    if (transaction.local || !state) return;
    const at = now();
    for (const key of event.keysChanged) {
      const stamp = client.lat.get(key);
      if (!stamp) continue;
      const previous = last.get(key) ?? 0;
      if (stamp.s <= previous) {
        state.duplicates += 1;
        continue;
      }
      // A sequence gap: edits of that sender this client never saw on their own.
      state.skipped += stamp.s - previous - 1;
      last.set(key, stamp.s);
      state.received += 1;
      if (stamp.t < state.measureFrom || stamp.t >= state.measureTo) continue;
      if (state.count === state.samples.length) {
        const bigger = new Float32Array(state.samples.length * 2);
        bigger.set(state.samples);
        state.samples = bigger;
        const biggerAt = new Float32Array(state.sentAt.length * 2);
        biggerAt.set(state.sentAt);
        state.sentAt = biggerAt;
        const biggerCross = new Uint8Array(state.crossNode.length * 2);
        biggerCross.set(state.crossNode);
        state.crossNode = biggerCross;
      }
      state.crossNode[state.count] = byKey.get(key)?.url === client.url ? 0 : 1;
      state.sentAt[state.count] = stamp.t - state.measureFrom;
      state.samples[state.count++] = at - stamp.t;
    }
  });
}

/** Per client: the sequence number of its last edit (runs continue where the last one ended). */
const seqOf = new Map<Client, number>();

async function run(command: RunCommand) {
  const { rate, startAt, measureFrom, measureTo, stopAt } = command;
  const state: RunState = {
    measureFrom,
    measureTo,
    samples: new Float32Array(1 << 16),
    sentAt: new Float32Array(1 << 16),
    crossNode: new Uint8Array(1 << 16),
    count: 0,
    received: 0,
    duplicates: 0,
    skipped: 0,
  };
  current = state;
  const errorsAtStart = structuredClone(errors);
  let sent = 0;
  let sentInWindow = 0;
  /** Receivers per room at the end of the window (expected deliveries = sent × receivers). */
  const receiversOf = new Map<string, number>();
  const sentInWindowBy = new Map<string, number>();

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const period = 1000 / rate;
  for (const client of clients) {
    const key = String(client.index);
    let due = startAt + Math.random() * period;
    const tick = () => {
      const t = now();
      if (t >= stopAt) return;
      if (client.provider.synced) {
        const seq = (seqOf.get(client) ?? 0) + 1;
        seqOf.set(client, seq);
        client.doc.transact(() => {
          client.text.insert(Math.floor(Math.random() * (client.text.length + 1)), "x");
          client.lat.set(key, { s: seq, t });
        });
        sent += 1;
        if (t >= measureFrom && t < measureTo) {
          sentInWindow += 1;
          sentInWindowBy.set(client.room, (sentInWindowBy.get(client.room) ?? 0) + 1);
        }
      }
      due += period;
      // A client that fell behind skips the edits it missed rather than bursting them.
      while (due < t) due += period;
      setTimeout(tick, due - now());
    };
    setTimeout(tick, Math.max(0, due - now()));
  }

  await sleep(Math.max(0, measureFrom - now()));
  loopDelay.enable();
  const cpuAtFrom = process.cpuUsage();
  await sleep(Math.max(0, measureTo - now()));
  loopDelay.disable();
  const cpuWindow = process.cpuUsage(cpuAtFrom);
  for (const c of clients)
    if (c.provider.synced) receiversOf.set(c.room, (receiversOf.get(c.room) ?? 0) + 1);
  await sleep(Math.max(0, stopAt - now()) + command.drainMs);
  current = null;

  let expected = 0;
  for (const [room, n] of sentInWindowBy)
    expected += n * Math.max(0, (receiversOf.get(room) ?? 1) - 1);
  return {
    type: "result",
    samples: state.samples.slice(0, state.count),
    sentAt: state.sentAt.slice(0, state.count),
    crossNode: state.crossNode.slice(0, state.count),
    sent,
    sentInWindow,
    expected,
    received: state.received,
    duplicates: state.duplicates,
    skipped: state.skipped,
    errors: errorsSince(errorsAtStart),
    loopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    cpuMs: (cpuWindow.user + cpuWindow.system) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// reconnect storm: typeOnce before, mark just before the node is killed, rejoin after

/** Each room's text once every client typed its character (what must be there afterwards). */
const beforeStorm = new Map<string, string>();
let stormMark = 0;
let errorsAtMark: ClientErrors = structuredClone(errors);

const roomsOf = () => {
  const rooms = new Map<string, Client[]>();
  for (const c of clients) {
    const list = rooms.get(c.room);
    if (list) list.push(c);
    else rooms.set(c.room, [c]);
  }
  return rooms;
};

/** Every client types one character; waits until each room's clients all have all of them. */
async function typeOnce(command: { timeoutMs: number }) {
  const rooms = roomsOf();
  const expected = new Map<string, number>();
  for (const [room, list] of rooms) {
    expected.set(room, (list[0] as Client).text.length + list.length);
    for (const c of list) c.text.insert(0, String.fromCharCode(97 + (c.index % 26)));
  }
  const converged = () =>
    [...rooms].every(([room, list]) => {
      const text = (list[0] as Client).text.toString();
      return text.length === expected.get(room) && list.every((c) => c.text.toString() === text);
    });
  const ok = await until(converged, command.timeoutMs, 50);
  beforeStorm.clear();
  for (const [room, list] of rooms) beforeStorm.set(room, (list[0] as Client).text.toString());
  return { type: "typed", rooms: rooms.size, converged: ok };
}

function mark() {
  stormMark = now();
  errorsAtMark = structuredClone(errors);
  for (const c of clients) {
    c.times.attempts = 0;
    c.times.http503 = 0;
  }
  return { type: "marked", at: stormMark };
}

const back = (c: Client) =>
  c.provider.synced && c.times.lastSynced !== undefined && c.times.lastSynced > stormMark;

/** Waits until every client is synced again after the mark; what each went through. */
async function rejoin(command: { timeoutMs: number }) {
  const allBack = await until(() => clients.every(back), command.timeoutMs, 10);
  const n = clients.length;
  const syncedAt = new Float64Array(n).fill(Number.NaN);
  /** When the socket that made it back was created (NaN: not back). */
  const lastAttemptAt = new Float64Array(n).fill(Number.NaN);
  /** When that socket opened (TCP connected, upgrade admitted, authorised, accepted). */
  const openAt = new Float64Array(n).fill(Number.NaN);
  const attempts = new Uint32Array(n);
  const http503 = new Uint32Array(n);
  let textWrong = 0;
  clients.forEach((c, i) => {
    attempts[i] = c.times.attempts;
    http503[i] = c.times.http503;
    if (!back(c)) return;
    syncedAt[i] = c.times.lastSynced as number;
    lastAttemptAt[i] = c.times.created;
    openAt[i] = c.times.open ?? Number.NaN;
    if (c.text.toString() !== beforeStorm.get(c.room)) textWrong += 1;
  });
  return {
    type: "rejoined",
    allBack,
    clients: n,
    syncedAt,
    lastAttemptAt,
    openAt,
    attempts,
    http503,
    textWrong,
    errors: errorsSince(errorsAtMark),
  };
}

// ---------------------------------------------------------------------------------------------
// trace: one writer process types the trace, one reader process receives it

type Trace = { endContent: string; txns: { patches: [number, number, string][] }[] };

type TraceReadCommand = { cmd: "traceRead"; url: string; room: string; cookie: string | null };
type TraceAwaitCommand = { cmd: "traceAwait"; expected: string; timeoutMs: number };
type TraceWriteCommand = {
  cmd: "traceWrite";
  url: string;
  room: string;
  cookie: string | null;
  file: string;
  /** Replay only the first `limit` edits (quick runs); 0 = all. */
  limit: number;
  /** Edits typed per macrotask before yielding to I/O. */
  chunk: number;
};

let reader: { provider: WebsocketProvider; text: Y.Text; lastChangeAt: number } | null = null;

/** Connects the reader and records when its text last changed. */
async function traceRead(command: TraceReadCommand) {
  const doc = new Y.Doc();
  const { provider } = connect(command.url, command.room, command.cookie, doc);
  const text = doc.getText("t");
  reader = { provider, text, lastChangeAt: 0 };
  const current = reader;
  text.observe(() => {
    current.lastChangeAt = now();
  });
  if (!(await until(() => provider.synced, 30_000))) throw new Error("trace reader did not sync");
  return { type: "reading" };
}

/** Waits until the reader's text is `expected`; its convergence is the last change before. */
async function traceAwait(command: TraceAwaitCommand) {
  const r = reader;
  if (!r) throw new Error("no reader");
  const same = () =>
    r.text.length === command.expected.length && r.text.toString() === command.expected;
  const converged = await until(same, command.timeoutMs, 5);
  const result = {
    type: "traceRead",
    converged,
    convergedAt: converged ? r.lastChangeAt : null,
    readerOk: same(),
    readerLength: r.text.length,
    // Copied before our own close below, which is not an error.
    errors: structuredClone(errors),
  };
  r.provider.destroy();
  reader = null;
  return result;
}

async function traceWrite(command: TraceWriteCommand) {
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(command.file)).toString()) as Trace;
  const all = trace.txns.flatMap((t) => t.patches);
  const edits = command.limit > 0 ? all.slice(0, command.limit) : all;
  const doc = new Y.Doc();
  const writer = connect(command.url, command.room, command.cookie, doc);
  if (!(await until(() => writer.provider.synced, 30_000)))
    throw new Error("trace writer did not sync");
  const text = doc.getText("t");
  const initialLength = text.length;

  const t0 = now();
  for (let i = 0; i < edits.length; i += command.chunk) {
    const end = Math.min(edits.length, i + command.chunk);
    for (let j = i; j < end; j++) {
      const [pos, del, ins] = edits[j] as [number, number, string];
      // One transaction per edit, as a typist makes them: one update, one message each.
      doc.transact(() => {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      });
    }
    await new Promise((r) => setImmediate(r));
  }
  const typedAt = now();
  // Everything handed to the socket has been written to it.
  const socket = writer.provider.ws;
  await until(() => !socket || socket.bufferedAmount === 0, 60_000, 1);
  const sentAt = now();
  const final = text.toString();
  const full = edits.length === all.length && initialLength === 0;
  const result = {
    type: "traceWritten",
    edits: edits.length,
    full,
    t0,
    typeMs: typedAt - t0,
    sentMs: sentAt - t0,
    writerOk: full ? final === trace.endContent : true,
    expected: full ? trace.endContent : final,
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
    errors,
  };
  // Stays connected until the reader has it all (the reference echoes every update back).
  writerProvider = writer.provider;
  return result;
}

let writerProvider: WebsocketProvider | null = null;

// ---------------------------------------------------------------------------------------------
// firstSync: a new client opens a stored document

type SyncDoc = {
  label: string;
  /** The text length a synced client must have (checked for every sample). */
  expectedLength: number;
  /** Rooms that hold the stored document and are not loaded yet (ours only). */
  cold: { room: string; cookie: string | null }[];
  /** A room kept open by a holder client; the reference gets the document from its `seed`. */
  warm: { room: string; cookie: string | null; seed: Uint8Array | null; reps: number };
};

type FirstSyncCommand = { cmd: "firstSync"; url: string; docs: SyncDoc[] };

async function openOnce(url: string, room: string, cookie: string | null) {
  const doc = new Y.Doc();
  const { provider, times } = connect(url, room, cookie, doc);
  const ok = await until(() => times.synced !== undefined, 30_000, 1);
  const textLength = doc.getText("t").length;
  const state = Y.encodeStateAsUpdate(doc);
  provider.destroy();
  doc.destroy();
  if (!ok || times.open === undefined || times.step2 === undefined || times.synced === undefined)
    return null;
  // The client's own share of "synced": applying the received state to an empty document.
  const applyStart = now();
  Y.applyUpdate(new Y.Doc(), state);
  const clientApplyMs = now() - applyStart;
  return {
    connectMs: times.open - times.created,
    openToStep2Ms: times.step2 - times.open,
    createdToStep2Ms: times.step2 - times.created,
    openToSyncedMs: times.synced - times.open,
    clientApplyMs,
    textLength,
    stateBytes: state.byteLength,
  };
}

async function firstSync(command: FirstSyncCommand) {
  const docs = [];
  for (const target of command.docs) {
    const cold = [];
    for (const { room, cookie } of target.cold) {
      cold.push(await openOnce(command.url, room, cookie));
      await sleep(300);
    }
    const holderDoc = new Y.Doc();
    if (target.warm.seed) Y.applyUpdate(holderDoc, target.warm.seed);
    const holder = connect(command.url, target.warm.room, target.warm.cookie, holderDoc);
    await until(() => holder.provider.synced, 30_000);
    // The holder's own state reaches the server right after the sync (seeded reference rooms).
    await sleep(1_000);
    const warm = [];
    for (let i = 0; i < target.warm.reps; i++) {
      warm.push(await openOnce(command.url, target.warm.room, target.warm.cookie));
      await sleep(300);
    }
    holder.provider.destroy();
    const samples = [...cold, ...warm];
    docs.push({
      label: target.label,
      cold,
      warm,
      contentOk: samples.every((x) => x !== null && x.textLength === target.expectedLength),
    });
  }
  return { type: "firstSync", docs };
}

// ---------------------------------------------------------------------------------------------

type Command =
  | ConnectCommand
  | RunCommand
  | TraceReadCommand
  | TraceAwaitCommand
  | TraceWriteCommand
  | FirstSyncCommand
  | { cmd: "typeOnce"; timeoutMs: number }
  | { cmd: "mark" }
  | { cmd: "rejoin"; timeoutMs: number }
  | { cmd: "stats" }
  | { cmd: "close" };

const reply = (message: unknown) =>
  new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));

process.on("message", (message: Command) => {
  const handle = async (): Promise<unknown> => {
    switch (message.cmd) {
      case "connect":
        return connectAll(message);
      case "run":
        return run(message);
      case "traceRead":
        return traceRead(message);
      case "traceAwait":
        return traceAwait(message);
      case "traceWrite":
        return traceWrite(message);
      case "firstSync":
        return firstSync(message);
      case "typeOnce":
        return typeOnce(message);
      case "mark":
        return mark();
      case "rejoin":
        return rejoin(message);
      case "stats":
        return {
          type: "stats",
          synced: clients.filter((c) => c.provider.synced).length,
          errors,
        };
      case "close":
        for (const c of clients) c.provider.destroy();
        writerProvider?.destroy();
        reader?.provider.destroy();
        setTimeout(() => process.exit(0), 200);
        return { type: "closed" };
    }
  };
  handle().then(reply, (error: unknown) =>
    reply({ type: "error", message: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
void reply({ type: "ready" });
