import { authorize } from "~/models/permissions.server";
import { db } from "~/utils/db.server";
import type { Route } from "./+types/healthz";

/** Liveness and database reachability, for load balancers and the start script. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  try {
    await db.user.count({ take: 1 });
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
