#!/usr/bin/env node
// Money and date texts as the browser's `Intl` (ICU, an independent reference
// from the CLDR tables the core is built from) writes them, with the value
// each one means. Printed as JSON for the locale suite (tests/core/locales.rs)
// and the bench (examples/locale_eval.rs).
//
//   node tools/locale-cases.mjs --set measure   the set the suite asserts on
//   node tools/locale-cases.mjs --set tune      a different set to iterate on
//
// The two sets draw different amounts and dates from different seeds. The
// locales are generated, not listed: every locale CLDR rates "modern" that
// this Node's Intl formats itself (not through a fallback), with its region's
// currency from CLDR's currency data.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const coverage = require('cldr-core/coverageLevels.json').effectiveCoverageLevels;
const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
const currencyData = require('cldr-core/supplemental/currencyData.json').supplemental.currencyData;

const set = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : 'measure';
const SEEDS = { measure: 0x5eed2027, tune: 0x7a11e };
if (!(set in SEEDS)) {
  console.error(`unknown set ${set}: use --set measure or --set tune`);
  process.exit(2);
}

// Small deterministic generator (mulberry32), so a set is the same every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEEDS[set]);
const pick = (n) => Math.floor(random() * n);

function regionOf(id) {
  const parts = id.split('-');
  const region = parts.slice(1).find((p) => /^[A-Z]{2}$/.test(p));
  if (region) return region;
  const max = likely[id] ?? likely[parts[0]];
  return max?.split('-').find((p) => /^[A-Z]{2}$/.test(p));
}
function currencyOf(region) {
  for (const entry of currencyData.region[region] ?? []) {
    const [code, info] = Object.entries(entry)[0];
    if (!info._to && info._tender !== 'false') return code;
  }
  return undefined;
}
const digitsOf = (code) => Number(currencyData.fractions[code]?._digits ?? currencyData.fractions.DEFAULT._digits);

const locales = Object.entries(coverage)
  .filter(([id, level]) => level === 'modern' && id !== 'und')
  .map(([id]) => id)
  .filter((id) => Intl.NumberFormat.supportedLocalesOf([id]).length === 1)
  // Intl falls back to a parent for tags it lacks: keep only exact support.
  .filter((id) => new Intl.DateTimeFormat(id).resolvedOptions().locale.split('-u-')[0] === id || !id.includes('-'))
  .sort();

const cases = [];
const amount = (digits) => {
  // Whole units with a random number of digits (3 to 9), cents as the currency has them.
  const magnitude = 10 ** (3 + pick(7));
  const whole = Math.floor(magnitude * (1 + random() * 9));
  const minor = digits === 0 ? 0 : pick(100);
  return whole * 100 + minor;
};
const compactAmount = () => {
  // Three significant digits, so the compact text shows the exact amount.
  const digits = 100 + pick(900);
  const exponent = 1 + pick(8);
  return digits * 10 ** exponent * 100;
};

for (const locale of locales) {
  const own = currencyOf(regionOf(locale));
  if (!own) continue;
  const currencies = [own, ['USD', 'EUR', 'JPY', 'GBP'][pick(4)]];
  for (const currency of currencies) {
    const digits = digitsOf(currency);
    const cents = amount(digits);
    const options = { style: 'currency', currency, minimumFractionDigits: Math.min(digits, 2), maximumFractionDigits: Math.min(digits, 2) };
    cases.push({ locale, kind: 'currency', text: new Intl.NumberFormat(locale, options).format(cents / 100), cents, currency });
    const c = compactAmount();
    const compact = { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 };
    cases.push({ locale, kind: 'compact-currency', text: new Intl.NumberFormat(locale, compact).format(c / 100), cents: c, currency });
  }
  const plain = amount(2);
  cases.push({ locale, kind: 'decimal', text: new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(plain / 100), cents: plain, currency: null });
  for (const display of ['short', 'long']) {
    const c = compactAmount();
    const text = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: display, maximumSignificantDigits: 3 }).format(c / 100);
    cases.push({ locale, kind: `compact-${display}`, text, cents: c, currency: null });
  }
  for (const style of ['short', 'medium', 'long', 'full']) {
    // A day between 2020 and 2045, as renewal dates are.
    const day = new Date(Date.UTC(2020, 0, 1) + pick(26 * 365) * 86400e3);
    const text = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(day);
    cases.push({ locale, kind: `date-${style}`, text, date: day.toISOString().slice(0, 10) });
  }
}

process.stdout.write(JSON.stringify({ set, node: process.version, icu: process.versions.icu, locales: locales.length, cases }));
