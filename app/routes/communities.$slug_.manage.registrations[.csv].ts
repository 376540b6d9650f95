import { stringify } from "csv-stringify/sync";
import { authorize } from "~/models/permissions.server";
import { listRegistrations, readRegistrationFilter } from "~/models/registration.server";
import { getTranslator } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { Route } from "./+types/communities.$slug_.manage.registrations[.csv]";

/** The (filtered) registration list as CSV for spreadsheets: UTF-8 with BOM, semicolons (Dutch Excel). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "registration.viewAll", {
    kind: "community",
    slug: params.slug,
  });
  const t = getTranslator(request, context);
  const community = await db.community.findUniqueOrThrow({
    where: { id: permission.communityId },
    select: { slug: true },
  });
  const rows = await listRegistrations(
    permission.communityId!,
    readRegistrationFilter(new URL(request.url).searchParams),
  );
  const csv = stringify(
    rows.map((r) => [
      r.name,
      r.email,
      r.organisation,
      r.function,
      r.theme ?? t("register.plenaryOnly"),
      r.status,
      r.position ?? "",
      r.subgroup ?? "",
      r.createdAt.toISOString(),
      r.withdrawnAt?.toISOString() ?? "",
    ]),
    {
      delimiter: ";",
      bom: true,
      header: true,
      columns: [
        t("registrations.name"),
        t("registrations.email"),
        t("registrations.organisation"),
        t("registrations.function"),
        t("registrations.choice"),
        t("registrations.status"),
        "wachtlijstplaats",
        t("registrations.subgroup"),
        t("registrations.registeredAt"),
        "afgemeld",
      ],
      // Cells starting with =, +, - or @ are prefixed so spreadsheets never run them as formulas.
      cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
    },
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="aanmeldingen-${community.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
