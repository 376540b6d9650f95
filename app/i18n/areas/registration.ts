// Messages of one area of the app, in both languages. nl.ts and en.ts merge every area, so the
// keys are ordinary message keys (t("...")). en must have exactly nl's keys (type-checked).
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
