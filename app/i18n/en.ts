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
import type { MessageKey } from "./nl";

// English strings; the type makes a missing or extra key a compile error.
const base: Record<Exclude<MessageKey, AreaKey>, string> = {
  "meta.siteName": "Werkplaats",
  "meta.tagline": "Working together towards a concrete outcome",
  "layout.skipLink": "Skip to content",
  "layout.mainNav": "Main menu",
  "layout.communities": "Learning communities",
  "layout.myWorkplace": "My workplace",
  "layout.login": "Sign in",
  "layout.signup": "Create account",
  "layout.logoutUnsynced":
    "You have changes in a document that have not reached the server yet. If you sign out now, they are lost. Sign out anyway?",
  "layout.logout": "Sign out",
  "layout.signedInAs": "Signed in as {name}",
  "layout.language": "Language",
  "layout.switchLanguage": "Nederlands",
  "layout.switchLanguageLabel": "Schakel naar Nederlands",
  "layout.footer": "Werkplaats: online collaboration for learning communities.",
  "layout.accessibility": "Accessibility",
  "layout.privacy": "Privacy statement",
  "layout.devOutbox": "Outgoing e-mail (development)",

  "home.title": "Learning communities",
  "home.intro":
    "Professionals from education, youth health care, youth care and school attendance work together in learning communities on concrete outcomes. Choose a community to read more and register.",
  "home.none": "No learning communities have been published yet.",
  "home.meetingsCount": "{count} meetings",
  "home.nextMeeting": "Next meeting: {date}",
  "home.readMore": "Read more about {name}",

  "community.themes": "Themes",
  "community.themesIntro":
    "When you register you choose one theme, or you register for the plenary part only.",
  "community.facilitator": "Discussion leader: {name}",
  "community.meetings": "Meetings",
  "community.meetingNumber": "Meeting {number}",
  "community.online": "Online",
  "community.onlineLink": "Join the online meeting",
  "community.onlineLinkHidden":
    "You will see the link to the online meeting once you have registered.",
  "community.agendaPlenary": "Plenary part",
  "community.agendaTheme": "Theme groups",
  "community.status.scheduled": "Scheduled",
  "community.status.cancelled": "Cancelled",
  "community.status.past": "Past",
  "community.status.full": "Full",
  "community.cancelReason": "Reason: {reason}",
  "community.practical": "Practical information",
  "community.audience": "For whom",
  "community.location": "Where",
  "community.when": "When",
  "community.costs": "Costs",
  "community.partners": "Partners",
  "community.partnersIntro": "This learning community is an initiative of:",
  "community.register": "Register",
  "community.registerSignedOut": "Create an account or sign in to register.",
  "community.registrationSoon": "Registration through Werkplaats opens soon.",
  "community.registered": "You are registered for the theme {theme}.",
  "community.registeredPlenary": "You are registered for the plenary part.",
  "community.closed": "Registration is closed.",
  "community.manage": "Manage",
  "community.region": "Region: {region}",
  "community.contact": "Questions",

  "auth.email": "E-mail address",
  "auth.password": "Password",
  "auth.name": "Name",
  "auth.loginTitle": "Sign in",
  "auth.loginSubmit": "Sign in",
  "auth.forgotLink": "Forgot your password?",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already have an account?",
  "auth.signupTitle": "Create account",
  "auth.signupSubmit": "Create account",
  "auth.passwordHint": "At least 10 characters.",
  "auth.logoutTitle": "Sign out",
  "auth.logoutSubmit": "Sign out",
  "auth.forgotTitle": "Forgot password",
  "auth.forgotIntro":
    "Enter your e-mail address. You will receive a link to set a new password. The link is valid for one hour and works once.",
  "auth.forgotSubmit": "Send the link",
  "auth.forgotSent":
    "If an account belongs to this e-mail address, we have sent an e-mail with a link to reset your password.",
  "auth.resetTitle": "Set a new password",
  "auth.newPassword": "New password",
  "auth.repeatPassword": "Repeat the new password",
  "auth.resetSubmit": "Save password",
  "auth.resetInvalid": "This link has expired or has already been used. Request a new link.",
  "auth.resetRequestNew": "Request a new link",
  "auth.resetMailSubject": "Reset your Werkplaats password",
  "auth.resetMailBody":
    "Hello {name},\n\nYou asked to reset your Werkplaats password. Use this link (valid for one hour, works once):\n\n{link}\n\nDidn't ask for this? Then ignore this e-mail; your password stays the same.\n\nRegards,\nWerkplaats",
  "auth.formErrorSummary": "Something went wrong. Please check the fields below.",

  "error.emailRequired": "Enter your e-mail address.",
  "error.emailInvalid": "This is not a valid e-mail address, for example name@school.nl.",
  "error.passwordRequired": "Enter your password.",
  "error.passwordTooShort": "Your password must be at least 10 characters long.",
  "error.passwordTooLong": "Your password may be at most 200 characters long.",
  "error.passwordMismatch": "The two passwords are not the same.",
  "error.nameRequired": "Enter your name.",
  "error.nameTooLong": "Your name may be at most 100 characters long.",
  "error.emailTaken":
    "An account with this e-mail address already exists. Sign in or request a new password.",
  "error.badCredentials": "The e-mail address or the password is not correct.",
  "error.tooManyAttempts": "Too many attempts. Try again in {minutes} minutes.",
  "error.notFoundTitle": "Page not found",
  "error.notFoundBody":
    "This page does not exist (any more). Check the address or go to the home page.",
  "error.forbiddenTitle": "No access",
  "error.forbiddenBody":
    "You do not have access to this page. If you think this is wrong, contact the organiser.",
  "error.genericTitle": "Something went wrong",
  "error.badRequestTitle": "This request is not valid",
  "error.badRequestBody":
    "Werkplaats could not read what was sent. Nothing was changed. Go back and try again.",
  "error.genericBody":
    "Something went wrong on our side. Your data has not been lost; please try again in a moment.",
  "error.backHome": "Go to the home page",

  "me.title": "My workplace",
  "me.welcome": "Welcome, {name}",
  "me.registrations": "My registrations",
  "me.noRegistrations": "You have not registered for a learning community yet.",
  "me.findCommunity": "See the learning communities",
  "me.theme": "Theme",
  "me.plenaryOnly": "Plenary only",
  "me.subgroup": "Subgroup",
  "me.noSubgroup": "You have not been placed in a subgroup yet.",
  "me.openSubgroup": "Go to {name}",
  "me.nextMeeting": "Next meeting",
  "me.noNextMeeting": "No more meetings are scheduled.",
  "me.status": "Status",
  "me.status.registered": "Registered",
  "me.status.waitlisted": "On the waiting list",
  "me.status.withdrawn": "Withdrawn",
  "me.roles": "My roles",
  "me.roleOrganiser": "Organiser of {community}",
  "me.roleFacilitatorTheme": "Discussion leader of the theme {theme} ({community})",
  "me.facilitatedSubgroups": "Subgroups you guide",

  "editor.label": "Outcome text",
  "editor.placeholder": "Start writing here…",
  "editor.toolbar": "Formatting",
  "editor.bold": "Bold",
  "editor.italic": "Italic",
  "editor.heading": "Heading",
  "editor.subheading": "Subheading",
  "editor.bulletList": "Bulleted list",
  "editor.orderedList": "Numbered list",
  "editor.blockquote": "Quote",
  "editor.insertTable": "Insert table",
  "editor.addRow": "Add row",
  "editor.addColumn": "Add column",
  "editor.deleteRow": "Delete row",
  "editor.deleteTable": "Delete table",
  "editor.undo": "Undo",
  "editor.redo": "Redo",
  "editor.link": "Link",
  "editor.linkAddress": "Link address (https://… or mailto:…)",
  "editor.linkApply": "Save link",
  "editor.linkRemove": "Remove link",
  "editor.linkInvalid": "Enter a web address (https://…) or an e-mail address as mailto:…",
  "editor.cancel": "Cancel",
  "editor.readOnlyNote": "You are viewing: other people’s changes appear here straight away.",
  "editor.status.connecting": "Connecting…",
  "editor.status.saved": "Saved",
  "editor.status.saving": "Saving…",
  "editor.status.offline": "Offline — {count} changes not yet synchronised",
  "editor.status.offlineOne": "Offline — 1 change not yet synchronised",
  "editor.status.reconnecting": "Reconnecting…",
  "editor.status.revoked": "You no longer have access to this document.",
  "editor.presentNow": "Here now",
  "editor.you": "{name} (you)",
  "editor.remoteEdit": "Someone else updated the text.",
  "editor.remoteEditBy": "{names} updated the text.",
  "editor.counts": "{words} words · {characters} characters",
  "editor.outline": "Document outline",
  "editor.untitledHeading": "(empty heading)",
  "subgroup.locked":
    "The document is locked by the facilitator: members can read along but not edit.",
  "subgroup.lock": "Lock document",
  "subgroup.unlock": "Unlock document",
  "subgroup.lockedDone": "The document is locked.",
  "subgroup.unlockedDone": "The document is unlocked.",
  "subgroup.removeMember": "Remove {name} from the subgroup",
  "subgroup.removeMemberConfirm": "{name} loses access to the document at once. Continue?",
  "subgroup.removedDone": "The member was removed from the subgroup.",
  "subgroup.noScript":
    "The text below is as it was when the page loaded. Turn on JavaScript to write along.",
  "subgroup.theme": "Theme: {theme}",
  "subgroup.community": "Learning community: {community}",
  "subgroup.members": "Members",
  "subgroup.facilitators": "Discussion leader",
  "subgroup.outcome": "Outcome",
  "subgroup.outcomeUntitled": "Your outcome has no title yet.",
  "subgroup.readOnly": "You can read this outcome, but not edit it.",
  "subgroup.canEdit": "You can edit this outcome.",
  "subgroup.function.po": "Primary education",
  "subgroup.function.vo": "Secondary education",
  "subgroup.function.swv": "Partnership for inclusive education",
  "subgroup.function.jgz": "Youth health care",
  "subgroup.function.jeugdhulp": "Youth care",
  "subgroup.function.leerplicht": "School attendance officer / RMC",
  "subgroup.function.gemeente": "Municipality",
  "subgroup.function.anders": "Other",

  "server.crossSite":
    "Request refused: this form was not sent from Werkplaats itself. Go back to the page and try again.",
  "server.badUrl":
    "This web address is not valid (it contains a malformed code). Check the link and try again.",
  "server.tooLarge": "This request is too large. Shorten the input and try again.",
  "server.lengthRequired":
    "This request lacks the length of its content. Please try again from the form.",
  "server.error":
    "Something went wrong on our side. Your data has not been lost; please try again in a moment.",

  "outbox.title": "Outgoing e-mail",
  "outbox.intro":
    "Without SMTP_URL, e-mails are not sent but kept here. This page only exists outside production.",
  "outbox.empty": "There are no e-mails yet.",
  "outbox.to": "To",
  "outbox.sentAt": "Sent",

  "privacy.title": "Privacy statement",
  "privacy.p1":
    "Werkplaats only processes the data needed for you to take part in a learning community: your name, e-mail address, organisation and function, your registration and what you write in your subgroup.",
  "privacy.p2":
    "Your data is visible to the organisers of the learning community and, within your subgroup, to the other members and the discussion leader. An outcome is only shared outside the subgroup when the discussion leader publishes it.",
  "privacy.p3":
    "Never write down data that identifies a pupil, such as a name, citizen service number (BSN), address, phone number or e-mail address. Werkplaats warns you when it recognises such data.",
  "privacy.p4":
    "We keep your data while the learning community runs and for one year afterwards. You can download all your data and delete your account yourself under My workplace; what you wrote together with others then stays, without your name. For other requests (correction, objection) contact the organiser of your learning community.",
  "privacy.p5":
    "We only use a necessary cookie to keep you signed in and a cookie for your language choice. There are no tracking or advertising cookies.",
};

type AreaKey =
  | keyof typeof registration.nl
  | keyof typeof admin.nl
  | keyof typeof subgroups.nl
  | keyof typeof moderation.nl
  | keyof typeof versions.nl
  | keyof typeof comments.nl
  | keyof typeof suggestions.nl
  | keyof typeof plenary.nl
  | keyof typeof magazine.nl
  | keyof typeof downloads.nl
  | keyof typeof backup.nl
  | keyof typeof security.nl;

export const en: Record<MessageKey, string> = {
  ...base,
  ...registration.en,
  ...admin.en,
  ...subgroups.en,
  ...moderation.en,
  ...versions.en,
  ...plenary.en,
  ...magazine.en,
  ...downloads.en,
  ...comments.en,
  ...suggestions.en,
  ...security.en,
  ...backup.en,
};
