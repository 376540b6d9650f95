import { authorize } from "~/models/permissions.server";
import { db } from "~/utils/db.server";
import { collabStats, isLocalRequest } from "~/utils/runtime-stats.server";
import type { Route } from "./+types/healthz";

/**
 * Liveness and database reachability, for load balancers and the start script. Asked from this
 * machine itself with `?details=1`: also the open editor connections, loaded documents and the
 * process's memory (and `&gc=1` collects garbage first, when Node runs with --expose-gc, as the
 * soak test starts it).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const url = new URL(request.url);
  const details =
    url.searchParams.get("details") === "1" && isLocalRequest(context.clientIp, request.headers);
  try {
    await db.user.count({ take: 1 });
    if (!details) return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
    const gc = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.get("gc") === "1" && gc) {
      gc();
      gc();
    }
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    return Response.json(
      {
        ok: true,
        collab: collabStats(),
        memory: { rss, heapUsed, heapTotal, external, arrayBuffers },
        gc: Boolean(gc),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
