// The shapes of the core's JS API, written beside the Rust types they mirror
// (serde's camelCase fields, kebab-case enum names) and appended by
// wasm-bindgen to pkg/defuse.d.ts. tests/package/core-types.test.mjs checks them
// both ways: a strict TypeScript program type-checks against them, and the
// values the wasm really returns have exactly the declared fields.

/** An instant as ISO 8601 / RFC 3339 text in UTC, e.g. `2026-11-27T14:00:00Z`. */
export type IsoInstant = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A local wall-clock time without offset, `YYYY-MM-DDTHH:MM:SS`. */
export type IsoLocal = string;
/** An instant with its offset, e.g. `2026-11-27T08:00:00-06:00`. */
export type IsoOffsetInstant = string;

/** Money in exact hundredths of the major unit. */
export interface Money {
  cents: number;
  /** ISO 4217 code, `null` when the page did not say. */
  currency: string | null;
  /**
   * Present (`true`) when the currency was not written unambiguously (a bare
   * `$` on a page whose locale does not use `$`): ask the CSM to confirm it.
   */
  currencyAssumed?: boolean;
}

// ---- Account facts (extractAccount) ----

export interface Candidate {
  label?: string;
  value?: string;
  attrs?: Record<string, string>;
  /** `pair`, `input`, `attr`, `heading`, `title`. */
  kind?: string;
  hidden?: boolean;
  shadow?: boolean;
  frame?: boolean;
}

/** One message of the page's conversation, as the CRM's markup tells it apart. */
export interface PageMessage {
  text?: string;
  /** `inbound`: from the customer; `outbound`: from us. */
  direction?: 'inbound' | 'outbound' | 'unknown';
  /** When it was sent, in machine form (ISO 8601), if the page says. */
  at?: string | null;
  /** The sender's name or address, if the page shows it. */
  author?: string | null;
}

/** What the page agent sends: every field optional, bounded by the core. */
export interface Snapshot {
  url?: string;
  title?: string;
  lang?: string;
  fields?: Candidate[];
  conversation?: string;
  truncated?: boolean;
  /** The conversation as messages; read before `conversation` when present. */
  messages?: PageMessage[];
}

export interface FactSource {
  label: string;
  crm: string;
  kind: string;
}

export interface Fact<T> {
  value: T;
  source: FactSource;
  /** 0..1 */
  confidence: number;
}

export type Crm =
  | 'salesforce-lightning' | 'salesforce-classic' | 'hubspot' | 'dynamics-365' | 'zendesk'
  | 'zoho' | 'pipedrive' | 'freshsales' | 'close' | 'generic';
export type ArrBasis = 'arr' | 'contract-value' | 'mrr-times-twelve' | 'company-annual-revenue';

export type AccountProblem =
  | { kind: 'name-missing' }
  | { kind: 'name-conflict'; values: string[] }
  | { kind: 'arr-missing' }
  | { kind: 'arr-unreadable'; text: string; error: string }
  | { kind: 'arr-conflict'; values: Money[] }
  | { kind: 'arr-from-mrr'; mrr: Money }
  | { kind: 'arr-is-company-revenue'; revenue: Money }
  | { kind: 'renewal-missing' }
  | { kind: 'renewal-unreadable'; text: string; error: string }
  | { kind: 'renewal-ambiguous'; text: string; first: IsoDate; second: IsoDate }
  | { kind: 'renewal-conflict'; values: IsoDate[] };

export interface AccountFacts {
  name: Fact<string> | null;
  arr: Fact<Money> | null;
  arrBasis: ArrBasis | null;
  renewal: Fact<IsoDate> | null;
  alternatives: { name: Fact<string>[]; arr: Fact<Money>[]; renewal: Fact<IsoDate>[] };
  problems: AccountProblem[];
  crm: Crm;
  /** The customer's executive sponsor, when the page shows one. */
  executiveSponsor?: Fact<string>;
  /** The account's health score or status as written (`82`, `At risk`). */
  healthScore?: Fact<string>;
  /** The CRM user signed in, from the CRM's user menu. */
  signedInUser?: Fact<string>;
  /** The CRM record the page shows: what an escalation binds to. */
  recordKey?: RecordKey;
}

/** A CRM record: CRM, tenant host (lower-case), record type and id as in its URL. */
export interface RecordKey {
  crm: Crm;
  host: string;
  /** `account`, `organization`, `company`, `lead`, … as the CRM's URL names it. */
  object: string;
  id: string;
}

// ---- Events ----

export type DriRole = 'csm' | 'cs-manager' | 'other';
/**
 * What caused an escalation: the triage answer's `causeKind`, the resolution's
 * `rootCause` and the close-out's `rootCauseKind` are one choice. The older
 * names `product-bug`, `configuration-issue` and `other` are still read
 * (see `RootCauseInput`) and are never written.
 */
