// Facts about outcome versions that both the pages and the server need.
export const VERSION_KINDS = ["meeting", "manual", "auto", "restore"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** Longest name a leader may give a version. */
export const MAX_VERSION_NAME = 100;
