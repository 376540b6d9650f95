// Demo data: the learning community "Werken aan aanwezigheid" (2021) as announced by the
// Steunpunt Passend Onderwijs (/work/shared/seeds 000 and 001), with its partners, three themes,
// three online meetings, an organiser, a facilitator per theme, twelve participants in fixed
// subgroups and one plenary-only participant. Idempotent and all-or-nothing (one transaction);
// Prisma client API only, so it runs on SQLite and PostgreSQL alike.
import { zonedTimeToUtc } from "~/lib/dates";
import type { ParticipantFunction } from "~/lib/domain";
import type { Db, Prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

export const DEMO_COMMUNITY_SLUG = "werken-aan-aanwezigheid";

/** Password of every demo account (printed at start and in the README; demo use only). */
export const DEMO_PASSWORD = "Werkplaats2021!";

export interface DemoAccount {
  email: string;
  name: string;
  role: "organiser" | "facilitator" | "participant";
  /** Theme slug: the facilitator's theme group or the participant's chosen theme. */
  theme?: string;
  /** Subgroup name within the theme (participants only). */
  subgroup?: string;
  function?: ParticipantFunction;
  organisation?: string;
  /** Registered for the plenary part only (no theme, no subgroup). */
  plenaryOnly?: boolean;
}

type Tx = Prisma.TransactionClient;

const COMMUNITY = {
  slug: DEMO_COMMUNITY_SLUG,
  name: "Werken aan aanwezigheid",
  kind: "leergemeenschap",
  tagline:
    "Doorstart van de leergemeenschap ‘Preventie van thuiszitten’ vanuit een vernieuwd perspectief: werken aan aanwezigheid als insteek om verzuim te voorkomen.",
  description: [
    "De leergemeenschap ‘Werken aan aanwezigheid’ is een initiatief van het Steunpunt Passend Onderwijs in samenwerking met Ingrado, NCJ, BiOND (voorheen NVS-NVL) en de LBBO. Het is een doorstart van de leergemeenschap ‘Preventie van thuiszitten’ met een andere vorm en focus: we verschuiven de focus naar het werken aan aanwezigheid als insteek om verzuim te voorkomen. Eerder lag de focus meer op systeemvraagstukken die bijdragen aan maatwerkoplossingen voor leerlingen die dreigen uit te vallen of thuiszitten.",
    "Uit onderzoek blijkt dat leerlingen zelden van de ene op de andere dag de school niet meer bezoeken. Schoolverzuim is meestal een geleidelijk proces met als uiterste consequentie schooluitval. Van de scholensluiting hebben we daarnaast geleerd dat voor de overgrote meerderheid van de leerlingen het aanwezig zijn op school heel belangrijk is. Niet alleen voor de onderwijsresultaten, maar ook voor het welbevinden, de sociale contacten en de persoonsontwikkeling. In deze leergemeenschap nemen we deze grote groep leerlingen als vertrekpunt.",
    "Het werken aan aanwezigheid start met een aanpak gericht op alle leerlingen en heeft oog voor leerlingen met een verhoogd risico op schoolverzuim. Hierbij wordt uitgegaan van een gedeelde verantwoordelijkheid van alle betrokkenen (ouders, kinderen en onderwijs). Maar hoe ziet dat er dan concreet uit? Daar gaan we in de leergemeenschap mee aan de slag.",
    "U schrijft zich in voor een van de drie thema’s (aanwezigheidsbeleid, effectieve methodieken of samenwerken) en gaat aan de slag met de vraag: hoe ziet dit er in de praktijk uit? Gedurende de drie bijeenkomsten werkt u binnen een vaste subgroep, onder begeleiding van de gespreksleider van uw themagroep, toe naar een concrete opbrengst. Wat deze opbrengst is, stelt u tijdens de eerste bijeenkomst samen met de andere deelnemers van uw themagroep vast. Na afloop van de leergemeenschap wordt de opbrengst gedeeld met de andere groepen en het veld.",
    "Gedeelde onderwerpen en vragen uit de verschillende themagroepen komen terug in het plenaire deel van de bijeenkomsten. Van alle deelnemers wordt een actieve rol en houding verwacht. Alle inzichten en opbrengsten rondom het werken aan aanwezigheid worden aan het einde van 2021 verwerkt in een online magazine.",
    "Het is ook mogelijk om u alleen in te schrijven voor het plenaire gedeelte van de bijeenkomsten.",
  ].join("\n\n"),
  audience:
    "medewerkers van scholen in het primair en voortgezet onderwijs, samenwerkingsverbanden, medewerkers uit de jgz en jeugdhulpverlening en leerplichtambtenaren",
  location: "Online",
  costs: "Er zijn geen kosten verbonden aan deelname.",
  timeZone: "Europe/Amsterdam",
  registrationStatus: "open",
} as const;

const PARTNERS = [
  { name: "Steunpunt Passend Onderwijs", url: "https://www.steunpuntpassendonderwijs-povo.nl" },
  { name: "Ingrado", url: "https://www.ingrado.nl" },
  { name: "NCJ", url: "https://www.ncj.nl" },
  { name: "BiOND (voorheen NVS-NVL)", url: "https://www.biond.nl" },
  { name: "LBBO", url: "https://www.lbbo.nl" },
] as const;

const THEMES = [
  {
    slug: "aanwezigheidsbeleid",
    name: "Aanwezigheidsbeleid",
    description:
      "Hoe kun je als school actief beleid voeren op aanwezigheid en het echt zien van leerlingen? Hoe zorg je ervoor dat dit levend beleid wordt? Hoe creëer je betrokkenheid van het gehele schoolteam? Wat vraagt dit van de verzuimregistratie/aanwezigheidsregistratie?",
  },
  {
    slug: "effectieve-methodieken",
    name: "Effectieve methodieken",
    description:
      "Wat werkt in een aanpak gericht op aanwezigheid, bij het voorkomen van schoolverzuim?",
  },
  {
    slug: "samenwerken",
    name: "Samenwerken",
    // Four seeded participants and one place left: the next registrations meet the waitlist.
    capacity: 5,
    description:
      "Hoe creëer je echt gezamenlijk eigenaarschap / betrokkenheid / vertrouwen in de samenwerking, zowel binnen de interprofessionele samenwerking als in de samenwerking met leerlingen en hun ouders?",
  },
] as const;

interface AgendaEntry {
  part: "plenary" | "theme";
  startTime: string;
  title: string;
  description?: string;
}

const OPENING: AgendaEntry = { part: "plenary", startTime: "13:00", title: "Welkom en opening" };
const PLENARY_QUESTIONS: AgendaEntry = {
  part: "plenary",
  startTime: "15:00",
  title: "Plenair: gedeelde onderwerpen en vragen uit de themagroepen",
  description:
    "Gedeelde onderwerpen en vragen uit de verschillende themagroepen komen terug in het plenaire deel.",
};
const CLOSING: AgendaEntry = { part: "plenary", startTime: "15:30", title: "Afsluiting" };

const MEETINGS: {
  date: string;
  title: string;
  agenda: AgendaEntry[];
}[] = [
  {
    date: "2021-06-24",
    title: "Het begrip aanwezigheid",
    agenda: [
      OPENING,
      {
        part: "plenary",
        startTime: "13:10",
        title: "Ingrado: recente inzichten over het begrip aanwezigheid en aanwezigheidsbeleid",
        description:
          "Aanwezigheid is meer dan simpelweg het tegenovergestelde van afwezigheid, maar wat houdt het precies in? Denkt iedereen daar vanuit zijn of haar perspectief hetzelfde over? En wat betekent ‘werken vanuit het begrip aanwezigheid’ voor het dagelijks handelen in de praktijk en voor het beleid?",
      },
      {
        part: "theme",
        startTime: "13:45",
        title: "Themagroepen: kennismaken en bepalen wat de opbrengst wordt",
        description:
          "In de vaste subgroepen stelt u met de andere deelnemers van uw themagroep vast wat de concrete opbrengst wordt, bijvoorbeeld een handreiking, stappenplan, checklist of praktijkvoorbeeld.",
      },
      PLENARY_QUESTIONS,
      CLOSING,
    ],
  },
  {
    date: "2021-09-21",
    title: "Werken aan de opbrengst",
    agenda: [
      OPENING,
      {
        part: "plenary",
        startTime: "13:10",
        title: "Presentatie: de oudersteunpunten",
        description:
          "Een presentatie over de oudersteunpunten die de samenwerkingsverbanden passend onderwijs gaan oprichten.",
      },
      {
        part: "theme",
        startTime: "13:45",
        title: "Themagroepen: in subgroepen werken aan de opbrengst",
        description:
          "Onder begeleiding van de gespreksleider werkt elke subgroep verder aan haar opbrengst: hoe ziet dit er in de praktijk uit?",
      },
      PLENARY_QUESTIONS,
      CLOSING,
    ],
  },
  {
    date: "2021-11-16",
    title: "Opbrengsten delen",
    agenda: [
      OPENING,
      {
        part: "theme",
        startTime: "13:15",
        title: "Themagroepen: de opbrengst afronden",
        description:
          "De subgroepen ronden hun opbrengst af, zodat die gedeeld kan worden met de andere groepen en het veld.",
      },
      {
        part: "plenary",
        startTime: "14:45",
        title: "Plenair: de opbrengsten van de themagroepen",
        description:
          "De themagroepen delen hun opbrengsten. Alle inzichten en opbrengsten worden aan het einde van 2021 verwerkt in een online magazine.",
      },
      PLENARY_QUESTIONS,
      CLOSING,
    ],
  },
];

const MEETING_START = "13:00";
const MEETING_END = "15:30";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "organisator@werkplaats.test", name: "Marieke de Vries", role: "organiser" },
  {
    email: "gespreksleider.beleid@werkplaats.test",
    name: "Jeroen Bakker",
    role: "facilitator",
    theme: "aanwezigheidsbeleid",
  },
  {
    email: "gespreksleider.methodieken@werkplaats.test",
    name: "Fatima El Amrani",
    role: "facilitator",
    theme: "effectieve-methodieken",
  },
  {
    email: "gespreksleider.samenwerken@werkplaats.test",
    name: "Sanne Visser",
    role: "facilitator",
    theme: "samenwerken",
  },
  ...(
    [
      ["Annemieke Jansen", "po", "OBS De Regenboog, Amersfoort", "aanwezigheidsbeleid", 1],
      ["Bas van Dijk", "leerplicht", "Gemeente Utrecht, team Leerplicht", "aanwezigheidsbeleid", 1],
      ["Noor Hendriks", "vo", "Christelijk Lyceum De Vaart, Zwolle", "aanwezigheidsbeleid", 2],
      ["Ahmed Yilmaz", "gemeente", "Gemeente Deventer, team Onderwijs", "aanwezigheidsbeleid", 2],
      [
        "Lotte Smit",
        "jgz",
        "GGD Hollands Midden, jeugdgezondheidszorg",
        "effectieve-methodieken",
        1,
      ],
      ["Pieter de Boer", "vo", "Scholengemeenschap Het Baken, Almere", "effectieve-methodieken", 1],
      ["Eva Mulder", "jeugdhulp", "Jeugdhulp Rivierenland", "effectieve-methodieken", 2],
      [
        "Daan Vermeulen",
        "swv",
        "Samenwerkingsverband VO Kennemerland",
        "effectieve-methodieken",
        2,
      ],
      ["Sophie van den Berg", "swv", "Samenwerkingsverband PO De Kempen", "samenwerken", 1],
      ["Mohammed Bouzid", "jeugdhulp", "Stichting Jeugdzorg Haaglanden", "samenwerken", 1],
      ["Ingrid Peters", "anders", "Oudersteunpunt Passend Onderwijs Twente", "samenwerken", 2],
      ["Thomas Kok", "leerplicht", "RMC-regio Gooi en Vechtstreek", "samenwerken", 2],
    ] as const
  ).map(
    ([name, fn, organisation, theme, subgroup], i): DemoAccount => ({
      email: `deelnemer${String(i + 1).padStart(2, "0")}@werkplaats.test`,
      name,
      role: "participant",
      theme,
      subgroup: `Subgroep ${subgroup}`,
      function: fn,
      organisation,
    }),
  ),
  {
    email: "deelnemer13@werkplaats.test",
    name: "Joyce de Groot",
    role: "participant",
    function: "po",
    organisation: "Kindcentrum De Wilgen, Leiden",
    plenaryOnly: true,
  },
];

