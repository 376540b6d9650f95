import { authorize } from "~/models/permissions.server";
import { db } from "~/utils/db.server";
import { redis } from "~/utils/redis.server";
import type { Route } from "./+types/healthz";

/**
 * Liveness and database reachability, for load balancers and the start script. With several
 * nodes it also says whether Redis is reachable; a node without Redis still serves (it re-reads
 * the database instead), so that alone does not make it unhealthy.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  try {
    await db.user.count({ take: 1 });
    const client = redis();
    const body = client ? { ok: true, redis: client.status === "ready" } : { ok: true };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
