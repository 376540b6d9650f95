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