export type RootCause = 'product-defect' | 'configuration' | 'process-failure' | 'unknown';
/** A root cause as the core reads it: today's names or the older ones. */
export type RootCauseInput = RootCause | 'product-bug' | 'configuration-issue' | 'other';
export type RestorationStep = 'executive-relationship-call' | 'health-score-reassessment' | 'prevention-follow-up';
export type UpdateStatus = 'in-progress' | 'resolved' | 'pending-customer';
export type TriageKey =
  | 'stated-problem' | 'impact' | 'started' | 'happened-before'
  | 'most-affected' | 'arr-renewal' | 'cause-kind' | 'desired-outcome';
export type DesiredOutcome = 'acknowledgment' | 'fix' | 'accountability';

export interface OpenedBody {
  type: 'opened';
  account: string;
  arr?: Money | null;
  renewal?: IsoDate | null;
  crmUrl?: string | null;
  reachedCsmAt: IsoInstant;
  /** IANA zone, e.g. `America/Chicago`. */
  customerZone: string;
  csmZone: string;
  csmName: string;
}

export interface StatusUpdate {
  status: UpdateStatus;
  whatHappenedToday: string;
  whatHappensNext: string;
  eta: string;
  questions?: string;
  /** The "next update from me by …" time this update promised (the next one is due then, or 24 h later if earlier). */
  promisedUpdateAt?: IsoInstant | null;
}

/** What happened: the `type` names the event, the other fields are its facts. */
export type EventBody =
  | OpenedBody
  | { type: 'ack-sent'; text: string; promisedUpdateAt: IsoInstant }
  | { type: 'engineering-looped-in'; detail?: string }
  | {
      type: 'triage-answer'; question: TriageKey; answer: string;
      causeKind?: RootCause | null; desiredOutcome?: DesiredOutcome | null;
      executiveLevel?: boolean | null; outageOrDataProblem?: boolean | null;
    }
  | { type: 'triage-completed' }
  | { type: 'dri-assigned'; name: string; role: DriRole }
  | ({ type: 'update-sent' } & StatusUpdate)
  | { type: 'resolved'; rootCause: RootCause; bugLink?: string | null }
  | { type: 'closeout-sent'; text?: string }
  | { type: 'restoration-step-done'; step: RestorationStep; note?: string }
  | { type: 'restoration-step-waived'; step: RestorationStep; reason: string }
  | { type: 'fact-corrected'; arr?: Money | null; renewal?: IsoDate | null; reachedCsmAt?: IsoInstant | null }
  | { type: 'note'; text: string }
  | { type: 'reopened'; reason?: string }
  | { type: 'closed' };

export type EventType = EventBody['type'];

/** One entry of an escalation's append-only log (named so it does not shadow the DOM's `Event`). */
export interface DefuseEvent {
  id: string;
  escalation: string;
  at: IsoInstant;
  body: EventBody;
}

/** `escalation.record(...)`'s argument: an event body plus when it happened (and an optional id). */
export type RecordInput = Exclude<EventBody, OpenedBody> & { at: IsoInstant | number; id?: string };

// ---- State, deadlines, next action ----

export type Stage = 'acknowledge' | 'triage' | 'dri' | 'cadence' | 'close-out' | 'restore' | 'closed';

export interface EscalationState {
  id: string;
  stage: Stage;
  opened: Omit<OpenedBody, 'type'> | null;
  ack: { at: IsoInstant; text: string; promisedUpdateAt: IsoInstant } | null;
  engineeringLoopedInAt: IsoInstant | null;
  triage: {
    items: { key: TriageKey; question: string; answer: string | null }[];
    causeKind: RootCause | null;
    desiredOutcome: DesiredOutcome | null;
    executiveLevel: boolean;
    outageOrDataProblem: boolean;
    completedAt: IsoInstant | null;
  };
  dri: { name: string; role: DriRole; at: IsoInstant } | null;
  updates: { at: IsoInstant; update: StatusUpdate }[];
  resolution: { at: IsoInstant; rootCause: RootCause; bugLink: string | null } | null;
  closeoutSentAt: IsoInstant | null;
  restoration: { step: RestorationStep; doneAt: IsoInstant | null; waivedReason: string | null }[];
  closedAt: IsoInstant | null;
  reopenedAt: IsoInstant | null;
  log: DefuseEvent[];
}

export type DeadlineKind = 'acknowledgment' | 'triage' | 'first-update' | 'daily-update' | 'closeout' | 'restoration';
export type DeadlineStatus = 'upcoming' | 'due-soon' | 'overdue' | 'met' | 'missed';

