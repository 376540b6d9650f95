// The cover image of an edition (same access as the web edition), cached: its URL carries the
// image's hash (?v=), so a new image is a new URL.
import { data } from "react-router";
import { coverHash, findEdition, getCover } from "~/models/magazine.server";
import { authorize, checkPermission } from "~/models/permissions.server";
import type { Route } from "./+types/magazine.$community.$edition_.cover";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const edition = await findEdition(params.community, params.edition);
  if (!edition) throw data(null, { status: 404 });
  await authorize({ request, context }, "magazine.read", { kind: "edition", id: edition.id });
  const cover = await getCover(edition.id);
  if (!cover?.coverImage || !cover.coverImageType) throw data(null, { status: 404 });
  const published = edition.status === "published";
  // Readers get only the cover the published edition froze: a replaced cover stays with the
  // organisers until the edition is published again.
  if (published && coverHash(cover.coverImage) !== frozenCoverHash(edition.snapshot)) {
    const manager = await checkPermission(context.session?.user.id ?? null, "magazine.manage", {
      kind: "edition",
      id: edition.id,
    });
    if (!manager.allowed) throw data(null, { status: 404 });
    return new Response(new Uint8Array(cover.coverImage), {
      headers: {
        "Content-Type": cover.coverImageType,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-cache",
      },
    });
  }
  return new Response(new Uint8Array(cover.coverImage), {
    headers: {
      "Content-Type": cover.coverImageType,
      "Content-Length": String(cover.coverImage.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": published ? "public, max-age=86400" : "private, no-cache",
    },
  });
}

function frozenCoverHash(snapshot: string | null): string | null {
  if (!snapshot) return null;
  try {
    return (JSON.parse(snapshot) as { cover?: { hash?: string } | null }).cover?.hash ?? null;
  } catch {
    return null;
  }
}
