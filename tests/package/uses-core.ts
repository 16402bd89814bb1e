// A CRM developer's program against the published package, type-checked with
// `tsc --noEmit --strict` and then run in Node by tests/package/core-types.test.mjs.
// The `@ts-expect-error` lines prove results are typed (not `any`): each one
// is an error only because the declared type forbids it, and tsc fails if a
// line marked so is not an error.

import { Escalation, extractAccount, coachDraft, generateMessage, deadlines, reminders, affectsReminders, conversationEscalation } from 'defuse-core';
import type { Deadline, NextAction, DefuseEvent, AccountFacts, Finding, Message, EscalationJSON, ReminderPlan, ConversationEscalation, RootCause } from 'defuse-core';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error('failed: ' + what);
}

// open → deadlines: the acknowledgment is due 2 h after the escalation reached the CSM.
const esc: Escalation = Escalation.open({
  account: 'Fabrikam Freight',
  receivedAt: '2026-03-02T09:00:00Z',
  customerTimeZone: 'Europe/Lisbon',
  csmName: 'Tomás Reis',
  csmTimeZone: 'Europe/Madrid',
  arr: { cents: 48000000, currency: 'EUR' },
  id: 'esc-fabrikam',
});
const before: Deadline[] = esc.deadlines('2026-03-02T10:45:00Z');
check(before[0].kind === 'acknowledgment' && before[0].status === 'due-soon', 'ack due soon');
check(before[0].due === '2026-03-02T11:00:00Z', 'ack due at 11:00Z');
// @ts-expect-error: a deadline's status is one of five names, never a number.
const statusIsNumber: number = before[0].status;
// @ts-expect-error: `kind` is a union of names, so a misspelt comparison is caught.
check(before[0].kind !== 'acknowledgement', 'spelling');
void statusIsNumber;

// ack → next action.
const ack: DefuseEvent = esc.record({ type: 'ack-sent', at: '2026-03-02T10:50:00Z', text: 'We are on it.', promisedUpdateAt: '2026-03-02T15:00:00Z' });
check(ack.body.type === 'ack-sent' && ack.escalation === 'esc-fabrikam', 'ack stored');
const next: NextAction = esc.next('2026-03-02T11:00:00Z');
check(next.kind === 'complete-triage', 'triage is next, got ' + next.kind);
// @ts-expect-error: record() needs `at` and the fields of its type.
void (() => esc.record({ type: 'dri-assigned', name: 'Tomás Reis' }));
// @ts-expect-error: `role` is 'csm' | 'cs-manager' | 'other'.
void (() => esc.record({ type: 'dri-assigned', at: '2026-03-02T11:00:00Z', name: 'Tomás Reis', role: 'boss' }));

// JSON round trip.
const saved: EscalationJSON = esc.toJSON();
const text: string = JSON.stringify(esc);
const restored = Escalation.fromJSON(JSON.parse(text) as EscalationJSON);
check(JSON.stringify(restored.toJSON()) === JSON.stringify(saved), 'round trip');
check(Escalation.fromJSON(text).events.length === 2, 'from text');

// merge: two copies, one event each, union by id.
restored.record({ type: 'note', at: '2026-03-02T11:05:00Z', text: 'Customer called back.', id: 'note-a' });
esc.record({ type: 'engineering-looped-in', at: '2026-03-02T11:10:00Z', detail: 'INC-7', id: 'eng-b' });
const merged: Escalation = Escalation.merge(esc, restored);
check(merged.events.map((e: DefuseEvent) => e.id).join(',').endsWith('note-a,eng-b'), 'merge');

// A refused DRI: a team is not a person, and the Error says so.
let refused = '';
try {
  merged.record({ type: 'dri-assigned', at: '2026-03-02T11:20:00Z', name: 'Platform team', role: 'csm' });
} catch (e) {
  refused = (e as Error).message;
}
check(refused.includes('is a team, not a person'), 'team refused: ' + refused);
check(merged.state().dri === null, 'nothing recorded');

// The free functions are typed too.
const facts: AccountFacts = extractAccount({ lang: 'pt-PT', fields: [{ label: 'Account Name', value: 'Fabrikam Freight', kind: 'pair' }] });
check(facts.name?.value === 'Fabrikam Freight', 'facts');
// @ts-expect-error: `name` may be null (nothing read), so strict mode forbids this.
void facts.name.value;
const findings: Finding[] = coachDraft('This is fixed and will never happen again.');
check(findings.every((f) => typeof f.start === 'number'), 'findings');
const msg: Message = generateMessage('dri-announcement', { customerName: 'Fabrikam', senderName: 'Tomás', driName: 'Tomás Reis' });
check(typeof msg.ready === 'boolean' && msg.text.includes('Tomás Reis'), 'message');
// @ts-expect-error: generateMessage's kind is a name from the list.
void (() => generateMessage('haiku', { customerName: 'x', senderName: 'y', driName: 'z' }));
check(deadlines(merged.events, Date.parse('2026-03-02T11:30:00Z')).length > 0, 'free deadlines');
// @ts-expect-error: nowMs is a number of milliseconds, not a date string.
void (() => deadlines(merged.events, '2026-03-02T11:30:00Z'));

// Reminders for a service worker of the host's own: every stored [key, text] pair.
const pairs: [string, string][] = merged.events.map((e: DefuseEvent) => [`defuse:ev:${e.escalation}:${e.id}`, JSON.stringify(e)]);
const plan: ReminderPlan = reminders(pairs, Date.parse('2026-03-02T11:30:00Z'), 'pt-PT');
check(plan.unreadable === 0 && plan.alarms.length > 0 && typeof plan.badge === 'number', 'reminders');
check(affectsReminders(['defuse:settings']) && !affectsReminders(['other:key']), 'affectsReminders');
// @ts-expect-error: the locale is a tag such as 'pt-PT', not a flag.
void (() => reminders(pairs, 0, true));

// The conversation's escalating message, or null.
const found: ConversationEscalation | null = conversationEscalation({
  lang: 'en',
  messages: [{ text: 'Fourth email this week and still no answer. This is unacceptable; our COO wants a call today.', direction: 'inbound' }],
});
check(found !== null && found.message.voice === 'customer' && found.message.matches.every((m) => m.text.length > 0), 'conversation: ' + JSON.stringify(found));
// @ts-expect-error: the result may be null.
void found.intensity;
const cause: RootCause = 'unknown';
// @ts-expect-error: the older name is read from stored logs, never written.
const oldCause: RootCause = 'product-bug';
void cause;
void oldCause;

console.log('uses-core: ok');