/** An instant as read on a wall clock in some zone. */
export interface LocalTime {
  local: IsoLocal;
  offsetSeconds: number;
  /** False when the zone was unknown and UTC was used instead. */
  zoneKnown: boolean;
}

export interface Deadline {
  kind: DeadlineKind;
  /** Which restoration step, for `restoration` deadlines. */
  step: RestorationStep | null;
  due: IsoInstant;
  dueSoonFrom: IsoInstant;
  status: DeadlineStatus;
  satisfiedAt: IsoInstant | null;
  waived: boolean;
  customerDue: LocalTime;
  csmDue: LocalTime;
  /** On a missed daily update standing for several in a row (`due` is the first): how many, and when the last was due. */
  missedRun: MissedRun | null;
}

export interface MissedRun {
  /** At least 2. */
  count: number;
  lastDue: IsoInstant;
}

export type ActionKind =
  | 'open-escalation' | 'send-acknowledgment' | 'loop-in-engineering' | 'complete-triage'
  | 'assign-dri' | 'send-first-update' | 'send-daily-update' | 'send-closeout'
  | 'restoration-step' | 'close' | 'nothing';

export interface NextAction {
  kind: ActionKind;
  step: RestorationStep | null;
  due: IsoInstant | null;
  status: DeadlineStatus | null;
  label: string;
}

export interface QueryOptions {
  /** Skip weekends when counting daily updates. */
  businessDays?: boolean;
}

// ---- The Escalation class ----

export interface OpenOptions {
  account: string;
  /** When the escalation reached the CSM: the acknowledgment clock starts here. */
  receivedAt: IsoInstant;
  /** IANA zone of the customer, e.g. `America/Chicago`. */
  customerTimeZone: string;
  csmName: string;
  /** IANA zone of the CSM; defaults to the runtime's own zone. */
  csmTimeZone?: string;
  arr?: Money | null;
  renewal?: IsoDate | null;
  crmUrl?: string | null;
  /** The escalation's id; a fresh one is made if absent. */
  id?: string;
  /** When the opening is recorded; defaults to `receivedAt`. */
  at?: IsoInstant;
}

/** What `toJSON()` writes and `Escalation.fromJSON` reads. */
export interface EscalationJSON {
  format: 'defuse-escalation';
  version: 1;
  id: string;
  events: DefuseEvent[];
}

// ---- Reminders (service worker) ----

export interface Reminder {
  name: string;
  when: IsoInstant;
  escalation: string;
  account: string;
  crmUrl: string | null;
  kind: DeadlineKind;
  phase: 'due-soon' | 'due';
  due: IsoInstant;
  title: string;
  message: string;
}

export interface ReminderPlan {
  alarms: Reminder[];
  /** Overdue deadlines across open escalations. */
  badge: number;
  /** Event records that could not be read (kept in storage, not reminded of). */
  unreadable: number;
}

/** One step of the worker's wake-up (`reminderPass`). */
export interface WakePass {
  /** Complete once `need` is empty. */
  plan: ReminderPlan;
  /** Event keys still to read (escalations whose fold was stale). */
  need: string[];
  /** Fold records to store: derived, rebuildable, never exported. */
  folds: [string, string][];
  /** Fold keys of escalations that no longer have events: remove them. */
  drop: string[];
  /**
   * The fold index (`defuse:index`, the panel's first read) to store as
   * `[key, text]`, when folds changed or it is missing. Derived: a failed
   * write costs nothing but a slower next panel open.
   */
  index?: [string, string];
}

// ---- Coach ----

export type CoachRule =
  | 'explaining-before-acknowledging' | 'ownership-by-committee' | 'silence-between-updates'
  | 'fix-as-full-resolution' | 'over-promising' | 'blaming-before-triage'
  | 'ack-without-specific-time' | 'vague-owner' | 'generic-apology' | 'jargon';

export interface Finding {
  rule: CoachRule;
  severity: 'warning' | 'problem';
  message: string;
  suggestion: string;
  /** UTF-16 offsets into the draft; `0, 0` for a finding about the situation. */
  start: number;
  end: number;
}

export type MessageKindName =
  | 'acknowledgment' | 'engineering-loop-in' | 'dri-announcement' | 'daily-update'
  | 'closeout' | 'restoration-exec-call' | 'restoration-health-score'
  | 'restoration-prevention-follow-up';

export interface CoachContext {
  kind?: MessageKindName | null;
  stage?: 'acknowledge' | 'triage' | 'cadence' | 'resolved' | 'restoration' | 'unknown';
  triageCauseKnown?: boolean;
  now?: IsoInstant;
  lastCustomerMessageAt?: IsoInstant | null;
  promisedUpdateAt?: IsoInstant | null;
  closeoutSent?: boolean;
  execCallDone?: boolean;
  healthReassessed?: boolean;
  etaConfirmed?: boolean;
  /** Short label of the customer's zone, e.g. `CET`: suggestions name it (else UTC). */
  customerZone?: string | null;
  /** The customer's UTC offset in minutes at `now`: suggested times are on their wall clock. */
  customerUtcOffsetMinutes?: number | null;
  /** The account's name, used in suggested openings. */
  accountName?: string | null;
}

