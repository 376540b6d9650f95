import { calendarResponse, personalCalendar, userForCalendarToken } from "~/models/calendar.server";
import { authorize } from "~/models/permissions.server";
import { mailOrigin } from "~/utils/request.server";
import type { Route } from "./+types/feeds.$token.werkplaats[.ics]";

/**
 * "My meetings" for calendar apps, which cannot sign in: the secret in the address identifies
 * the person (made on /me; a new one ends the old one). Unknown secrets get a plain 404.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "site.view", { kind: "site" });
  const user = await userForCalendarToken(params.token);
  if (!user) throw new Response(null, { status: 404 });
  const ics = await personalCalendar(user.id, {
    origin: mailOrigin(request),
    locale: user.locale === "en" ? "en" : "nl",
  });
  return calendarResponse(ics, "werkplaats.ics", true);
}
