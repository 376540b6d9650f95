// Allowed values of the string-typed domain columns (prisma/schema.prisma keeps them as
// strings so SQLite and PostgreSQL share one schema). Shared by browser and server.

export const COMMUNITY_KINDS = ["leergemeenschap", "ontwikkelgroep", "themacafe"] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** Community.registrationStatus: whether people can register at all. */
export const REGISTRATION_OPENINGS = ["open", "closed", "full"] as const;
export type RegistrationOpening = (typeof REGISTRATION_OPENINGS)[number];

export const FUNCTIONS = [
  "po",
  "vo",
  "swv",
  "jgz",
  "jeugdhulp",
  "leerplicht",
  "gemeente",
  "anders",
] as const;
export type ParticipantFunction = (typeof FUNCTIONS)[number];

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "withdrawn"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const MEETING_MODES = ["online", "venue"] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const AGENDA_PARTS = ["plenary", "theme"] as const;
export type AgendaPart = (typeof AGENDA_PARTS)[number];

export const GRANTED_ROLES = ["organiser", "facilitator"] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const OUTCOME_TYPES = [
  "handreiking",
  "stappenplan",
  "checklist",
  "praktijkvoorbeeld",
  "leeg",
] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export const OUTCOME_STATUSES = ["concept", "review", "approved", "published"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const QUESTION_STATUSES = ["open", "merged", "discussed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** What the organiser can put "on screen" on the plenary page. */
export const ON_SCREEN_KINDS = ["outcome", "question"] as const;
export type OnScreenKind = (typeof ON_SCREEN_KINDS)[number];

export const EDITION_STATUSES = ["draft", "published"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];
