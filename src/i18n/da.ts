import type { FieldErrorCode } from '../domain/fieldErrors';
import type { PlanAction } from '../domain/permissions';
import type { Role } from '../domain/plan/schema';
import type { Judgement } from '../domain/status/judge';

const da_actionNames: Record<PlanAction, string> = {
  logAttendance: 'at logge fremmøde',
  logMeeting: 'at logge møder',
  logReferral: 'at logge henvisninger',
  viewOwnEntries: 'at se registreringer',
  viewStatus: 'at se status',
  runRetention: 'at slette gamle deltagerkoder',
};

/** Every user-facing sentence, in Danish. en.ts mirrors it key for key. */
export const da = {
  language: 'da',
  notAMember:
    'Du er ikke med i nogen boligsocial helhedsplan i Logbog endnu, så jeg kan ikke gemme noget for dig. Bed planens tovholder eller administrator om at tilføje dig i planfilen.',
  forbidden: (action: PlanAction, roles: string) =>
    `Det har du ikke adgang til: ${da_actionNames[action]} kræver rollen ${roles} i planen. Intet er ændret. Spørg planens leder, hvis du mener, du skal have adgang.`,
  roleNames: { member: 'medlem', coordinator: 'tovholder', leader: 'leder', admin: 'administrator' } satisfies Record<Role, string>,
  or: 'eller',
  unknownCommand: (text: string) => `Jeg forstår ikke "${text}". Skriv **hjælp** for at se, hvad jeg kan.`,
  turnError: 'Beklager, noget gik galt hos mig. Intet af det, du har indtastet, er gået tabt. Prøv igen om lidt.',
  help: {
    title: 'Logbog: det kan jeg',
    intro: (planName: string) => `Du logger i **${planName}**.`,
    commands: [
      { command: 'log fremmøde', description: 'Registrér fremmøde til en aktivitet' },
      { command: 'status', description: 'Se årets fremmøde mod planens mål' },
      { command: 'hjælp', description: 'Vis denne oversigt' },
    ],
    logAttendanceButton: 'Log fremmøde',
    statusButton: 'Se status',
  },
  attendanceForm: {
    title: 'Log fremmøde',
    intro: 'Registrér én gang (session) af en aktivitet.',
    activity: 'Aktivitet',
    activityPlaceholder: 'Vælg aktivitet',
    date: 'Dato',
    headcount: 'Antal deltagere',
    newParticipants: 'Heraf nye deltagere (valgfrit)',
    save: 'Gem',
    unreadable: 'Kortet kunne ikke læses, så intet er gemt. Dine værdier står herunder; tjek dem og tryk Gem igen.',
    fixBelow: 'Intet er gemt endnu. Ret det markerede og tryk Gem igen.',
  },
  fieldErrors: {
    required: 'Skal udfyldes.',
    notAWholeNumber: 'Skal være et helt tal.',
    negative: 'Kan ikke være negativt.',
    tooLarge: 'Er for stort; tjek tallet.',
    unknownActivity: 'Aktiviteten findes ikke i planen.',
    invalidDate: 'Er ikke en gyldig dato.',
    beforePlanPeriod: 'Ligger før planens periode.',
    afterPlanPeriod: 'Ligger efter planens periode.',
    inFuture: 'Ligger i fremtiden; fremmøde logges efter aktiviteten.',
    newExceedsHeadcount: 'Kan ikke være flere end antal deltagere.',
    containsCpr: 'Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.',
    containsEmail: 'Indeholder en e-mailadresse. Skriv ikke personoplysninger her.',
    containsPhone: 'Indeholder et telefonnummer. Skriv ikke personoplysninger her.',
    unknownChoice: 'Vælg en af mulighederne på listen.',
    tooLong: 'Er for lang; gør den kortere.',
    invalidPersonCode: 'En deltagerkode er to bogstaver og 2-4 cifre, fx KB17. Brug aldrig navne.',
    personCodeNeedsConsent: 'En henvisning med deltagerkode kræver samtykke eller anden lovlig grund, ikke "anonym".',
  } satisfies Record<FieldErrorCode, string>,
  attendanceSaved: {
    title: 'Fremmøde gemt',
    alreadySaved: 'Dette kort var allerede gemt; der er ikke oprettet en ny registrering.',
    activity: 'Aktivitet',
    date: 'Dato',
    headcount: 'Deltagere',
    newParticipants: 'Nye deltagere',
    logAnother: 'Log en til',
    status: 'Se status',
  },
  status: {
    title: (year: number) => `Status ${year}: fremmøde mod mål`,
    subtitle: (planName: string, today: string) => `${planName} · opgjort ${today}`,
    noTargets: 'Planen har ingen aktiviteter med mål for fremmøde.',
    sessions: 'Gange logget',
    average: 'Gns. fremmøde',
    actual: 'Faktisk',
    none: 'ingen data',
    judgement: { ahead: '▲ foran', onTrack: '● på sporet', behind: '▼ bagud', noData: '○ ingen data' } satisfies Record<Judgement, string>,
    amountWords: { atLeast: 'mindst', atMost: 'højst', about: 'ca.' },
    /** How a target is measured, e.g. "mål: mindst 15 pr. gang". */
    goal: {
      averageAttendance: (amount: string) => `mål: ${amount} pr. gang`,
      sessionsPerWeek: (amount: string) => `mål: ${amount} gang(e) om ugen`,
      count: (amount: string, per: string) => `mål: ${amount} ${per}`,
    },
    per: { week: 'om ugen', month: 'om måneden', quarter: 'i kvartalet', year: 'om året', plan: 'i planperioden' },
    logAttendance: 'Log fremmøde',
  },
  formatDate: (iso: string) => {
    const [y, m, d] = iso.split('-');
    return `${Number(d)}.${Number(m)}.${y}`;
  },
  formatNumber: (n: number) => n.toLocaleString('da-DK'),
};

export type Messages = typeof da;
