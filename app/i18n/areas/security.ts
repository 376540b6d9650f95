// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: hardening: the general rate limit on state-changing requests (HTTP 429) and the page
// that offers to send a refused form again.
export const nl = {
  "server.tooManyRequests":
    "Je hebt in korte tijd te veel verstuurd. Wacht {seconds} seconden en probeer het dan opnieuw.",
  "error.tooManyRequestsTitle": "Even wachten",
  "error.tooManyRequestsBody":
    "Je hebt in korte tijd te veel verstuurd. Wacht even en probeer het dan opnieuw.",
  "error.resendKept":
    "Wat je net verstuurde is niet verloren: met de knop hieronder verstuur je het opnieuw.",
  "error.resend": "Opnieuw versturen",
  "error.resendIn": "Opnieuw versturen kan over {seconds} seconden.",
  "error.backToPage": "Terug naar de pagina",
};

export const en: Record<keyof typeof nl, string> = {
  "server.tooManyRequests":
    "You have sent too much in a short time. Wait {seconds} seconds and then try again.",
  "error.tooManyRequestsTitle": "Please wait a moment",
  "error.tooManyRequestsBody":
    "You have sent too much in a short time. Wait a moment and then try again.",
  "error.resendKept": "What you just sent is not lost: the button below sends it again.",
  "error.resend": "Send again",
  "error.resendIn": "You can send it again in {seconds} seconds.",
  "error.backToPage": "Back to the page",
};
