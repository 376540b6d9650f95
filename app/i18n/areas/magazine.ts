// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: magazine editions (composing, the editorial document, the public web edition).
export const nl = {
  // The web edition
  "magazine.kicker": "Magazine van {community}",
  "magazine.credits": "Door {names}",
  "magazine.articleMeta": "Thema {theme} · {subgroup}",
  "magazine.colophon": "Colofon",
  "magazine.colophonPublisher": "Uitgave van leergemeenschap {community}",
  "magazine.partners": "Partners:",
  "magazine.themeNav": "Thema's in deze editie",
  "magazine.introduction": "Voorwoord",
  "magazine.contents": "Inhoud",
  "magazine.printLink": "Hele editie op één pagina (afdrukken)",
  "magazine.printNote": "Afdrukversie van de hele editie.",
  "magazine.breadcrumb": "Kruimelpad",
  "magazine.pager": "Vorig en volgend artikel",
  "magazine.previous": "Vorige",
  "magazine.next": "Volgende",
  "magazine.backToContents": "Inhoudsopgave",
  "magazine.editions": "Magazine",
  "magazine.editionsIntro": "De opbrengsten van de subgroepen, gebundeld in een online magazine.",
} as const;

export const en: Record<keyof typeof nl, string> = {
  "magazine.kicker": "Magazine of {community}",
  "magazine.credits": "By {names}",
  "magazine.articleMeta": "Theme {theme} · {subgroup}",
  "magazine.colophon": "Colophon",
  "magazine.colophonPublisher": "Published by the learning community {community}",
  "magazine.partners": "Partners:",
  "magazine.themeNav": "Themes in this edition",
  "magazine.introduction": "Editorial",
  "magazine.contents": "Contents",
  "magazine.printLink": "Whole edition on one page (print)",
  "magazine.printNote": "Print version of the whole edition.",
  "magazine.breadcrumb": "Breadcrumb",
  "magazine.pager": "Previous and next article",
  "magazine.previous": "Previous",
  "magazine.next": "Next",
  "magazine.backToContents": "Contents",
  "magazine.editions": "Magazine",
  "magazine.editionsIntro": "The outcomes of the subgroups, collected in an online magazine.",
};
