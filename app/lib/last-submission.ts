// The last form this browser tab submitted through React Router (a navigation or a fetcher), so
// that a submission the server refused for its rate limit (HTTP 429) can be sent again as it
// was: nothing the person typed is lost (app/root.tsx, the error boundary). Browser only.

export type Submission = {
  action: string;
  method: string;
  formData: FormData;
  /** Submitted through a fetcher (stays on the page) rather than as a navigation. */
  viaFetcher: boolean;
  at: number;
};

let last: Submission | null = null;

export function rememberSubmission(submission: Omit<Submission, "at">) {
  last = { ...submission, at: Date.now() };
}

/**
 * The submission that was just refused: the last one, if it was made in the last `withinMs`
 * (the refusal arrives within moments; an older one belongs to something else). Taken once.
 */
export function takeRecentSubmission(withinMs = 30_000): Submission | null {
  const recent = last && Date.now() - last.at <= withinMs ? last : null;
  last = null;
  return recent;
}
