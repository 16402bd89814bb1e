#!/usr/bin/env node
// Money and date texts as the browser's `Intl` (ICU, an independent reference
// from the CLDR tables the core is built from) writes them, and as CLDR's own
// patterns write them (what Babel and other CLDR formatters print), with the
// value each one means. Printed as JSON for the locale suite (tests/core/locales.rs)
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

// ---- The same values written straight from CLDR's patterns, the way CLDR
// formatters such as Babel write them (Gregorian calendar, Latin digits,
// the standard currency symbol): the second reference the issue names.
const numbersOf = (id) => require(`cldr-numbers-full/main/${id}/numbers.json`).main[id].numbers;
const symbolOf = (id, code) => require(`cldr-numbers-full/main/${id}/currencies.json`).main[id].numbers.currencies[code]?.symbol ?? code;
const gregorianOf = (id) => require(`cldr-dates-full/main/${id}/ca-gregorian.json`).main[id].dates.calendars.gregorian;

function formatNumber(id, pattern, value, fraction) {
  const n = numbersOf(id);
  const sym = n['symbols-numberSystem-latn'];
  const positive = pattern.split(';')[0];
  const body = positive.match(/[#0,.]+/)[0];
  const [intPart] = body.split('.');
  const groups = intPart.split(',');
  const primary = groups.length > 1 ? groups[groups.length - 1].length : 0;
  const secondary = groups.length > 2 ? groups[groups.length - 2].length : primary;
  const [whole, frac] = value.toFixed(fraction).split('.');
  let digits = whole;
  if (primary && whole.length >= primary + Number(n.minimumGroupingDigits ?? 1)) {
    const out = [whole.slice(-primary)];
    let rest = whole.slice(0, -primary);
    while (rest.length > secondary) {
      out.unshift(rest.slice(-secondary));
      rest = rest.slice(0, -secondary);
    }
    if (rest) out.unshift(rest);
    digits = out.join(sym.group);
  }
  const number = frac ? digits + sym.decimal + frac : digits;
  return positive.replace(body, number);
}
function withSymbol(text, symbol) {
  // CLDR's currency spacing: a letter-ending symbol beside a digit gets a space.
  return text
    .replace(/¤(?=\d)/, /\p{L}$/u.test(symbol) ? `${symbol}\u00a0` : symbol)
    .replace(/(?<=\d)¤/, /^\p{L}/u.test(symbol) ? `\u00a0${symbol}` : symbol)
    .replace('¤', symbol);
}
function formatCompact(id, value) {
  const formats = numbersOf(id)['decimalFormats-numberSystem-latn'].short.decimalFormat;
  const magnitude = String(Math.floor(value)).length - 1;
  const pattern = (formats[`1${'0'.repeat(magnitude)}-count-other`] ?? '0').split(';')[0];
  const zeros = (pattern.match(/0+/) ?? [''])[0].length;
  if (pattern === '0') return null;
  const scaled = value / 10 ** (magnitude - zeros + 1);
  const sym = numbersOf(id)['symbols-numberSystem-latn'];
  const shown = String(Math.round(scaled * 10) / 10).replace('.', sym.decimal);
  return pattern.replace(/0+/, shown).replace(/'/g, '');
}
function formatDate(id, style, date) {
  const g = gregorianOf(id);
  const [y, m, d, w] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  return g.dateFormats[style].replace(/'([^']*)'|([a-zA-Z])\2*/g, (all, literal, letter) => {
    if (literal !== undefined) return literal === '' ? "'" : literal;
    const len = all.length;
    switch (letter) {
      case 'y': return len === 2 ? String(y % 100).padStart(2, '0') : String(y);
      case 'M': case 'L': {
        const ctx = letter === 'M' ? 'format' : 'stand-alone';
        if (len >= 4) return g.months[ctx].wide[m];
        if (len === 3) return g.months[ctx].abbreviated[m];
        return len === 2 ? String(m).padStart(2, '0') : String(m);
      }
      case 'd': return len === 2 ? String(d).padStart(2, '0') : String(d);
      case 'E': case 'c': return len >= 4 ? g.days.format.wide[days[w]] : g.days.format.abbreviated[days[w]];
      case 'G': return g.eras.eraAbbr['1'];
      default: return all;
    }
  });
}
for (const locale of locales) {
  const own = currencyOf(regionOf(locale));
  if (!own) continue;
  const n = numbersOf(locale);
  const digits = Math.min(digitsOf(own), 2);
  const cents = amount(digits);
  const currencyPattern = n['currencyFormats-numberSystem-latn'].standard;
  const money = formatNumber(locale, currencyPattern.replace(/\.0+/, digits ? '.' + '0'.repeat(digits) : ''), cents / 100, digits);
  cases.push({ locale, kind: 'cldr-currency', text: withSymbol(money, symbolOf(locale, own)), cents, currency: own });
  const plain = amount(2);
  cases.push({ locale, kind: 'cldr-decimal', text: formatNumber(locale, n['decimalFormats-numberSystem-latn'].standard, plain / 100, 2), cents: plain, currency: null });
  const c = (10 + pick(90)) * 10 ** (3 + pick(7)) * 100;
  const compact = formatCompact(locale, c / 100);
  if (compact) cases.push({ locale, kind: 'cldr-compact', text: compact, cents: c, currency: null });
  for (const style of ['short', 'medium', 'long', 'full']) {
    const day = new Date(Date.UTC(2020, 0, 1) + pick(26 * 365) * 86400e3);
    cases.push({ locale, kind: `cldr-date-${style}`, text: formatDate(locale, style, day), date: day.toISOString().slice(0, 10) });
  }
}

process.stdout.write(JSON.stringify({ set, node: process.version, icu: process.versions.icu, locales: locales.length, cases }));
