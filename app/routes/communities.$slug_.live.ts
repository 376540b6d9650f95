// Resource route: the live stream (Server-Sent Events) of a community's pages: the plenary page
// and the questions board reload their data when an event arrives (decision 012). For everybody
// registered for the community (plenary.view). EventSource does not follow a sign-in redirect
// usefully, so refusals are plain statuses: 401 signed out, 403 not registered, 404 unknown.
import { data } from "react-router";
import { checkPermission } from "~/models/permissions.server";
import { communityEventStream } from "~/utils/event-stream.server";
import type { Route } from "./+types/communities.$slug_.live";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = context.session;
  const permission = await checkPermission(session?.user.id ?? null, "plenary.view", {
    kind: "community",
    slug: params.slug,
  });
  if (!permission.found || (!permission.allowed && permission.conditions.published === false))
    throw data(null, { status: 404 });
  if (!session) throw data(null, { status: 401 });
  if (!permission.allowed || !permission.communityId) throw data(null, { status: 403 });
  return communityEventStream(
    permission.communityId,
    { userId: session.user.id, sessionId: session.id },
    request.signal,
  );
}
