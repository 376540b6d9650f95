// The organiser's preview: the draft as it would be published now, rendered with exactly the
// web edition's components (the whole edition on one page, like the print page).
import { Link, useLoaderData } from "react-router";
import { EditionPrint } from "~/components/magazine";
import { useT } from "~/i18n";
import { buildSnapshot } from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import magazineStyles from "~/styles/magazine.css?url";
import { db } from "~/utils/db.server";
import type { Route } from "./+types/communities.$slug_.manage_.magazine.$editionId.preview";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: magazineStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "magazine.manage", {
    kind: "community",
    slug: params.slug,
  });
  const edition = await db.magazineEdition.findFirst({
    where: { id: params.editionId, communityId: permission.communityId! },
    select: { id: true },
  });
  if (!edition) throw new Response(null, { status: 404 });
  return { snapshot: await buildSnapshot(edition.id), slug: params.slug };
}

export default function PreviewEdition() {
  const t = useT();
  const { snapshot, slug } = useLoaderData<typeof loader>();
  return (
    <div data-testid="preview">
      <title>{`${t("magazine.preview")}: ${snapshot.title}`}</title>
      <p className="magazine-draft-note" role="note">
        {t("magazine.previewNote")}{" "}
        <Link to={`/communities/${slug}/manage/magazine/${snapshot.editionId}`}>
          {t("magazine.previewBack")}
        </Link>
      </p>
      <EditionPrint snapshot={snapshot} />
    </div>
  );
}
