// Walks one escalation in real Chromium on a fake clock (Playwright's
// page.clock on the panel page) and saves a screenshot of each step:
// `node tests/e2e/walk.mjs <out-dir>`. A manual check, not part of `make test`.

import { launch } from './harness.mjs';

const out = process.argv[2] || '/tmp/shots';
const h = await launch();
try {
  const page = await h.openPage('/fixtures/slice/index.html');
  const tabId = await h.tabIdOf(page);
  const panel = await h.context.newPage();
  h.watchPage(panel, 'panel');
  await panel.setViewportSize({ width: 420, height: 1400 });
  await panel.clock.install({ time: new Date('2026-11-27T15:00:00Z') });
  await panel.goto(`chrome-extension://${h.extensionId}/panel.html?tab=${tabId}`);
  await panel.waitForSelector('html[data-ready="true"]');
  await panel.getByTestId('account-name').waitFor();
  const shot = (name) => panel.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  await panel.fill('#f-open-reached', '2026-11-27T14:20');
  await panel.fill('#f-open-csm-name', 'Priya Raman');
  if (!(await panel.inputValue('#f-open-customer-zone'))) await panel.fill('#f-open-customer-zone', 'America/Chicago');
  await shot('1-open');
  await panel.click('[data-action=open]');
  await panel.getByTestId('next-deadline').waitFor();
  await panel.fill('#f-ack-impact', 'your dispatch team cannot release shipments');
  await shot('2-acknowledge');
  await panel.getByTestId('mark-sent').first().click();
  await panel.getByTestId('step-triage').waitFor();
  await panel.fill('#f-triage-stated-problem', 'Orders stuck in the sync queue');
  await panel.click('[data-action=complete-triage]');
  await shot('3-triage-errors');
  for (const [id, v] of [['impact', '40 dispatchers idle'], ['started', 'Tuesday 9:00'], ['happened-before', 'No'], ['most-affected', 'Dana, ops lead']]) await panel.fill(`#f-triage-${id}`, v);
  await panel.selectOption('#f-triage-cause-kind', 'configuration');
  await panel.selectOption('#f-triage-desired-outcome', 'fix');
  await panel.click('[data-action=accept][data-arg="triage.arr-renewal"]');
  await panel.click('[data-action=complete-triage]');
  await panel.locator('#f-dri-name').waitFor();
  await panel.click('[data-action=assign-dri]');
  await panel.locator('[data-draft-block=dri-announcement]').waitFor();
  await shot('4-dri');
  await panel.locator('[data-draft-block=dri-announcement] [data-testid=mark-sent]').click();
  await panel.clock.fastForward('03:00:00');
  await panel.locator('#f-update-today').waitFor();
  await panel.fill('#f-update-today', 'We found the sync setting that drops large orders.');
  await panel.fill('#f-update-next-step', 'Bo ships the configuration fix');
  await panel.fill('#f-update-eta-why', 'the fix is still being tested');
  await shot('5-cadence');
  await panel.fill('#f-update-next-date', '2026-11-28');
  await panel.locator('[data-draft-block=daily-update] [data-testid=mark-sent]').click();
  // The coach still has a warning (the promised update is late): confirm sending anyway.
  const confirm = panel.locator('[data-draft-block=daily-update] [data-action=confirm-mark-sent]');
  if (await confirm.count()) {
    await shot('5b-confirm-with-warnings');
    await confirm.click();
  }
  await panel.locator('[data-testid=timeline-event][data-type=update-sent]').waitFor();
  // A day passes with no message, then the CSM reloads the panel.
  await panel.clock.fastForward('26:00:00');
  await panel.reload();
  await panel.waitForSelector('html[data-ready="true"]');
  await panel.getByTestId('next-deadline').waitFor();
  await shot('6-next-day-after-reload');
  await panel.selectOption('#f-resolve-root-cause', 'configuration');
  await panel.click('[data-action=resolve]');
  await panel.locator('[data-testid=timeline-event][data-type=resolved]').waitFor();
  await shot('7-close-out');
  console.log('errors:', JSON.stringify(h.errors));
} finally {
  await h.close();
}
