// Resource route for a member's consent to be named with the subgroup's outcome in the
// magazine (SubgroupMembership.creditConsentAt). GET: the own setting; POST: change it. Only
// the member themself: anyone else in the circle gets { member: false }, outsiders a 403/404.
import { data } from "react-router";
import { z } from "zod";
import { getCreditConsent, setCreditConsent } from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId_.credit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "subgroup.view", {
    kind: "subgroup",
    id: params.subgroupId,
  });
  const own = await getCreditConsent(params.subgroupId, context.session!.user.id);
  return { member: own !== null, consent: own?.consent ?? false };
}

const schema = z.object({ consent: z.enum(["on"]).optional() });

export async function action({ request, params, context }: Route.ActionArgs) {
  await authorize({ request, context }, "subgroup.view", {
    kind: "subgroup",
    id: params.subgroupId,
  });
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ member: true, consent: false, error: true }, { status: 400 });
  const userId = context.session!.user.id;
  const consent = parsed.data.consent === "on";
  const member = await setCreditConsent(params.subgroupId, userId, consent);
  if (!member) return data({ member: false, consent: false, error: true }, { status: 403 });
  return { member: true, consent, saved: true };
}
