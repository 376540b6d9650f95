// The cover image of an edition (same access as the web edition), cached: its URL carries the
// image's hash (?v=), so a new image is a new URL.
import { data } from "react-router";
import { findEdition, getCover } from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import type { Route } from "./+types/magazine.$community.$edition_.cover";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const edition = await findEdition(params.community, params.edition);
  if (!edition) throw data(null, { status: 404 });
  await authorize({ request, context }, "magazine.read", { kind: "edition", id: edition.id });
  const cover = await getCover(edition.id);
  if (!cover?.coverImage || !cover.coverImageType) throw data(null, { status: 404 });
  const published = edition.status === "published";
  return new Response(new Uint8Array(cover.coverImage), {
    headers: {
      "Content-Type": cover.coverImageType,
      "Content-Length": String(cover.coverImage.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": published ? "public, max-age=86400" : "private, no-cache",
    },
  });
}
