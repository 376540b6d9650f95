// Registration, waitlist, calendar, registration mails, the organiser's registration list and
// the privacy pages (statement, accessibility statement, own data, deleting an account).
export const nl = {
  "register.title": "Aanmelden",
  "register.intro":
    "Kies één thema, of meld je alleen aan voor het plenaire deel. Deelname is gratis tenzij hierboven anders staat.",
  "register.choice": "Waar meld je je voor aan?",
  "register.theme": "Thema {theme}",
  "register.themeFull": "vol, je komt op de wachtlijst",
  "register.themePlaces": "nog {count} plaatsen",
  "register.plenaryOnly": "Alleen het plenaire deel",
  "register.organisation": "Organisatie",
  "register.organisationHint": "Bijvoorbeeld de naam van je school, gemeente of organisatie.",
  "register.function": "Functie",
  "register.functionChoose": "Kies je functie",
  "register.function.po": "Primair onderwijs (PO)",
  "register.function.vo": "Voortgezet onderwijs (VO)",
  "register.function.swv": "Samenwerkingsverband",
  "register.function.jgz": "Jeugdgezondheidszorg (JGZ)",
  "register.function.jeugdhulp": "Jeugdhulp",
  "register.function.leerplicht": "Leerplicht / RMC",
  "register.function.gemeente": "Gemeente",
  "register.function.anders": "Anders",
  "register.consent": "Ik ga akkoord met de {privacy}.",
  "register.consentLink": "privacyverklaring",
  "register.submit": "Aanmelden",
  "register.signedOut": "Maak een account aan of log in om je aan te melden.",
  "register.communityFull":
    "Alle plaatsen zijn bezet. Meld je aan om op de wachtlijst te komen; je krijgt bericht zodra er een plaats vrijkomt.",
  "register.done":
    "Je bent aangemeld. Je ontvangt een bevestiging per e-mail met de bijeenkomsten in je agenda.",
  "register.doneWaitlist":
    "Je staat op de wachtlijst (plaats {position}). Je krijgt een e-mail zodra er een plaats vrijkomt.",
  "register.statusRegistered": "Je bent aangemeld voor het thema {theme}.",
  "register.statusRegisteredPlenary": "Je bent aangemeld voor het plenaire deel.",
  "register.statusWaitlisted": "Je staat op de wachtlijst voor {choice}: plaats {position}.",
  "register.statusWaitlistedTheme": "het thema {theme}",
  "register.statusWaitlistedPlenary": "het plenaire deel",
  "register.toSubgroup": "Naar je subgroep",
  "register.change": "Ander thema kiezen",
  "register.changeSubmit": "Thema wijzigen",
  "register.changeLocked":
    "De subgroepen van je thema zijn gevormd; wisselen kan niet meer. Neem contact op met de organisator als dat toch nodig is.",
  "register.changed": "Je keuze is gewijzigd.",
  "register.withdraw": "Afmelden",
  "register.withdrawConfirm":
    "Weet je zeker dat je je afmeldt? Je plaats gaat naar de eerste op de wachtlijst.",
  "register.withdrawn": "Je bent afgemeld. Je kunt je opnieuw aanmelden zolang er plaats is.",
  "register.organiserLink": "Aanmeldingen beheren",
  "register.error.closed": "Aanmelden is op dit moment niet mogelijk.",
  "register.error.full": "Deze leergemeenschap is vol; aanmelden kan niet meer.",
  "register.error.notFound": "Deze leergemeenschap bestaat niet (meer).",
  "register.error.unknownTheme": "Kies een van de thema's hierboven.",
  "register.error.alreadyRegistered": "Je bent al aangemeld voor deze leergemeenschap.",
  "register.error.notRegistered": "Je bent niet (meer) aangemeld voor deze leergemeenschap.",
  "register.error.subgroupsFormed":
    "De subgroepen van dit thema zijn al gevormd; wisselen kan niet meer. Neem contact op met de organisator.",
  "register.error.themeFull":
    "Dit thema is vol. Kies een ander thema, of meld je af en opnieuw aan om op de wachtlijst te komen.",
  "register.error.sameChoice": "Dit is al je keuze.",
  "register.error.choice": "Kies een thema of het plenaire deel.",
  "register.error.organisation": "Vul je organisatie in.",
  "register.error.organisationTooLong":
    "De naam van je organisatie is te lang (maximaal 150 tekens).",
  "register.error.function": "Kies je functie.",
  "register.error.consent":
    "Je kunt je alleen aanmelden als je akkoord gaat met de privacyverklaring.",
  "register.error.intent":
    "Dit formulier is niet herkend. Laad de pagina opnieuw en probeer het nog eens.",

  "calendar.title": "In je agenda",
  "calendar.meetingIcs": "Zet bijeenkomst {number} in je agenda (.ics)",
  "calendar.feed": "Abonneer je op alle bijeenkomsten (agenda-feed)",
  "calendar.cancelled": "GEANNULEERD.",
  "calendar.walkIn": "Inloop vanaf {time}",
  "calendar.onlineLinkForRegistrants":
    "De link naar de online bijeenkomst staat in je persoonlijke agenda-feed.",
  "calendar.myMeetings": "Mijn bijeenkomsten (Werkplaats)",
  "calendar.personalTitle": "Mijn bijeenkomsten in je agenda",
  "calendar.personalIntro":
    "Met een persoonlijke agenda-link zie je al je bijeenkomsten, met de links naar online bijeenkomsten, in je eigen agenda-app. Behandel de link als een wachtwoord.",
  "calendar.personalCreate": "Maak mijn agenda-link",
  "calendar.personalRenew": "Maak een nieuwe agenda-link (de oude stopt)",
  "calendar.personalExists":
    "Je hebt een agenda-link. We tonen hem maar één keer; ben je hem kwijt, maak dan een nieuwe.",
  "calendar.personalNew": "Je nieuwe agenda-link (kopieer hem nu, we tonen hem maar één keer):",
  "calendar.personalLabel": "Agenda-link",

  "mail.registration.theme": "het thema {theme}",
  "mail.registration.plenary": "het plenaire deel",
  "mail.registration.noMeetings": "(er zijn nog geen bijeenkomsten gepland)",
  "mail.registration.confirmed.subject": "Aanmelding bevestigd: {community}",
  "mail.registration.confirmed.body":
    "Beste {name},\n\nJe bent aangemeld voor {community}, voor {choice}.\n\nDe bijeenkomsten:\n{meetings}\n\nIn de bijlage staan ze voor je agenda. Meer informatie: {link}\nJe aanmelding wijzigen of je afmelden kan via {me}.\n\nTot ziens,\nWerkplaats",
  "mail.registration.waitlisted.subject": "Op de wachtlijst: {community}",
  "mail.registration.waitlisted.body":
    "Beste {name},\n\nAlle plaatsen voor {choice} van {community} zijn bezet. Je staat op de wachtlijst op plaats {position}. Zodra er een plaats vrijkomt, krijg je een e-mail.\n\nJe aanmelding bekijken of intrekken: {me}\n\nWerkplaats",
  "mail.registration.promoted.subject": "Er is een plaats voor je: {community}",
  "mail.registration.promoted.body":
    "Beste {name},\n\nGoed nieuws: er is een plaats vrijgekomen. Je bent nu aangemeld voor {community}, voor {choice}.\n\nDe bijeenkomsten:\n{meetings}\n\nIn de bijlage staan ze voor je agenda. Meer informatie: {link}\nKun je toch niet? Meld je dan af via {me}, dan gaat de plaats naar de volgende.\n\nWerkplaats",
  "mail.reminder.subject": "Morgen: {community}, bijeenkomst {number}",
  "mail.reminder.body":
    "Beste {name},\n\nMorgen is bijeenkomst {number} van {community}: {date}, {time}.\n{where}\n\nHet programma en meer: {link}\n\nTot morgen,\nWerkplaats",
  "mail.reminder.online": "Online. Deelnemen: {url}",
  "mail.reminder.onlineNoLink": "Online. De link vind je op {link}",
  "mail.reminder.venue": "Locatie: {venue}",
  "mail.reminder.walkIn": "Inloop vanaf {time}.",

  "registrations.title": "Aanmeldingen",
  "registrations.intro": "Alle aanmeldingen voor {community}.",
  "registrations.filter": "Filteren",
  "registrations.filterStatus": "Status",
  "registrations.filterTheme": "Thema",
  "registrations.filterFunction": "Functie",
  "registrations.filterSearch": "Zoeken op naam, e-mail of organisatie",
  "registrations.all": "Alle",
  "registrations.apply": "Toon",
  "registrations.export": "Download als CSV",
  "registrations.count": "{count} aanmeldingen",
  "registrations.none": "Geen aanmeldingen gevonden.",
  "registrations.name": "Naam",
  "registrations.email": "E-mailadres",
  "registrations.organisation": "Organisatie",
  "registrations.function": "Functie",
  "registrations.choice": "Keuze",
  "registrations.status": "Status",
  "registrations.subgroup": "Subgroep",
  "registrations.registeredAt": "Aangemeld op",
  "registrations.position": "wachtlijstplaats {position}",
  "registrations.places": "Bezet: {taken} van {capacity}",
  "registrations.placesUnlimited": "Bezet: {taken} (geen maximum)",

  "accessibility.title": "Toegankelijkheidsverklaring",
  "accessibility.p1":
    "Werkplaats wil voor iedereen bruikbaar zijn. We bouwen volgens de richtlijnen WCAG 2.1 op niveau AA, de norm voor websites van de Nederlandse overheid (EN 301 549).",
  "accessibility.p2":
    "Alles werkt met het toetsenbord: de werkbalk van de editor is één tabstop met pijltjestoetsen, een link maak je met Ctrl+K, en wijzigingen van anderen worden rustig voorgelezen door een schermlezer. Elke pagina wordt bij elke wijziging automatisch getest met axe-core.",
  "accessibility.p3":
    "Bekende beperkingen: de gekleurde cursors van andere schrijvers zijn een extra hulpmiddel; wie er is, staat ook in tekst in de lijst ‘Nu aanwezig’. De agenda-bestanden (.ics) worden door je eigen agenda-app getoond.",
  "accessibility.p4":
    "Loop je tegen een probleem aan? Meld het bij de organisator van je leergemeenschap. We reageren binnen vijf werkdagen.",
  "accessibility.updated": "Deze verklaring is opgesteld op 23 november 2026.",

  "account.dataTitle": "Mijn gegevens",
  "account.dataIntro":
    "Download alles wat Werkplaats over jou bewaart (account, aanmeldingen, subgroepen, rollen) als JSON-bestand.",
  "account.download": "Download mijn gegevens",
  "account.deleteTitle": "Account verwijderen",
  "account.deleteIntro":
    "Je account, je aanmeldingen en je plaats in subgroepen worden verwijderd. Wat je samen met anderen in een opbrengst hebt geschreven blijft staan, maar zonder je naam. Je plaats gaat naar de eerste op de wachtlijst. Dit kan niet ongedaan worden.",
  "account.deletePassword": "Je wachtwoord, ter bevestiging",
  "account.deleteSubmit": "Mijn account definitief verwijderen",
  "account.deleteConfirm": "Weet je het zeker? Je account wordt definitief verwijderd.",
  "account.deleteWrongPassword": "Dit wachtwoord klopt niet.",
  "account.deleteLastOrganiser":
    "Je bent de enige organisator van {community}. Maak eerst iemand anders organisator.",
  "account.deleted": "Je account is verwijderd.",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "register.title": "Register",
  "register.intro":
    "Choose one theme, or register for the plenary part only. Taking part is free unless stated above.",
  "register.choice": "What are you registering for?",
  "register.theme": "Theme {theme}",
  "register.themeFull": "full, you will be on the waiting list",
  "register.themePlaces": "{count} places left",
  "register.plenaryOnly": "The plenary part only",
  "register.organisation": "Organisation",
  "register.organisationHint": "For example the name of your school, municipality or organisation.",
  "register.function": "Role",
  "register.functionChoose": "Choose your role",
  "register.function.po": "Primary education (PO)",
  "register.function.vo": "Secondary education (VO)",
  "register.function.swv": "Partnership for inclusive education (samenwerkingsverband)",
  "register.function.jgz": "Youth healthcare (JGZ)",
  "register.function.jeugdhulp": "Youth care",
  "register.function.leerplicht": "Compulsory education officer / RMC",
  "register.function.gemeente": "Municipality",
  "register.function.anders": "Other",
  "register.consent": "I agree to the {privacy}.",
  "register.consentLink": "privacy statement",
  "register.submit": "Register",
  "register.signedOut": "Create an account or sign in to register.",
  "register.communityFull":
    "All places are taken. Register to join the waiting list; you will hear as soon as a place becomes free.",
  "register.done":
    "You are registered. You will receive a confirmation e-mail with the meetings for your calendar.",
  "register.doneWaitlist":
    "You are on the waiting list (position {position}). You will get an e-mail as soon as a place becomes free.",
  "register.statusRegistered": "You are registered for the theme {theme}.",
  "register.statusRegisteredPlenary": "You are registered for the plenary part.",
  "register.statusWaitlisted": "You are on the waiting list for {choice}: position {position}.",
  "register.statusWaitlistedTheme": "the theme {theme}",
  "register.statusWaitlistedPlenary": "the plenary part",
  "register.toSubgroup": "Go to your subgroup",
  "register.change": "Choose another theme",
  "register.changeSubmit": "Change theme",
  "register.changeLocked":
    "The subgroups of your theme have been formed; you can no longer switch. Contact the organiser if you must.",
  "register.changed": "Your choice has been changed.",
  "register.withdraw": "Withdraw",
  "register.withdrawConfirm":
    "Are you sure you want to withdraw? Your place goes to the first person on the waiting list.",
  "register.withdrawn": "You have withdrawn. You can register again while places are available.",
  "register.organiserLink": "Manage registrations",
  "register.error.closed": "Registration is not possible at the moment.",
  "register.error.full": "This learning community is full; registration has closed.",
  "register.error.notFound": "This learning community does not exist (any more).",
  "register.error.unknownTheme": "Choose one of the themes above.",
  "register.error.alreadyRegistered": "You are already registered for this learning community.",
  "register.error.notRegistered":
    "You are not (or no longer) registered for this learning community.",
  "register.error.subgroupsFormed":
    "The subgroups of this theme have been formed; you can no longer switch. Contact the organiser.",
  "register.error.themeFull":
    "This theme is full. Choose another theme, or withdraw and register again to join the waiting list.",
  "register.error.sameChoice": "That is already your choice.",
  "register.error.choice": "Choose a theme or the plenary part.",
  "register.error.organisation": "Enter your organisation.",
  "register.error.organisationTooLong":
    "Your organisation's name is too long (150 characters at most).",
  "register.error.function": "Choose your role.",
  "register.error.consent": "You can only register if you agree to the privacy statement.",
  "register.error.intent": "This form was not recognised. Reload the page and try again.",

  "calendar.title": "In your calendar",
  "calendar.meetingIcs": "Add meeting {number} to your calendar (.ics)",
  "calendar.feed": "Subscribe to all meetings (calendar feed)",
  "calendar.cancelled": "CANCELLED.",
  "calendar.walkIn": "Walk-in from {time}",
  "calendar.onlineLinkForRegistrants":
    "The link to the online meeting is in your personal calendar feed.",
  "calendar.myMeetings": "My meetings (Werkplaats)",
  "calendar.personalTitle": "My meetings in your calendar",
  "calendar.personalIntro":
    "With a personal calendar link you see all your meetings, with the links to online meetings, in your own calendar app. Treat the link like a password.",
  "calendar.personalCreate": "Make my calendar link",
  "calendar.personalRenew": "Make a new calendar link (the old one stops working)",
  "calendar.personalExists":
    "You have a calendar link. We show it only once; if you lost it, make a new one.",
  "calendar.personalNew": "Your new calendar link (copy it now, we show it only once):",
  "calendar.personalLabel": "Calendar link",

  "mail.registration.theme": "the theme {theme}",
  "mail.registration.plenary": "the plenary part",
  "mail.registration.noMeetings": "(no meetings have been scheduled yet)",
  "mail.registration.confirmed.subject": "Registration confirmed: {community}",
  "mail.registration.confirmed.body":
    "Dear {name},\n\nYou are registered for {community}, for {choice}.\n\nThe meetings:\n{meetings}\n\nThe attachment adds them to your calendar. More information: {link}\nTo change your registration or withdraw, go to {me}.\n\nSee you,\nWerkplaats",
  "mail.registration.waitlisted.subject": "On the waiting list: {community}",
  "mail.registration.waitlisted.body":
    "Dear {name},\n\nAll places for {choice} of {community} are taken. You are on the waiting list at position {position}. As soon as a place becomes free, you will get an e-mail.\n\nView or withdraw your registration: {me}\n\nWerkplaats",
  "mail.registration.promoted.subject": "A place for you: {community}",
  "mail.registration.promoted.body":
    "Dear {name},\n\nGood news: a place has become free. You are now registered for {community}, for {choice}.\n\nThe meetings:\n{meetings}\n\nThe attachment adds them to your calendar. More information: {link}\nCan't make it after all? Withdraw at {me} so the place goes to the next person.\n\nWerkplaats",
  "mail.reminder.subject": "Tomorrow: {community}, meeting {number}",
  "mail.reminder.body":
    "Dear {name},\n\nTomorrow is meeting {number} of {community}: {date}, {time}.\n{where}\n\nThe programme and more: {link}\n\nSee you tomorrow,\nWerkplaats",
  "mail.reminder.online": "Online. Join: {url}",
  "mail.reminder.onlineNoLink": "Online. You will find the link at {link}",
  "mail.reminder.venue": "Venue: {venue}",
  "mail.reminder.walkIn": "Walk-in from {time}.",

  "registrations.title": "Registrations",
  "registrations.intro": "All registrations for {community}.",
  "registrations.filter": "Filter",
  "registrations.filterStatus": "Status",
  "registrations.filterTheme": "Theme",
  "registrations.filterFunction": "Role",
  "registrations.filterSearch": "Search by name, e-mail or organisation",
  "registrations.all": "All",
  "registrations.apply": "Show",
  "registrations.export": "Download as CSV",
  "registrations.count": "{count} registrations",
  "registrations.none": "No registrations found.",
  "registrations.name": "Name",
  "registrations.email": "E-mail address",
  "registrations.organisation": "Organisation",
  "registrations.function": "Role",
  "registrations.choice": "Choice",
  "registrations.status": "Status",
  "registrations.subgroup": "Subgroup",
  "registrations.registeredAt": "Registered on",
  "registrations.position": "waiting list position {position}",
  "registrations.places": "Taken: {taken} of {capacity}",
  "registrations.placesUnlimited": "Taken: {taken} (no maximum)",

  "accessibility.title": "Accessibility statement",
  "accessibility.p1":
    "Werkplaats wants to be usable by everyone. We build to WCAG 2.1 level AA, the standard for Dutch government websites (EN 301 549).",
  "accessibility.p2":
    "Everything works by keyboard: the editor's toolbar is one tab stop with arrow keys, Ctrl+K makes a link, and other people's changes are announced politely to screen readers. Every page is tested automatically with axe-core on every change.",
  "accessibility.p3":
    "Known limitations: the coloured cursors of other writers are an extra aid; who is present is also listed in text under ‘Present now’. Calendar files (.ics) are shown by your own calendar app.",
  "accessibility.p4":
    "Run into a problem? Tell the organiser of your learning community. We respond within five working days.",
  "accessibility.updated": "This statement was drawn up on 23 November 2026.",

  "account.dataTitle": "My data",
  "account.dataIntro":
    "Download everything Werkplaats keeps about you (account, registrations, subgroups, roles) as a JSON file.",
  "account.download": "Download my data",
  "account.deleteTitle": "Delete account",
  "account.deleteIntro":
    "Your account, your registrations and your places in subgroups are deleted. What you wrote together with others in an outcome stays, but without your name. Your place goes to the first person on the waiting list. This cannot be undone.",
  "account.deletePassword": "Your password, to confirm",
  "account.deleteSubmit": "Delete my account permanently",
  "account.deleteConfirm": "Are you sure? Your account will be deleted permanently.",
  "account.deleteWrongPassword": "This password is not correct.",
  "account.deleteLastOrganiser":
    "You are the only organiser of {community}. Make someone else organiser first.",
  "account.deleted": "Your account has been deleted.",
};
