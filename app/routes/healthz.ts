import { authorize } from "~/models/permissions.server";
import { db } from "~/utils/db.server";
import { redis } from "~/utils/redis.server";
import { collabStats, isLocalRequest } from "~/utils/runtime-stats.server";
import type { Route } from "./+types/healthz";

/**
 * Liveness and database reachability, for load balancers and the start script. With several
 * nodes it also says whether Redis is reachable; a node without Redis still serves (it re-reads
 * the database instead), so that alone does not make it unhealthy.
 *
 * Asked from this machine itself with `?details=1`: also the open editor connections, loaded
 * documents and the process's memory (and `&gc=1` collects garbage first, when Node runs with
 * --expose-gc, as the soak test starts it).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const url = new URL(request.url);
  const details =
    url.searchParams.get("details") === "1" && isLocalRequest(context.clientIp, request.headers);
  try {
    await db.user.count({ take: 1 });
    const client = redis();
    const body = client ? { ok: true, redis: client.status === "ready" } : { ok: true };
    if (!details) return Response.json(body, { headers: { "Cache-Control": "no-store" } });
    const gc = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.get("gc") === "1" && gc) {
      gc();
      gc();
    }
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    return Response.json(
      {
        ...body,
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