/**
 * Two earlier announcements, so a deployment shows several communities and every kind of fact:
 * the Ontwikkelgroep of 2020 (in person at the VO-raad, cancelled because of the coronavirus,
 * registration closed because it was full; seeds/002) and Ingrado's regional thema-cafés of
 * 2018 (walk-in with soup and sandwiches before the start, venue still to follow, registration
 * opening later; seeds/003).
 */
const ARCHIVE = [
  {
    community: {
      slug: "ontwikkelgroep-preventie-van-thuiszitten",
      name: "Ontwikkelgroep (preventie van) thuiszitten",
      kind: "ontwikkelgroep",
      tagline:
        "Kennisuitwisseling over de lokale aanpak van (preventie van) thuiszitten en het versterken van de samenwerking.",
      description: [
        "Het reduceren en het voorkomen van het aantal leerlingen dat thuis zit is een complex en weerbarstig vraagstuk. Leerlingen kunnen om uiteenlopende redenen thuiszitten. Vaak is een combinatie van ‘onderwijs en jeugd aanbod’ of samenwerking tussen beide nodig om deze jongeren op een duurzame manier terug te leiden naar het onderwijs.",
        "Op verschillende plekken in het land wordt daarom voortdurend gezocht naar oplossingen en gestreefd naar het (verder) versterken van de samenwerking tussen de verschillende partijen. Uit o.a. het onderzoek ‘impuls thuiszitten’ (Regioplan onderzoek, 2019) blijkt dat er bij betrokkenen een grote behoefte is aan kennisdeling tussen regio’s en swv’s. Wat kan men van elkaar leren?",
        "Het Steunpunt Passend Onderwijs (SPO) organiseert de ontwikkelgroep (preventie van) thuiszitten met als doel kennisuitwisseling over de lokale aanpak van (preventie van) thuiszitten en de samenwerking te versterken.",
        "Tijdens de eerste bijeenkomst staan ontwikkelvragen van de verschillende deelnemers centraal. Op basis van deze sessie worden de thema’s voor opvolgende bijeenkomsten (drie in totaal) vastgesteld. Middels een combinatie van kennisuitwisseling (ervaringen, maar ook bevindingen uit onderzoek) en ruimte om vragen met elkaar te bespreken, biedt het SPO samenwerkingsverbanden en gemeenten de mogelijkheid om met elkaar in gesprek te gaan over de diverse vraagstukken rondom thuiszittende jongeren.",
        "Het SPO participeert tevens in het landelijk thuiszittersoverleg, waarin verschillende landelijke partnerorganisaties actief zijn. Zij zullen ook hun expertise tijdens de verschillende bijeenkomsten beschikbaar stellen.",
      ].join("\n\n"),
      audience:
        "Onderwijs (schoolbesturen, scholen en samenwerkingsverbanden) en gemeenten / leerplicht",
      location: "Utrecht",
      costs: "Er zijn geen kosten verbonden aan deelname.",
      registrationStatus: "full",
      closedReason: "U kunt zich niet meer aanmelden. Deze ontwikkelgroep is vol.",
    },
    partners: [
      { name: "Steunpunt Passend Onderwijs", url: "https://www.steunpuntpassendonderwijs-povo.nl" },
    ],
    meetings: [
      {
        date: "2020-03-25",
        start: "12:30",
        end: "15:30",
        title: "Eerste bijeenkomst: ontwikkelvragen van de deelnemers",
        mode: "venue",
        venueName: "VO-raad",
        venueAddress: "Aidadreef 4, Utrecht",
        status: "cancelled",
        cancelReason:
          "Gezien de huidige omstandigheden rond het coronavirus vervallen tot de zomer de bijeenkomsten van het Steunpunt Passend Onderwijs.",
        agenda: [
          {
            part: "plenary",
            startTime: "12:30",
            title: "Ontwikkelvragen van de deelnemers",
            description:
              "Op basis van deze sessie worden de thema’s voor de opvolgende bijeenkomsten (drie in totaal) vastgesteld.",
          },
        ] as AgendaEntry[],
      },
    ],
  },
  {
    community: {
      slug: "themacafes-thuiszitters",
      name: "Thema-café’s thuiszitters",
      kind: "themacafe",
      tagline:
        "Het gesprek in de regio over het verhaal achter de cijfers: thuiszitters in het voortgezet onderwijs.",
      description: [
        "In 2010 liet Ingrado al het eerste onderzoek uitvoeren naar thuiszitters. Sinds die tijd is er veel veranderd en ontwikkeld. In het hele land worden initiatieven ontplooid en wordt aandacht besteed aan kinderen die tijdelijk niet op school zitten.",
        "Eind 2017 maakten we een analyse van het verhaal achter de cijfers. Met alle 75 samenwerkingsverbanden voortgezet onderwijs zijn gesprekken gevoerd en in december was er een klankbordgroepbijeenkomst. Thema’s die onder andere uit de analyse naar voren kwamen: de wachtlijsten in de zorg, het definitievraagstuk van de thuiszitter, het ontschotten van budgetten en privacywetgeving.",
        "Met de thema-café’s willen we de uitkomsten van de analyse een stap verder brengen door het gesprek in de regio aan te gaan. Hierbij staat het voeren van het gesprek en het delen van kennis en ervaring centraal.",
        "De precieze locatie en het programma ontvang je in week 45. Je kunt je dan ook aanmelden voor deelname.",
      ].join("\n\n"),
      audience: "Leerplichtambtenaren, RMC-functionarissen en hun partners in de regio",
      location: "In de Ingrado-regio’s Midden, Noord-West en Noord (locatie volgt in week 45)",
      costs: "Wordt bekendgemaakt met het programma.",
      registrationStatus: "closed",
      closedReason: "Aanmelden kan vanaf week 45, als de locatie en het programma bekend zijn.",
      contactEmail: "info@ingrado.nl",
    },
    partners: [{ name: "Ingrado", url: "https://www.ingrado.nl" }],
    meetings: (
      [
        ["2018-11-26", "Midden"],
        ["2018-11-27", "Noord-West"],
        ["2018-12-03", "Noord"],
      ] as const
    ).map(([date, region]) => ({
      date,
      start: "13:00",
      end: "15:30",
      walkIn: "12:30",
      walkInNote: "met een broodje en soep",
      title: `Thema-café regio ${region}`,
      region,
      mode: "venue",
      venueName: "Locatie volgt (week 45)",
      venueAddress: null,
      status: "scheduled",
      cancelReason: null,
      agenda: [] as AgendaEntry[],
    })),
  },
];

