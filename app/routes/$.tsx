import { authorize } from "~/models/permissions.server";
import type { Route } from "./+types/$";

/** Any unknown URL: a Dutch 404 page through the root error boundary. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  throw new Response(null, { status: 404 });
}

export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
