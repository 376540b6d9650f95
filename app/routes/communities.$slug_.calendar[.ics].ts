import { calendarResponse, communityCalendar } from "~/models/calendar.server";
import { authorize } from "~/models/permissions.server";
import { getLocale } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { mailOrigin } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.calendar[.ics]";

/** The community's subscribable feed: every meeting; online links only for those who may see them. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.view", {
    kind: "community",
    slug: params.slug,
  });
  const community = await db.community.findUniqueOrThrow({
    where: { id: permission.communityId },
    select: { id: true, slug: true, name: true },
  });
  const ics = await communityCalendar(community.id, context.session?.user.id ?? null, {
    name: community.name,
    origin: mailOrigin(request),
    locale: getLocale(request, context),
  });
  return calendarResponse(ics, `${community.slug}.ics`, !!context.session);
}
