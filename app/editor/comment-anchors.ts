// Comment anchors: a passage of the outcome document held as two Yjs relative positions, so it
// follows concurrent edits (text typed before it, inside it, around it). No browser imports: the
// editor plugin (comments.ts) and the Node tests use the same conversions.
//
// The start sticks to the passage's first character, the end to its last one, so text typed
// just before or just after the passage stays outside it. When every character of the passage
// is deleted, the range collapses: the thread shows its quote as "tekst verwijderd".

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
} from "@tiptap/y-tiptap";
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";

/** The largest encoded anchor we accept (a relative position is some 10–40 bytes). */
export const MAX_ANCHOR_LENGTH = 200;

/** The sync binding's map from Y types to ProseMirror nodes. */
export type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

export type Anchors = { anchorStart: string; anchorEnd: string };

/** Where a passage is now: a range, gone (all its text deleted), or not known yet. */
export type ResolvedAnchor = { from: number; to: number } | "deleted" | null;

function encode(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** Decodes a stored anchor; null for anything that is not a relative position. */
export function decodeAnchor(value: string): Y.RelativePosition | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_ANCHOR_LENGTH)
    return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(value));
    // A valid position names a type (root key or item) or an item.
    if (!position.item && !position.type && typeof position.tname !== "string") return null;
    return position;
  } catch {
    return null;
  }
}

/** Re-anchors a position inside a text to a character with the given association. */
function withAssociation(doc: Y.Doc, position: Y.RelativePosition, assoc: number) {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (absolute && absolute.type instanceof Y.XmlText)
    return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
  return position;
}

/**
 * The anchors of the ProseMirror range from..to in a document bound to `type` (a Y.XmlFragment)
 * through `mapping` (the sync binding's Y type → ProseMirror node mapping).
 */
export function anchorsForRange(
  type: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  from: number,
  to: number,
): Anchors {
  const doc = type.doc;
  if (!doc) throw new Error("The fragment is not part of a Y.Doc");
  const start = absolutePositionToRelativePosition(from, type, mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, type, mapping) as Y.RelativePosition;
  return {
    anchorStart: encode(withAssociation(doc, start, 0)),
    anchorEnd: encode(withAssociation(doc, end, -1)),
  };
}

/**
 * Where the anchored passage is in `pmDoc` (the ProseMirror document `mapping` belongs to).
 * "deleted" when nothing of it is left; null when the anchors cannot be resolved (yet).
 */
export function resolveAnchors(
  type: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  pmDoc: ProseMirrorNode,
  anchors: Anchors,
): ResolvedAnchor {
  const doc = type.doc;
  const start = decodeAnchor(anchors.anchorStart);
  const end = decodeAnchor(anchors.anchorEnd);
  if (!doc || !start || !end) return null;
  const from = relativePositionToAbsolutePosition(doc, type, start, mapping);
  const to = relativePositionToAbsolutePosition(doc, type, end, mapping);
  if (from === null || to === null) return "deleted";
  const size = pmDoc.content.size;
  const a = Math.max(0, Math.min(from, size));
  const b = Math.max(0, Math.min(to, size));
  if (b <= a || pmDoc.textBetween(a, b, " ").trim() === "") return "deleted";
  return { from: a, to: b };
}
