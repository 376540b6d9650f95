// The y-websocket wire protocol (as spoken by the stock `y-websocket` client): message type,
// then a y-protocols sync or awareness payload. Pure encoding/decoding, no I/O.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" };

/** Decodes one frame; throws on anything malformed (the caller closes that connection). */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1)
        return { kind: "syncStep1", stateVector: payload };
      if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      ) {
        return { kind: "update", update: payload };
      }
      throw new Error(`unknown sync message ${syncType}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: "queryAwareness" };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * Our one addition, sent only to clients that ask for it (`?acks=1`; stock clients never see
 * it): "the first N document updates you sent on this connection are stored". The browser
 * editor registers a handler for it and shows "Opgeslagen" only when everything it sent is.
 */
export const MESSAGE_SAVED = 100;

export function encodeSaved(storedUpdates: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, storedUpdates);
  return encoding.toUint8Array(encoder);
}

/**
 * Also only for clients that ask (`?acks=1`): "something around this document changed" (its
 * comments, review status, versions). The browser reloads that part; the topic is a short word.
 */
export const MESSAGE_OUTCOME_EVENT = 101;

export function encodeOutcomeEvent(topic: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_OUTCOME_EVENT);
  encoding.writeVarString(encoder, topic);
  return encoding.toUint8Array(encoder);
}

/** An awareness message that changes nothing: keeps an idle client's liveness check content. */
export function encodeKeepAlive(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  const empty = encoding.createEncoder();
  encoding.writeVarUint(empty, 0);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(empty));
  return encoding.toUint8Array(encoder);
}
