// Shared pieces of the version pages and the link on the subgroup page: a version's display
// name (meeting and automatic versions are named in the reader's language), its kind and time.
import { Link } from "react-router";
import { type MessageKey, type Translate, useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import type { VersionKind } from "~/lib/versions";

export type VersionInfo = {
  id: string;
  kind: VersionKind;
  name: string;
  meetingNumber: number | null;
  createdAt: Date;
  createdBy: string | null;
  contributors: string[];
};

export function versionName(t: Translate, v: Pick<VersionInfo, "kind" | "name" | "meetingNumber">) {
  if (v.kind === "meeting" && v.meetingNumber !== null)
    return t("versions.meetingName", { n: v.meetingNumber });
  if (v.kind === "auto") return t("versions.autoName");
  return v.name;
}

export function kindLabel(t: Translate, kind: VersionInfo["kind"]) {
  return t(`versions.kind.${kind}` as MessageKey);
}

export function VersionTime({ date }: { date: Date }) {
  const locale = useLocale();
  return (
    <time dateTime={new Date(date).toISOString()}>{formatDateTime(new Date(date), locale)}</time>
  );
}

/** "Versiegeschiedenis" beside the document, with the newest version's name and time. */
export function VersionHistoryLink({
  subgroupId,
  latest,
}: {
  subgroupId: string;
  latest: VersionInfo | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="version-history-link">
      <Link to={`/subgroups/${subgroupId}/versions`}>{t("versions.historyLink")}</Link>
      {latest ? (
        <span className="meta">
          {" "}
          {t("versions.latest", {
            name: versionName(t, latest),
            time: formatDateTime(new Date(latest.createdAt), locale),
          })}{" "}
          <Link to={`/subgroups/${subgroupId}/versions/compare?from=${latest.id}&to=current`}>
            {t("versions.changedSince")}
          </Link>
        </span>
      ) : null}
    </p>
  );
}
