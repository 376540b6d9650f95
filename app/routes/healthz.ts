import { requirePermission } from "~/models/permissions.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { Route } from "./+types/healthz";

/** Liveness and database reachability, for load balancers and the start script. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, getUser(context)?.id ?? null, "site.view", { kind: "site" });
  try {
    await db.user.count({ take: 1 });
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
