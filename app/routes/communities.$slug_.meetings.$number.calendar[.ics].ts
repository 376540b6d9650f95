import { calendarResponse, meetingCalendar } from "~/models/calendar.server";
import { authorize } from "~/models/permissions.server";
import { getLocale } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { mailOrigin } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.meetings.$number.calendar[.ics]";

/** One meeting as an .ics file (with the online link for a signed-in registrant). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.view", {
    kind: "community",
    slug: params.slug,
  });
  const number = Number(params.number);
  const meeting = Number.isInteger(number)
    ? await db.meeting.findUnique({
        where: { communityId_number: { communityId: permission.communityId!, number } },
        select: { id: true, community: { select: { slug: true, name: true } } },
      })
    : null;
  if (!meeting) throw new Response(null, { status: 404 });
  const ics = await meetingCalendar(meeting.id, context.session?.user.id ?? null, {
    name: meeting.community.name,
    origin: mailOrigin(request),
    locale: getLocale(request, context),
  });
  return calendarResponse(
    ics!,
    `${meeting.community.slug}-bijeenkomst-${number}.ics`,
    !!context.session,
  );
}
