import { authorize } from "~/models/permissions.server";
import { exportUserData } from "~/models/privacy.server";
import type { Route } from "./+types/me_.data[.json]";

/** Everything Werkplaats keeps about the signed-in person, as a JSON download (AVG art. 15/20). */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "account.view", { kind: "site" });
  const data = await exportUserData(context.session!.user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="werkplaats-mijn-gegevens.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