/** What a match is evidence of. */
export type Signal =
  | 'anger' | 'judgement' | 'sarcasm' | 'repeated' | 'waiting' | 'chasing' | 'leadership'
  | 'churn' | 'demand' | 'legal' | 'help' | 'impact' | 'tone';

export interface SignalMatch {
  signal: Signal;
  /** The lexicon entry that matched. */
  phrase: string;
  /** The text it matched, as written. */
  text: string;
  weight: number;
  /** UTF-16 offsets into the scored text. */
  start: number;
  end: number;
  lang: string;
}

export interface SignalScore {
  /** 0..1 */
  score: number;
  escalating: boolean;
  matches: SignalMatch[];
  /** `vendor` when the text is our own side writing (never escalating). */
  voice: 'customer' | 'vendor';
}

/** The customer message at which a page's conversation became an escalation. */
export interface ConversationEscalation {
  /** Index in the snapshot's `messages` (0 when read from `conversation`). */
  index: number;
  /** When that message was sent, if the page said so in machine form. */
  at: IsoInstant | null;
  author: string | null;
  /** The thread's intensity at that message, 0..1. */
  intensity: number;
  /** That message's own score; offsets point into that message's text. */
  message: SignalScore;
}

// ---- Messages ----

export interface Message {
  kind: MessageKindName;
  subject: string;
  text: string;
  html: string;
  /** True only when no required value is missing. */
  ready: boolean;
  missing: { id: string; label: string; problem: string | null }[];
  warnings: ('update-not-today' | 'update-time-in-past')[];
}

/**
 * How times and dates are written: a locale tag (`en-GB`) or the convention
 * itself. Absent: the US convention (12-hour clock, month first).
 */
export type TimeStyle = string | { hour12?: boolean; dateOrder?: 'month-first' | 'day-first' | 'year-first' };

interface MessageBase {
  customerName: string;
  senderName: string;
  /** Now, already in the customer's zone. */
  now: IsoOffsetInstant;
  /** How the message writes times and dates. */
  timeStyle?: TimeStyle | null;
}

export interface AckInput extends MessageBase {
  impactSummary?: string | null;
  promisedUpdateAt?: IsoOffsetInstant | null;
  customerZoneLabel: string;
  desiredOutcome?: DesiredOutcome | null;
}

export interface LoopInInput extends MessageBase {
  reason?: 'outage' | 'data-problem' | null;
  statedProblem?: string | null;
  impact?: string | null;
  started?: string | null;
  arrAndRenewal?: string | null;
  driName: string;
  nextCustomerUpdateAt?: IsoOffsetInstant | null;
  zoneLabel: string;
}

export interface DriInput {
  customerName: string;
  senderName: string;
  driName: string;
  driRole?: string | null;
  driContact?: string | null;
}

export interface DailyUpdateInput extends MessageBase {
  status?: UpdateStatus | null;
  happenedToday?: string | null;
  nextStep?: string | null;
  nextStepOwner?: string | null;
  nextStepDue?: IsoDate | null;
  eta?: { kind: 'date'; date: IsoDate } | { kind: 'not-yet'; reason?: string | null } | null;
  questions: string[];
  nextUpdateAt?: IsoOffsetInstant | null;
  customerZoneLabel: string;
  desiredOutcome?: DesiredOutcome | null;
}

export interface CloseoutInput extends MessageBase {
  issue?: string | null;
  impact?: string | null;
  rootCause?: string | null;
  rootCauseKind?: RootCauseInput | null;
  defectLink?: string | null;
  actionsTaken: string[];
  prevention?: string | null;
  whatToExpect?: string | null;
}

export interface ExecCallInput extends MessageBase {
  customerExecName?: string | null;
  ourExecName?: string | null;
  ourExecTitle?: string | null;
  proposedTimes: IsoOffsetInstant[];
  customerZoneLabel: string;
}

export interface HealthScoreInput extends MessageBase {
  previousScore?: string | null;
  newScore?: string | null;
  rationale?: string | null;
  openRisks?: string | null;
  nextReviewOn?: IsoDate | null;
}

export interface PreventionFollowUpInput extends MessageBase {
  closeoutSentOn?: IsoDate | null;
  items: { change: string; status?: string | null }[];
}

export type MessageInput =
  | AckInput | LoopInInput | DriInput | DailyUpdateInput | CloseoutInput
  | ExecCallInput | HealthScoreInput | PreventionFollowUpInput;
