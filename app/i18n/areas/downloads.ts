// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: downloads: a single outcome as PDF, Markdown, HTML or DOCX, and the edition PDF.
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
