// The loader side of the web edition's pages: find the edition by its URL, ask the permissions
// module (drafts are 404 for everyone but its organisers), and answer from the stored snapshot.
import { type AppLoadContext, data } from "react-router";
import { findEdition, readableSnapshot } from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import { mailOrigin } from "~/utils/request.server";

export async function loadWebEdition(
  args: { request: Request; context: AppLoadContext },
  params: { community?: string; edition?: string },
) {
  const edition = await findEdition(params.community ?? "", params.edition ?? "");
  if (!edition) throw data(null, { status: 404 });
  await authorize(args, "magazine.read", { kind: "edition", id: edition.id });
  const { snapshot, hash, draft } = await readableSnapshot(edition);
  const signedIn = Boolean(args.context.session);
  return {
    snapshot,
    draft,
    origin: mailOrigin(args.request),
    headers: cacheHeaders(hash, draft || signedIn),
  };
}

/**
 * A published edition changes only when it is republished: its pages are cacheable, keyed by
 * the snapshot's hash. Pages for a signed-in visitor (the site header names them) and drafts
 * are private and revalidated every time.
 */
export function cacheHeaders(hash: string, personal: boolean): Record<string, string> {
  return {
    ETag: `W/"${hash}${personal ? "-p" : ""}"`,
    Vary: "Cookie",
    "Cache-Control": personal
      ? "private, no-cache"
      : "public, max-age=300, stale-while-revalidate=3600",
  };
}
