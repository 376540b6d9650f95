// Dutch strings: the source of every message key. en.ts must have exactly the same keys
// (enforced by its type and by i18n.test.ts). Placeholders: {name}.
import * as admin from "./areas/admin";
import * as backup from "./areas/backup";
import * as comments from "./areas/comments";
import * as downloads from "./areas/downloads";
import * as magazine from "./areas/magazine";
import * as moderation from "./areas/moderation";
import * as plenary from "./areas/plenary";
import * as registration from "./areas/registration";
import * as security from "./areas/security";
import * as subgroups from "./areas/subgroups";
import * as suggestions from "./areas/suggestions";
import * as versions from "./areas/versions";

const base = {
  "meta.siteName": "Werkplaats",
  "meta.tagline": "Samen werken aan een concrete opbrengst",
  "layout.skipLink": "Naar de inhoud",
  "layout.mainNav": "Hoofdmenu",
  "layout.communities": "Leergemeenschappen",
  "layout.myWorkplace": "Mijn werkplaats",
  "layout.login": "Inloggen",
  "layout.signup": "Account aanmaken",
  "layout.logoutUnsynced":
    "Je hebt wijzigingen in een document die nog niet op de server staan. Als je nu uitlogt, gaan ze verloren. Toch uitloggen?",
  "layout.logout": "Uitloggen",
  "layout.signedInAs": "Ingelogd als {name}",
  "layout.language": "Taal",
  "layout.switchLanguage": "English",
  "layout.switchLanguageLabel": "Switch to English",
  "layout.footer": "Werkplaats: online samenwerken voor leergemeenschappen.",
  "layout.accessibility": "Toegankelijkheid",
  "layout.privacy": "Privacyverklaring",
  "layout.devOutbox": "Uitgaande e-mail (ontwikkeling)",

  "home.title": "Leergemeenschappen",
  "home.intro":
    "Professionals uit onderwijs, jeugdgezondheidszorg, jeugdhulp en leerplicht werken in leergemeenschappen samen aan concrete opbrengsten. Kies een leergemeenschap om meer te lezen en je aan te melden.",
  "home.none": "Er zijn nog geen leergemeenschappen gepubliceerd.",
  "home.meetingsCount": "{count} bijeenkomsten",
  "home.nextMeeting": "Volgende bijeenkomst: {date}",
  "home.readMore": "Lees meer over {name}",

  "community.themes": "Thema's",
  "community.themesIntro":
    "Je kiest bij je aanmelding één thema, of je meldt je alleen aan voor het plenaire deel.",
  "community.facilitator": "Gespreksleider: {name}",
  "community.meetings": "Bijeenkomsten",
  "community.meetingNumber": "Bijeenkomst {number}",
  "community.online": "Online",
  "community.onlineLink": "Deelnemen aan de online bijeenkomst",
  "community.onlineLinkHidden": "De link naar de online bijeenkomst zie je na je aanmelding.",
  "community.agendaPlenary": "Plenair deel",
  "community.agendaTheme": "Themagroepen",
  "community.status.scheduled": "Gepland",
  "community.status.cancelled": "Geannuleerd",
  "community.status.past": "Afgelopen",
  "community.status.full": "Vol",
  "community.cancelReason": "Reden: {reason}",
  "community.practical": "Praktische informatie",
  "community.audience": "Voor wie",
  "community.location": "Waar",
  "community.when": "Wanneer",
  "community.costs": "Kosten",
  "community.partners": "Partners",
  "community.partnersIntro": "Deze leergemeenschap is een initiatief van:",
  "community.register": "Aanmelden",
  "community.registerSignedOut": "Maak een account aan of log in om je aan te melden.",
  "community.registrationSoon": "Aanmelden via Werkplaats opent binnenkort.",
  "community.registered": "Je bent aangemeld voor het thema {theme}.",
  "community.registeredPlenary": "Je bent aangemeld voor het plenaire deel.",
  "community.closed": "Aanmelden is niet meer mogelijk.",
  "community.manage": "Beheren",
  "community.region": "Regio: {region}",
  "community.contact": "Vragen",

  "auth.email": "E-mailadres",
  "auth.password": "Wachtwoord",
  "auth.name": "Naam",
  "auth.loginTitle": "Inloggen",
  "auth.loginSubmit": "Inloggen",
  "auth.forgotLink": "Wachtwoord vergeten?",
  "auth.noAccount": "Nog geen account?",
  "auth.haveAccount": "Heb je al een account?",
  "auth.signupTitle": "Account aanmaken",
  "auth.signupSubmit": "Account aanmaken",
  "auth.passwordHint": "Minimaal 10 tekens.",
  "auth.logoutTitle": "Uitloggen",
  "auth.logoutSubmit": "Uitloggen",
  "auth.forgotTitle": "Wachtwoord vergeten",
  "auth.forgotIntro":
    "Vul je e-mailadres in. Je ontvangt een link waarmee je een nieuw wachtwoord instelt. De link is een uur geldig en werkt één keer.",
  "auth.forgotSubmit": "Stuur de link",
  "auth.forgotSent":
    "Als er een account bij dit e-mailadres hoort, hebben we een e-mail gestuurd met een link om je wachtwoord opnieuw in te stellen.",
  "auth.resetTitle": "Nieuw wachtwoord instellen",
  "auth.newPassword": "Nieuw wachtwoord",
  "auth.repeatPassword": "Herhaal het nieuwe wachtwoord",
  "auth.resetSubmit": "Wachtwoord opslaan",
  "auth.resetInvalid": "Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.",
  "auth.resetRequestNew": "Nieuwe link aanvragen",
  "auth.resetMailSubject": "Je wachtwoord voor Werkplaats opnieuw instellen",
  "auth.resetMailBody":
    "Hallo {name},\n\nJe hebt gevraagd om je wachtwoord voor Werkplaats opnieuw in te stellen. Dat doe je via deze link (een uur geldig, één keer te gebruiken):\n\n{link}\n\nHeb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.\n\nGroet,\nWerkplaats",
  "auth.formErrorSummary": "Er ging iets mis. Controleer de velden hieronder.",

  "error.emailRequired": "Vul je e-mailadres in.",
  "error.emailInvalid": "Dit is geen geldig e-mailadres, bijvoorbeeld naam@school.nl.",
  "error.passwordRequired": "Vul je wachtwoord in.",
  "error.passwordTooShort": "Je wachtwoord moet minimaal 10 tekens lang zijn.",
  "error.passwordTooLong": "Je wachtwoord mag hoogstens 200 tekens lang zijn.",
  "error.passwordMismatch": "De twee wachtwoorden zijn niet gelijk.",
  "error.nameRequired": "Vul je naam in.",
  "error.nameTooLong": "Je naam mag hoogstens 100 tekens lang zijn.",
  "error.emailTaken":
    "Er bestaat al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan.",
  "error.badCredentials": "Het e-mailadres of het wachtwoord klopt niet.",
  "error.tooManyAttempts": "Te veel pogingen. Probeer het over {minutes} minuten opnieuw.",
  "error.notFoundTitle": "Pagina niet gevonden",
  "error.notFoundBody":
    "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina.",
  "error.forbiddenTitle": "Geen toegang",
  "error.forbiddenBody":
    "Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? Neem contact op met de organisator.",
  "error.genericTitle": "Er ging iets mis",
  "error.badRequestTitle": "Dit verzoek klopt niet",
  "error.badRequestBody":
    "Wat er verstuurd werd, kon Werkplaats niet lezen. Er is niets veranderd. Ga terug en probeer het opnieuw.",
  "error.genericBody":
    "Er ging aan onze kant iets mis. Je gegevens zijn niet verloren; probeer het over een moment opnieuw.",
  "error.backHome": "Naar de startpagina",

  "me.title": "Mijn werkplaats",
  "me.welcome": "Welkom, {name}",
  "me.registrations": "Mijn aanmeldingen",
  "me.noRegistrations": "Je bent nog niet aangemeld voor een leergemeenschap.",
  "me.findCommunity": "Bekijk de leergemeenschappen",
  "me.theme": "Thema",
  "me.plenaryOnly": "Alleen plenair",
  "me.subgroup": "Subgroep",
  "me.noSubgroup": "Je bent nog niet in een subgroep geplaatst.",
  "me.openSubgroup": "Naar {name}",
  "me.nextMeeting": "Volgende bijeenkomst",
  "me.noNextMeeting": "Er staan geen bijeenkomsten meer gepland.",
  "me.status": "Status",
  "me.status.registered": "Aangemeld",
  "me.status.waitlisted": "Op de wachtlijst",
  "me.status.withdrawn": "Afgemeld",
  "me.roles": "Mijn rollen",
  "me.roleOrganiser": "Organisator van {community}",
  "me.roleFacilitatorTheme": "Gespreksleider van het thema {theme} ({community})",
  "me.facilitatedSubgroups": "Subgroepen die je begeleidt",

  "editor.label": "Tekst van de opbrengst",
  "editor.placeholder": "Begin hier met schrijven…",
  "editor.toolbar": "Opmaak",
  "editor.bold": "Vet",
  "editor.italic": "Cursief",
  "editor.heading": "Kop",
  "editor.subheading": "Subkop",
  "editor.bulletList": "Opsomming",
  "editor.orderedList": "Genummerde lijst",
  "editor.blockquote": "Citaat",
  "editor.insertTable": "Tabel invoegen",
  "editor.addRow": "Rij toevoegen",
  "editor.addColumn": "Kolom toevoegen",
  "editor.deleteRow": "Rij verwijderen",
  "editor.deleteTable": "Tabel verwijderen",
  "editor.undo": "Ongedaan maken",
  "editor.redo": "Opnieuw",
  "editor.link": "Link",
  "editor.linkAddress": "Adres van de link (https://… of mailto:…)",
  "editor.linkApply": "Link opslaan",
  "editor.linkRemove": "Link verwijderen",
  "editor.linkInvalid": "Vul een webadres in (https://…) of een e-mailadres als mailto:…",
  "editor.cancel": "Annuleren",
  "editor.readOnlyNote": "Je kijkt mee: wijzigingen van anderen verschijnen hier direct.",
  "editor.status.connecting": "Verbinden…",
  "editor.status.saved": "Opgeslagen",
  "editor.status.saving": "Opslaan…",
  "editor.status.offline": "Offline — {count} wijzigingen nog niet gesynchroniseerd",
  "editor.status.offlineOne": "Offline — 1 wijziging nog niet gesynchroniseerd",
  "editor.status.reconnecting": "Opnieuw verbinden…",
  "editor.status.revoked": "Je hebt geen toegang meer tot dit document.",
  "editor.presentNow": "Nu aanwezig",
  "editor.you": "{name} (jij)",
  "editor.remoteEdit": "De tekst is bijgewerkt door een ander.",
  "editor.remoteEditBy": "{names} heeft de tekst bijgewerkt.",
  "editor.counts": "{words} woorden · {characters} tekens",
  "editor.outline": "Inhoud van het document",
  "editor.untitledHeading": "(kop zonder tekst)",
  "subgroup.locked":
    "Het document is vergrendeld door de gespreksleider: leden kunnen meelezen maar niet bewerken.",
  "subgroup.lock": "Document vergrendelen",
  "subgroup.unlock": "Document ontgrendelen",
  "subgroup.lockedDone": "Het document is vergrendeld.",
  "subgroup.unlockedDone": "Het document is ontgrendeld.",
  "subgroup.removeMember": "{name} uit de subgroep halen",
  "subgroup.removeMemberConfirm": "{name} verliest direct de toegang tot het document. Doorgaan?",
  "subgroup.removedDone": "Het lid is uit de subgroep gehaald.",
  "subgroup.noScript":
    "De tekst hieronder is de stand bij het laden van de pagina. Zet JavaScript aan om mee te schrijven.",
  "subgroup.theme": "Thema: {theme}",
  "subgroup.community": "Leergemeenschap: {community}",
  "subgroup.members": "Leden",
  "subgroup.facilitators": "Gespreksleider",
  "subgroup.outcome": "Opbrengst",
  "subgroup.outcomeUntitled": "Jullie opbrengst heeft nog geen titel.",
  "subgroup.readOnly": "Je kunt deze opbrengst lezen, maar niet bewerken.",
  "subgroup.canEdit": "Je kunt deze opbrengst bewerken.",
  "subgroup.function.po": "Primair onderwijs",
  "subgroup.function.vo": "Voortgezet onderwijs",
  "subgroup.function.swv": "Samenwerkingsverband",
  "subgroup.function.jgz": "Jeugdgezondheidszorg",
  "subgroup.function.jeugdhulp": "Jeugdhulp",
  "subgroup.function.leerplicht": "Leerplicht / RMC",
  "subgroup.function.gemeente": "Gemeente",
  "subgroup.function.anders": "Anders",

  "server.crossSite":
    "Verzoek geweigerd: dit formulier is niet vanaf Werkplaats zelf verstuurd. Ga terug naar de pagina en probeer het opnieuw.",
  "server.badUrl":
    "Dit webadres klopt niet (het bevat een ongeldige code). Controleer de link en probeer het opnieuw.",
  "server.tooLarge": "Dit verzoek is te groot. Maak de invoer korter en probeer het opnieuw.",
  "server.lengthRequired":
    "Dit verzoek mist de lengte van de inhoud. Probeer het opnieuw vanuit het formulier.",
  "server.error":
    "Er ging aan onze kant iets mis. Je gegevens zijn niet verloren; probeer het over een moment opnieuw.",

  "outbox.title": "Uitgaande e-mail",
  "outbox.intro":
    "Zonder SMTP_URL worden e-mails niet verstuurd maar hier bewaard. Deze pagina bestaat alleen buiten productie.",
  "outbox.empty": "Er zijn nog geen e-mails.",
  "outbox.to": "Aan",
  "outbox.sentAt": "Verstuurd",

  "privacy.title": "Privacyverklaring",
  "privacy.p1":
    "Werkplaats verwerkt alleen de gegevens die nodig zijn om je te laten deelnemen aan een leergemeenschap: je naam, e-mailadres, organisatie en functie, je aanmelding en wat je in je subgroep schrijft.",
  "privacy.p2":
    "Je gegevens zijn zichtbaar voor de organisatoren van de leergemeenschap en, binnen je subgroep, voor de andere leden en de gespreksleider. Een opbrengst wordt pas buiten de subgroep gedeeld als de gespreksleider die publiceert.",
  "privacy.p3":
    "Schrijf nooit gegevens op waarmee een leerling te herkennen is, zoals een naam, BSN, adres, telefoonnummer of e-mailadres. Werkplaats waarschuwt als het zulke gegevens herkent.",
  "privacy.p4":
    "We bewaren je gegevens zolang de leergemeenschap loopt en tot een jaar daarna. Je kunt al je gegevens downloaden en je account zelf verwijderen via Mijn werkplaats; wat je samen met anderen schreef blijft dan staan zonder je naam. Voor andere verzoeken (verbeteren, bezwaar) kun je terecht bij de organisator van je leergemeenschap.",
  "privacy.p5":
    "We gebruiken alleen een noodzakelijke cookie om je ingelogd te houden en een cookie voor je taalkeuze. Er zijn geen tracking- of advertentiecookies.",
} as const;

export const nl = {
  ...base,
  ...registration.nl,
  ...admin.nl,
  ...subgroups.nl,
  ...moderation.nl,
  ...versions.nl,
  ...plenary.nl,
  ...magazine.nl,
  ...downloads.nl,
  ...comments.nl,
  ...suggestions.nl,
  ...security.nl,
  ...backup.nl,
} as const;

export type MessageKey = keyof typeof nl;
