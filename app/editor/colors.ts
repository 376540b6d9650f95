// Presence colours: one per person, shared by the server (page data) and the editor.

/** A colour per person, dark enough for white text (WCAG AA) and stable across visits. */
const COLORS = ["#b3261e", "#0b5394", "#1e6b34", "#7a3e9d", "#8a4b00", "#00676b", "#a11a5a"];

export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}
