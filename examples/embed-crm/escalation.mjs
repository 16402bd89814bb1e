// The core's Escalation API from Node, as a CRM's back end or a script would
// use it (copy and adapt). After `make build`, pkg/ is the npm package
// `defuse-core`; in your project: npm install defuse-core-<version>.tgz, then
// `import { Escalation } from 'defuse-core'` (no init needed in Node).
//
//   node examples/embed-crm/escalation.mjs

import { Escalation } from '../../pkg/node.js';

const esc = Escalation.open({
  account: 'Contoso Cargo',
  receivedAt: '2026-09-14T15:20:00Z',
  customerTimeZone: 'America/Denver',
  csmName: 'Jordan Ellis',
  csmTimeZone: 'America/New_York',
  arr: { cents: 86000000, currency: 'USD' },
  renewal: '2027-09-30',
});

const show = (now) => {
  const next = esc.next(now);
  console.log(`${now}  next: ${next.label}${next.due ? ` (due ${next.due}, ${next.status})` : ''}`);
};

show('2026-09-14T16:00:00Z');
esc.record({ type: 'ack-sent', at: '2026-09-14T16:05:00Z', text: 'Jordan here, I own this.', promisedUpdateAt: '2026-09-14T21:00:00Z' });
show('2026-09-14T16:10:00Z');

try {
  esc.record({ type: 'dri-assigned', at: '2026-09-14T16:30:00Z', name: 'Billing team', role: 'csm' });
} catch (e) {
  console.log('refused:', e.message);
}
esc.record({ type: 'dri-assigned', at: '2026-09-14T16:31:00Z', name: 'Jordan Ellis', role: 'csm' });

for (const d of esc.deadlines('2026-09-14T16:40:00Z')) console.log(`  ${d.kind.padEnd(15)} due ${d.due}  ${d.status}`);

// Save anywhere as JSON; load it back; merge copies from two devices.
const saved = JSON.stringify(esc);
const elsewhere = Escalation.fromJSON(saved);
elsewhere.record({ type: 'note', at: '2026-09-14T17:00:00Z', text: 'Finance lead called back.' });
const merged = Escalation.merge(esc, elsewhere);
console.log(`merged log: ${merged.events.length} events, stage ${merged.state().stage}`);
