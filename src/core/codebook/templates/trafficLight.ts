import type { CodebookTemplate } from './types.js';

/**
 * The traffic-light codebook of the Omega study (thesis section 4.4, codes from the
 * sub-sections of chapter 5): strategies yellow, opportunities green, obstacles red.
 * Codes carry no colour of their own; they inherit their category's.
 */
export const trafficLight: CodebookTemplate = {
  id: 'traffic-light',
  title: { sv: 'Trafikljusmodellen', en: 'Traffic-light model' },
  nodes: [
    {
      name: { sv: 'Strategier', en: 'Strategies' },
      color: '#f2c200',
      description: {
        sv: 'Det som kommunen och tjänstemännen gör för att motverka boendesegregation: planer, organisering, insatser och arbetssätt.',
        en: 'What the municipality and its officials do to counter residential segregation: plans, organisation, interventions and working methods.',
      },
      children: [
        {
          name: { sv: 'prioområde', en: 'priority area' },
          description: {
            sv: 'Hur och varför kommunen har prioriterat vissa områden (prioområden) och vem som har beslutat om prioriteringen.',
            en: 'How and why the municipality has prioritised certain areas (priority areas), and who decided on the priority.',
          },
        },
        {
          name: { sv: 'kartläggning', en: 'needs assessment' },
          description: {
            sv: 'Enkäter, fokusgrupper, utredningar och nulägesanalyser som används för att ta reda på invånarnas behov.',
            en: 'Surveys, focus groups, inquiries and baseline analyses used to find out what residents need.',
          },
        },
        {
          name: { sv: 'styrdokument', en: 'policy documents' },
          description: {
            sv: 'Politiskt beslutade dokument som styr arbetet, t.ex. översiktsplan, hållbarhetsprogram, integrationsplan, riktlinjer och regelverk.',
            en: 'Politically adopted documents that govern the work, e.g. the comprehensive plan, sustainability programme, integration plan, guidelines and regulations.',
          },
        },
        {
          name: { sv: 'plan', en: 'plan' },
          description: {
            sv: 'Konkreta planer för en stadsdel eller ett område som arbetet utgår ifrån, t.ex. en strategisk stadsdelsplan.',
            en: 'Concrete plans for a district or area that the work starts from, e.g. a strategic district plan.',
          },
        },
        {
          name: { sv: 'områdesteam', en: 'area team' },
          description: {
            sv: 'Områdesteamen: hur de är sammansatta, vilka aktörer som ingår och hur de arbetar i prioområdena.',
            en: 'The area teams: how they are composed, which actors take part and how they work in the priority areas.',
          },
        },
        {
          name: { sv: 'insats', en: 'intervention' },
          description: {
            sv: 'Områdesbaserade insatser och aktiviteter, ofta tillsammans med föreningar och civilsamhälle, t.ex. sommarlovsaktiviteter, odling och läxhjälp.',
            en: 'Area-based interventions and activities, often run with associations and civil society, e.g. summer-holiday activities, gardening and homework help.',
          },
        },
        {
          name: { sv: 'mötesplats', en: 'meeting place' },
          description: {
            sv: 'Mötesplatser och lokaler där invånare, verksamheter, myndigheter och politiker möts.',
            en: 'Meeting places and premises where residents, services, authorities and politicians meet.',
          },
        },
        {
          name: { sv: 'tidiga insatser', en: 'early interventions' },
          description: {
            sv: 'Förebyggande stöd till blivande föräldrar och föräldrar till barn mellan 0 och 6 år, t.ex. en familjecentral.',
            en: 'Preventive support for expectant parents and parents of children aged 0 to 6, e.g. a family centre.',
          },
        },
        {
          name: { sv: 'blandade upplåtelseformer', en: 'mixed tenure' },
          description: {
            sv: 'Att bygga ägarlägenheter och bostadsrätter i hyresrättsområden så att invånare kan göra boendekarriär och ändå bo kvar.',
            en: 'Building owner-occupied and cooperative flats in rental areas so that residents can move up the housing ladder and still stay.',
          },
        },
        {
          name: { sv: 'digitala verktyg', en: 'digital tools' },
          description: {
            sv: 'Digitala möten, inspelningar och ärendesystem som används, eller saknas, för att spara tid i arbetet.',
            en: 'Digital meetings, recordings and case systems that are used, or missing, to save time in the work.',
          },
        },
        {
          name: { sv: 'handlingsutrymme', en: 'discretion' },
          description: {
            sv: 'Tjänstemännens handlingsutrymme (Lipsky): hur politiska beslut, planer och budget begränsar det och hur de försöker utöka det.',
            en: "Officials' discretion (Lipsky): how political decisions, plans and budgets limit it, and how they try to widen it.",
          },
        },
      ],
    },
    {
      name: { sv: 'Möjligheter', en: 'Opportunities' },
      color: '#2e9e4f',
      description: {
        sv: 'Det som enligt tjänstemännen underlättar eller kan förbättra arbetet mot boendesegregation.',
        en: 'What, according to the officials, helps or could improve the work against residential segregation.',
      },
      children: [
        {
          name: { sv: 'informationsförmedling', en: 'information sharing' },
          description: {
            sv: 'Hur information når invånarna och förmedlas mellan myndigheter och verksamheter, t.ex. uppsökande arbete, hembesök och broschyrer.',
            en: 'How information reaches residents and passes between authorities and services, e.g. outreach, home visits and leaflets.',
          },
        },
        {
          name: { sv: 'samverkan', en: 'collaboration' },
          description: {
            sv: 'Samverkan mellan förvaltningar, bolag, myndigheter och andra aktörer, t.ex. genom områdesteamen.',
            en: 'Collaboration between departments, municipal companies, authorities and other actors, e.g. through the area teams.',
          },
        },
        {
          name: { sv: 'dokumentation', en: 'documentation' },
          description: {
            sv: 'Krav på dokumentation och journalföring, särskilt möjligheten att arbeta utan journaler på familjens eget uppdrag.',
            en: "Requirements to document and keep records, especially the opportunity to work without records on the family's own request.",
          },
        },
        {
          name: { sv: 'myndigheternas närvaro', en: 'presence of authorities' },
          description: {
            sv: 'Att myndigheter och samhällsservice finns kvar och syns i prioområdena.',
            en: 'Authorities and public services staying present and visible in the priority areas.',
          },
        },
      ],
    },
    {
      name: { sv: 'Hinder', en: 'Obstacles' },
      color: '#d64541',
      description: {
        sv: 'Det som enligt tjänstemännen försvårar eller motverkar arbetet mot boendesegregation.',
        en: 'What, according to the officials, hampers or works against the efforts to counter residential segregation.',
      },
      children: [
        {
          name: { sv: 'segregationsmönster', en: 'segregation patterns' },
          description: {
            sv: 'Beskrivningar av den etniska och socioekonomiska boendesegregation som arbetet möter: vilka som bor i områdena och varför.',
            en: 'Descriptions of the ethnic and socioeconomic residential segregation the work is up against: who lives in the areas and why.',
          },
        },
        {
          name: { sv: 'genomflyttning', en: 'residential turnover' },
          description: {
            sv: 'Hög in- och utflyttning i prioområdena, t.ex. att invånare flyttar när de har fått det bättre.',
            en: 'High turnover of residents in the priority areas, e.g. people moving out once their situation has improved.',
          },
        },
        {
          name: { sv: 'media', en: 'media' },
          description: {
            sv: 'Hur medier och kommunens egen kommunikation beskriver områdena och vilken bild det ger utåt.',
            en: "How the media and the municipality's own communication portray the areas and the image this gives to outsiders.",
          },
        },
        {
          name: { sv: 'tidsbrist', en: 'lack of time' },
          description: {
            sv: 'Tidsbrist och hög arbetsbelastning som försvårar samverkan och kontakten med invånarna.',
            en: 'Lack of time and a heavy workload that make collaboration and contact with residents harder.',
          },
        },
        {
          name: { sv: 'finansiering', en: 'funding' },
          description: {
            sv: 'Finansiering, budget och resursbegränsningar, t.ex. statliga bidrag som upphör eller att områdesteamen saknar egen budget.',
            en: 'Funding, budgets and resource limits, e.g. state grants that end or area teams without a budget of their own.',
          },
        },
      ],
    },
  ],
};