async function createArchive(tx: Tx, organiserId: string, now: Date) {
  for (const entry of ARCHIVE) {
    const community = await tx.community.create({
      data: {
        ...entry.community,
        timeZone: COMMUNITY.timeZone,
        publishedAt: now,
        partners: { create: entry.partners.map((p, i) => ({ ...p, position: i + 1 })) },
      },
    });
    await tx.roleGrant.create({
      data: { userId: organiserId, role: "organiser", communityId: community.id },
    });
    for (const [i, m] of entry.meetings.entries()) {
      const position = { plenary: 0, theme: 0 };
      const tz = COMMUNITY.timeZone;
      await tx.meeting.create({
        data: {
          communityId: community.id,
          number: i + 1,
          title: m.title,
          startsAt: zonedTimeToUtc(m.date, m.start, tz),
          endsAt: zonedTimeToUtc(m.date, m.end, tz),
          walkInAt: "walkIn" in m ? zonedTimeToUtc(m.date, m.walkIn, tz) : null,
          walkInNote: "walkInNote" in m ? m.walkInNote : null,
          region: "region" in m ? m.region : null,
          timeZone: tz,
          mode: m.mode,
          venueName: m.venueName,
          venueAddress: m.venueAddress,
          status: m.status,
          cancelReason: m.cancelReason,
          cancelledAt: m.status === "cancelled" ? zonedTimeToUtc("2020-03-13", "12:00", tz) : null,
          agendaItems: {
            create: m.agenda.map((item) => ({ ...item, position: ++position[item.part] })),
          },
        },
      });
    }
  }
}

