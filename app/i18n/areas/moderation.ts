// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: the review flow of an outcome (review.*), the privacy guard (privacy.guard.*), the
// published version (published.*) and their e-mails (moderation.mail.*).
export const nl = {
  "review.title": "Status van de opbrengst",
  "review.status.concept": "Concept",
  "review.status.review": "Ter review",
  "review.status.approved": "Goedgekeurd",
  "review.status.published": "Gepubliceerd",
  "review.explain.concept":
    "De subgroep schrijft nog. Is de tekst klaar? Dien hem dan in voor review bij de gespreksleider.",
  "review.explain.review": "De tekst ligt bij de gespreksleider ter review.",
  "review.explain.approved":
    "De gespreksleider heeft de tekst goedgekeurd. Hij kan nu gepubliceerd worden voor het plenaire deel.",
  "review.explain.published": "De opbrengst is gepubliceerd en zichtbaar in het plenaire deel.",
  "review.publishedAs": "Gepubliceerd op {date} (publicatie {number}).",
  "review.viewPublished": "Bekijk de gepubliceerde versie",
  "review.changedSincePublication":
    "Wijzigingen na het publiceren zie je pas in het plenaire deel als de opbrengst opnieuw gepubliceerd wordt.",
  "review.action.submit": "Indienen voor review",
  "review.action.approve": "Goedkeuren",
  "review.action.publish": "Publiceren",
  "review.action.republish": "Opnieuw publiceren",
  "review.action.reopen": "Terug naar concept",
  "review.noteLabel": "Toelichting (optioneel)",
  "review.noteRequiredLabel": "Toelichting voor de subgroep (verplicht)",
  "review.noteHint": "Wat moet er nog gebeuren? De leden krijgen je toelichting in een melding.",
  "review.noteTooLong": "Schrijf de toelichting in hoogstens 1000 tekens.",
  "review.done.submit": "De opbrengst is ingediend voor review.",
  "review.done.approve": "De opbrengst is goedgekeurd.",
  "review.done.publish": "De opbrengst is gepubliceerd.",
  "review.done.reopen": "De opbrengst is terug in concept.",
  "review.problem.noteRequired": "Schrijf een toelichting: wat moet de subgroep nog doen?",
  "review.problem.wrongStatus":
    "Dat kan nu niet meer: de status is intussen veranderd. Bekijk de actuele status hieronder.",
  "review.problem.empty": "Een lege opbrengst kun je niet publiceren.",
  "review.problem.notFound": "Deze opbrengst bestaat niet meer.",
  "review.problem.privacy":
    "Dit kan nog niet: de tekst bevat {count} gegeven(s) die een leerling herkenbaar kunnen maken. Haal ze weg of laat de gespreksleider ze met een reden toestaan.",
  "review.problem.suggestions":
    "Dit kan nog niet: er staan nog {count} voorstel(len) open. Accepteer of wijs ze eerst af.",
  "review.history": "Verloop",
  "review.historyEmpty": "Nog geen stappen gezet.",
  "review.event.submit": "{actor} diende de tekst in voor review",
  "review.event.approve": "{actor} keurde de tekst goed",
  "review.event.publish": "{actor} publiceerde de tekst (publicatie {number})",
  "review.event.reopen": "{actor} zette de tekst terug naar concept",
  "review.event.lock": "{actor} vergrendelde de tekst",
  "review.event.unlock": "{actor} ontgrendelde de tekst",
  "review.event.override": "{actor} stond {value} toe",
  "review.someone": "Iemand",

  "privacy.guard.title": "Privacycontrole",
  "privacy.guard.none": "Geen gegevens gevonden die een leerling herkenbaar maken.",
  "privacy.guard.found":
    "Let op: deze tekst bevat gegevens die een leerling herkenbaar kunnen maken. Haal ze weg; zolang ze er staan, kan de opbrengst niet worden ingediend of gepubliceerd.",
  "privacy.guard.kind.bsn": "BSN",
  "privacy.guard.kind.phone": "telefoonnummer",
  "privacy.guard.kind.email": "e-mailadres",
  "privacy.guard.kind.iban": "IBAN",
  "privacy.guard.item": "{kind}: {value}",
  "privacy.guard.goTo": "Ga naar {kind} {value}",
  "privacy.guard.allowed": "toegestaan",
  "privacy.guard.allow": "Toch toestaan",
  "privacy.guard.allowLegend": "{kind} {value} toestaan",
  "privacy.guard.reasonLabel": "Reden (verplicht, komt in het logboek)",
  "privacy.guard.reasonHint":
    "Bijvoorbeeld: dit is het algemene nummer van de school, geen gegeven van een leerling.",
  "privacy.guard.reasonRequired": "Schrijf waarom dit gegeven geen leerling herkenbaar maakt.",
  "privacy.guard.reasonTooLong": "Schrijf de reden in hoogstens 500 tekens.",
  "privacy.guard.allowSubmit": "Toestaan",
  "privacy.guard.allowDone": "Het gegeven is toegestaan. Dat staat in het logboek.",
  "privacy.guard.notStored":
    "Dit gegeven staat (nog) niet in de opgeslagen tekst. Wacht tot er ‘Opgeslagen’ staat en probeer het opnieuw.",
  "privacy.guard.already": "Dit gegeven was al toegestaan.",
  "privacy.guard.pasteWarning":
    "Je plakte tekst met een {kinds}. Staat daar een gegeven van een leerling in? Haal het dan weg.",
  "privacy.guard.highlight": "Mogelijk privacygegeven: {kind}",
  "privacy.guard.dismiss": "Sluiten",

  "published.title": "Gepubliceerde opbrengst",
  "published.meta": "Publicatie {number}, {date}, door {name}",
  "published.none": "Deze opbrengst is nog niet gepubliceerd.",
  "published.back": "Terug naar de subgroep",

  "moderation.mail.review.subject": "Opbrengst van {subgroup} ingediend voor review",
  "moderation.mail.review.body":
    "{actor} heeft de opbrengst ‘{title}’ van {subgroup} ingediend voor review.\n\n{excerpt}\n\nBekijk de tekst: {link}",
  "moderation.mail.approved.subject": "Opbrengst van {subgroup} goedgekeurd",
  "moderation.mail.approved.body":
    "{actor} heeft de opbrengst ‘{title}’ van {subgroup} goedgekeurd.\n\n{excerpt}\n\nBekijk de tekst: {link}",
  "moderation.mail.published.subject": "Opbrengst van {subgroup} gepubliceerd",
  "moderation.mail.published.body":
    "{actor} heeft de opbrengst ‘{title}’ van {subgroup} gepubliceerd voor het plenaire deel.\n\nBekijk de tekst: {link}",
  "moderation.mail.returned.subject": "Opbrengst van {subgroup} terug in concept",
  "moderation.mail.returned.body":
    "{actor} heeft de opbrengst ‘{title}’ van {subgroup} teruggezet naar concept, met deze toelichting:\n\n{excerpt}\n\nBekijk de tekst: {link}",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "review.title": "Status of the outcome",
  "review.status.concept": "Draft",
  "review.status.review": "In review",
  "review.status.approved": "Approved",
  "review.status.published": "Published",
  "review.explain.concept":
    "The subgroup is still writing. Is the text ready? Then submit it for review by the discussion leader.",
  "review.explain.review": "The text is with the discussion leader for review.",
  "review.explain.approved":
    "The discussion leader approved the text. It can now be published for the plenary part.",
  "review.explain.published": "The outcome is published and visible in the plenary part.",
  "review.publishedAs": "Published on {date} (publication {number}).",
  "review.viewPublished": "View the published version",
  "review.changedSincePublication":
    "Changes made after publishing appear in the plenary part only once the outcome is published again.",
  "review.action.submit": "Submit for review",
  "review.action.approve": "Approve",
  "review.action.publish": "Publish",
  "review.action.republish": "Publish again",
  "review.action.reopen": "Back to draft",
  "review.noteLabel": "Note (optional)",
  "review.noteRequiredLabel": "Note for the subgroup (required)",
  "review.noteHint": "What still needs doing? The members get your note in a notification.",
  "review.noteTooLong": "Write the note in at most 1000 characters.",
  "review.done.submit": "The outcome was submitted for review.",
  "review.done.approve": "The outcome was approved.",
  "review.done.publish": "The outcome was published.",
  "review.done.reopen": "The outcome is back in draft.",
  "review.problem.noteRequired": "Write a note: what does the subgroup still need to do?",
  "review.problem.wrongStatus":
    "That is no longer possible: the status changed in the meantime. See the current status below.",
  "review.problem.empty": "An empty outcome cannot be published.",
  "review.problem.notFound": "This outcome no longer exists.",
  "review.problem.privacy":
    "Not yet: the text contains {count} item(s) that could identify a pupil. Remove them or have the discussion leader allow them with a reason.",
  "review.problem.suggestions":
    "Not yet: {count} suggestion(s) are still open. Accept or reject them first.",
  "review.history": "History",
  "review.historyEmpty": "No steps taken yet.",
  "review.event.submit": "{actor} submitted the text for review",
  "review.event.approve": "{actor} approved the text",
  "review.event.publish": "{actor} published the text (publication {number})",
  "review.event.reopen": "{actor} moved the text back to draft",
  "review.event.lock": "{actor} locked the text",
  "review.event.unlock": "{actor} unlocked the text",
  "review.event.override": "{actor} allowed {value}",
  "review.someone": "Someone",

  "privacy.guard.title": "Privacy check",
  "privacy.guard.none": "No data found that could identify a pupil.",
  "privacy.guard.found":
    "Note: this text contains data that could identify a pupil. Remove it; as long as it is there, the outcome cannot be submitted or published.",
  "privacy.guard.kind.bsn": "citizen service number (BSN)",
  "privacy.guard.kind.phone": "phone number",
  "privacy.guard.kind.email": "e-mail address",
  "privacy.guard.kind.iban": "IBAN",
  "privacy.guard.item": "{kind}: {value}",
  "privacy.guard.goTo": "Go to {kind} {value}",
  "privacy.guard.allowed": "allowed",
  "privacy.guard.allow": "Allow anyway",
  "privacy.guard.allowLegend": "Allow {kind} {value}",
  "privacy.guard.reasonLabel": "Reason (required, goes into the log)",
  "privacy.guard.reasonHint": "For example: this is the school's general number, not a pupil's.",
  "privacy.guard.reasonRequired": "Write why this does not identify a pupil.",
  "privacy.guard.reasonTooLong": "Write the reason in at most 500 characters.",
  "privacy.guard.allowSubmit": "Allow",
  "privacy.guard.allowDone": "The item is allowed. This is recorded in the log.",
  "privacy.guard.notStored":
    "This item is not (yet) in the saved text. Wait until it says ‘Saved’ and try again.",
  "privacy.guard.already": "This item was already allowed.",
  "privacy.guard.pasteWarning":
    "You pasted text containing a {kinds}. Is that a pupil's data? Then remove it.",
  "privacy.guard.highlight": "Possible privacy data: {kind}",
  "privacy.guard.dismiss": "Close",

  "published.title": "Published outcome",
  "published.meta": "Publication {number}, {date}, by {name}",
  "published.none": "This outcome has not been published yet.",
  "published.back": "Back to the subgroup",

  "moderation.mail.review.subject": "Outcome of {subgroup} submitted for review",
  "moderation.mail.review.body":
    "{actor} submitted the outcome ‘{title}’ of {subgroup} for review.\n\n{excerpt}\n\nView the text: {link}",
  "moderation.mail.approved.subject": "Outcome of {subgroup} approved",
  "moderation.mail.approved.body":
    "{actor} approved the outcome ‘{title}’ of {subgroup}.\n\n{excerpt}\n\nView the text: {link}",
  "moderation.mail.published.subject": "Outcome of {subgroup} published",
  "moderation.mail.published.body":
    "{actor} published the outcome ‘{title}’ of {subgroup} for the plenary part.\n\nView the text: {link}",
  "moderation.mail.returned.subject": "Outcome of {subgroup} back in draft",
  "moderation.mail.returned.body":
    "{actor} moved the outcome ‘{title}’ of {subgroup} back to draft, with this note:\n\n{excerpt}\n\nView the text: {link}",
};