function meetingUrl(number: number): string {
  return `https://meet.werkplaats.test/${DEMO_COMMUNITY_SLUG}/bijeenkomst-${number}`;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/**
 * Creates the demo community and its people once. Returns { created: false } and changes
 * nothing when the community already exists.
 */
export async function seedDemo(
  db: Db,
  options: { log?: (msg: string) => void } = {},
): Promise<{ created: boolean }> {
  const log = options.log ?? (() => {});
  const exists = () => db.community.findUnique({ where: { slug: DEMO_COMMUNITY_SLUG } });
  if (await exists()) {
    log(`Demo-community ‘${COMMUNITY.name}’ bestaat al; niets aangemaakt.`);
    return { created: false };
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    const created = await db.$transaction(
      async (tx) => {
        // Checked again inside the transaction: another process may have seeded meanwhile.
        if (await tx.community.findUnique({ where: { slug: DEMO_COMMUNITY_SLUG } })) return false;
        await createDemo(tx, passwordHash, log);
        return true;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (!created) log(`Demo-community ‘${COMMUNITY.name}’ bestaat al; niets aangemaakt.`);
    return { created };
  } catch (error) {
    // A concurrent seed won the race on a unique key; its data is complete (one transaction).
    if (isUniqueViolation(error) && (await exists())) return { created: false };
    throw error;
  }
}

async function createDemo(tx: Tx, passwordHash: string, log: (msg: string) => void) {
  const now = new Date();

  const community = await tx.community.create({
    data: {
      ...COMMUNITY,
      publishedAt: now,
      partners: { create: PARTNERS.map((p, i) => ({ ...p, position: i + 1 })) },
      // The demo's subgroups were formed before the first meeting.
      themes: {
        create: THEMES.map((t, i) => ({ ...t, position: i + 1, subgroupsFormedAt: now })),
      },
    },
    include: { themes: true },
  });
  const themeId = new Map(community.themes.map((t) => [t.slug, t.id]));
  log(`Community ‘${community.name}’ met ${PARTNERS.length} partners en ${THEMES.length} thema’s`);

  for (const [i, meeting] of MEETINGS.entries()) {
    const number = i + 1;
    const position = { plenary: 0, theme: 0 };
    await tx.meeting.create({
      data: {
        communityId: community.id,
        number,
        title: meeting.title,
        startsAt: zonedTimeToUtc(meeting.date, MEETING_START, COMMUNITY.timeZone),
        endsAt: zonedTimeToUtc(meeting.date, MEETING_END, COMMUNITY.timeZone),
        timeZone: COMMUNITY.timeZone,
        mode: "online",
        onlineUrl: meetingUrl(number),
        status: "scheduled",
        agendaItems: {
          create: meeting.agenda.map((item) => ({ ...item, position: ++position[item.part] })),
        },
      },
    });
  }
  log(`${MEETINGS.length} online bijeenkomsten met agenda`);

  // Users are reused when they exist already (e.g. the community was deleted, the people not).
  const userId = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await tx.user.upsert({
      where: { email: account.email },
      update: {},
      create: { email: account.email, name: account.name, passwordHash },
    });
    userId.set(account.email, user.id);
  }
  log(`${DEMO_ACCOUNTS.length} demo-accounts (wachtwoord: ${DEMO_PASSWORD})`);

  const organiser = DEMO_ACCOUNTS.find((a) => a.role === "organiser")!;
  const organiserId = userId.get(organiser.email)!;
  await tx.roleGrant.create({
    data: { userId: organiserId, role: "organiser", communityId: community.id },
  });
  await createArchive(tx, organiserId, now);
  log(`${ARCHIVE.length} eerdere aankondigingen (geannuleerd en vol; regionale thema-café’s)`);
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role === "facilitator")) {
    await tx.roleGrant.create({
      data: {
        userId: userId.get(account.email)!,
        role: "facilitator",
        communityId: community.id,
        themeId: themeId.get(account.theme!)!,
        grantedById: organiserId,
      },
    });
  }

  const subgroupIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role === "participant")) {
    const id = userId.get(account.email)!;
    const theme = account.plenaryOnly ? null : themeId.get(account.theme!)!;
    await tx.registration.create({
      data: {
        communityId: community.id,
        userId: id,
        themeId: theme,
        plenaryOnly: account.plenaryOnly ?? false,
        organisation: account.organisation!,
        function: account.function!,
        status: "registered",
        consentAt: now,
      },
    });
    if (!theme || !account.subgroup) continue;

    const key = `${theme}/${account.subgroup}`;
    let subgroupId = subgroupIds.get(key);
    if (!subgroupId) {
      const subgroup = await tx.subgroup.create({
        data: {
          themeId: theme,
          name: account.subgroup,
          position: Number(account.subgroup.replace(/\D/g, "")),
          outcome: { create: { type: "leeg", status: "concept", ydocState: null } },
        },
      });
      subgroupId = subgroup.id;
      subgroupIds.set(key, subgroupId);
    }
    await tx.subgroupMembership.create({ data: { subgroupId, userId: id, themeId: theme } });
  }
  log(`${subgroupIds.size} subgroepen, elk met een lege opbrengst`);

  await tx.auditEvent.create({
    data: {
      communityId: community.id,
      action: "seed.demo",
      targetType: "community",
      targetId: community.id,
      data: JSON.stringify({
        accounts: DEMO_ACCOUNTS.length,
        meetings: MEETINGS.length,
        subgroups: subgroupIds.size,
      }),
    },
  });
}
