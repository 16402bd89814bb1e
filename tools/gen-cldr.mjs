#!/usr/bin/env node
// Generates src/account/cldr_tables.rs: what reading money and dates needs
// from CLDR (npm packages cldr-core, cldr-numbers-full, cldr-dates-full, all
// pinned in package.json), as compact Rust tables: one string blob and small
// integer slices, no per-locale code.
//
//   node tools/gen-cldr.mjs           write the file
//   node tools/gen-cldr.mjs --check   exit 1 when the checked-in file differs
//
// Locales: every locale CLDR rates "modern" coverage. Locales whose data is
// identical share one record, so regional variants cost a few bytes.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src', 'account', 'cldr_tables.rs');

const supp = (name) => require(`cldr-core/supplemental/${name}.json`).supplemental;
const likely = supp('likelySubtags').likelySubtags;
const currencyData = supp('currencyData').currencyData;
const calendarPrefs = supp('calendarPreferenceData').calendarPreferenceData;
const calendarData = supp('calendarData').calendarData;
const territoryInfo = supp('territoryInfo').territoryInfo;
const numberingSystems = supp('numberingSystems').numberingSystems;
const coverage = require('cldr-core/coverageLevels.json').effectiveCoverageLevels;
const cldrVersion = require('cldr-core/package.json').version;

const locales = Object.entries(coverage)
  .filter(([id, level]) => level === 'modern' && id !== 'und')
  .map(([id]) => id)
  .filter((id) => fs.existsSync(path.join(ROOT, 'node_modules', 'cldr-dates-full', 'main', id)))
  .sort();

// Era names are not in the three CLDR packages above (they live in the
// calendar-specific packages, not published for CLDR 48); the era start years
// are, in cldr-core's calendarData. Names: the era as each calendar's own
// locale writes it. Value = the Gregorian year of the era's year 1, minus 1.
const eraStart = (cal, code) => {
  const eras = Object.values(calendarData[cal].eras);
  const era = eras.find((e) => e._code === code) ?? eras[0];
  return Number(era._start.match(/^-?\d+/)[0]) - 1;
};
const ERAS = [
  ['พ.ศ.', eraStart('buddhist', 'be')],
  ['พุทธศักราช', eraStart('buddhist', 'be')],
  ['ပ.သ.', eraStart('buddhist', 'be')],
  ['民國', eraStart('roc', 'roc')],
  ['民国', eraStart('roc', 'roc')],
  ['中華民國', eraStart('roc', 'roc')],
  ['令和', eraStart('japanese', 'reiwa')],
  ['平成', eraStart('japanese', 'heisei')],
  ['昭和', eraStart('japanese', 'showa')],
];
// The Persian (solar Hijri) calendar's month names, which the Gregorian data
// CLDR ships here lacks: as Iranian pages write them, as Afghan pages write
// them in Dari (the zodiac names) and in Pashto. Month numbers are what matter.
const PERSIAN_MONTHS = [
  ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  ['حمل', 'ثور', 'جوزا', 'سرطان', 'اسد', 'سنبله', 'میزان', 'عقرب', 'قوس', 'جدی', 'دلو', 'حوت'],
  ['وری', 'غویی', 'غبرگولی', 'چنگاښ', 'زمری', 'وږی', 'تله', 'لړم', 'لیندۍ', 'مرغومی', 'سلواغه', 'کب'],
];
// What Persian-calendar dates carry besides (the era, "AP" in Pashto dates).
const PERSIAN_WORDS = ['AP', 'ه‍.ش.', 'هـ.ش.'];

// ---------------------------------------------------------------- helpers
// Runs of words live back to back in one blob: each entry is a character
// holding its value (U+0020 + value) then the word, entries split by U+0001.
// Identical runs (a regional variant's months) are stored once.
let blob = '';
const runs = new Map(); // run text -> [byte offset, byte length]
function run(list) {
  const text = list
    .map(([s, v]) => {
      if (v > 0xffff - 0x20 || s.includes('\u0001')) throw new Error(`cannot store ${s}=${v}`);
      return String.fromCodePoint(0x20 + v) + s;
    })
    .join('\u0001');
  if (!runs.has(text)) {
    const found = text ? blob.indexOf(text) : 0;
    const at = Buffer.byteLength(found >= 0 ? blob.slice(0, found) : blob);
    if (found < 0) blob += text;
    runs.set(text, [at, Buffer.byteLength(text)]);
  }
  const [at, len] = runs.get(text);
  if (len > 0xffff) throw new Error('run over 64 KiB');
  return [at, len];
}
const lower = (s) => s.toLocaleLowerCase('und');
const clean = (s) => s.replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '').replace(/\u00a0|\u202f/g, ' ').trim();

function addWord(map, s, value) {
  const w = lower(clean(s));
  if (!w || /^[0-9]+$/.test(w)) return;
  const variants = [w];
  if (w.endsWith('.') && w.length > 1) variants.push(w.slice(0, -1));
  for (const v of variants) {
    if (map.has(v) && map.get(v) !== value) map.set(v, null); // conflicting: drop
    else if (!map.has(v)) map.set(v, value);
  }
}
const finish = (map) => [...map].filter(([, v]) => v !== null).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

function regionOf(id) {
  const parts = id.split('-');
  const region = parts.slice(1).find((p) => /^[A-Z]{2}$|^[0-9]{3}$/.test(p));
  if (region) return region;
  const max = likely[id] ?? likely[parts[0]];
  return max ? max.split('-').find((p) => /^[A-Z]{2}$/.test(p)) : undefined;
}
function currencyOf(region) {
  const list = currencyData.region[region] ?? [];
  for (const entry of list) {
    const [code, info] = Object.entries(entry)[0];
    if (!info._to && info._tender !== 'false') return code;
  }
  return undefined;
}
const CALENDARS = ['gregorian', 'buddhist', 'persian', 'japanese', 'roc'];
function calendarOf(region) {
  const pref = (calendarPrefs[region] ?? calendarPrefs['001'])[0];
  const i = CALENDARS.indexOf(pref);
  return i >= 0 ? i : 255; // 255: a calendar the reader refuses rather than guesses
}
function fieldOrder(pattern) {
  const bare = pattern.replace(/'[^']*'/g, '');
  const pos = (re) => bare.search(re);
  const order = [['y', pos(/y/)], ['m', pos(/[ML]/)], ['d', pos(/d/)]].sort((a, b) => a[1] - b[1]);
  return order.map((o) => o[0]).join('');
}
const ORDERS = ['dmy', 'mdy', 'ymd', 'ydm'];
// Literal text of a date pattern (`年`, `de`, `г.`, `ב` …) and whether it is
// glued to the month (Hebrew `בMMMM`), to read it back.
function literals(pattern) {
  const out = [];
  const re = /'([^']*)'|([a-zA-Z])\2*|([^a-zA-Z']+)/g;
  let m;
  const parts = [];
  while ((m = re.exec(pattern))) {
    if (m[1] !== undefined) parts.push({ lit: m[1] });
    else if (m[2]) parts.push({ field: m[0] });
    else parts.push({ lit: m[3] });
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.lit === undefined) continue;
    for (const w of p.lit.split(/[\s,.\-/:()،،]+/)) if (/\p{L}/u.test(w)) out.push({ word: w });
    const next = parts[i + 1];
    if (next && next.field && /^[ML]{3,}$/.test(next.field) && /\p{L}$/u.test(p.lit)) {
      out.push({ prefix: p.lit.match(/\p{L}+$/u)[0] });
    }
    const previous = parts[i - 1];
    if (previous && previous.field && /^[ML]{3,}$/.test(previous.field) && /^\p{L}/u.test(p.lit)) {
      out.push({ suffix: p.lit.match(/^\p{L}+/u)[0] });
    }
  }
  return out;
}

// ----------------------------------------------------- symbols and scales
const nativeZeros = new Set();
for (const ns of Object.values(numberingSystems)) {
  if (ns._type !== 'numeric') continue;
  const digits = [...ns._digits];
  const zero = digits[0].codePointAt(0);
  if (zero !== 48 && digits.every((d, i) => d.codePointAt(0) === zero + i)) nativeZeros.add(zero);
}

const currentCodes = new Set();
for (const list of Object.values(currencyData.region)) {
  for (const entry of list) {
    const [c, info] = Object.entries(entry)[0];
    if (!info._to && info._tender !== 'false') currentCodes.add(c);
  }
}
const symbolUse = new Map(); // symbol (no trailing dot) -> Map(code -> gdp)
const spellings = new Map(); // symbol (no trailing dot) -> the ways locales write it
const gdpOf = (region) => Number(territoryInfo[region]?._gdp ?? 0);
const perLocale = new Map();
for (const id of locales) {
  const n = require(`cldr-numbers-full/main/${id}/numbers.json`).main[id].numbers;
  const c = require(`cldr-numbers-full/main/${id}/currencies.json`).main[id].numbers.currencies;
  const region = regionOf(id);
  const own = currencyOf(region);
  const std = new Map();
  for (const [code, info] of Object.entries(c)) {
    for (const key of ['symbol', 'symbol-alt-narrow', 'symbol-alt-variant']) {
      const s = info[key] && lower(clean(info[key]));
      if (!s || !currentCodes.has(code) || s === lower(code) || currentCodes.has(s.toUpperCase()) || !/[^\s\u200b]/.test(s)) continue;
      if (key === 'symbol') {
        if (std.has(s) && std.get(s) !== code) std.set(s, null);
        else std.set(s, code);
      }
      // A symbol counts for a currency where that currency is the locale's own.
      // Narrow forms are a fallback a page may use; only standard ones weigh.
      // `Rs` and `Rs.` are one symbol as far as sharing goes.
      const weight = code === own && key === 'symbol' ? gdpOf(region) : 0;
      const shareKey = s.replace(/\.$/, '');
      if (!symbolUse.has(shareKey)) symbolUse.set(shareKey, new Map());
      const m = symbolUse.get(shareKey);
      m.set(code, Math.max(m.get(code) ?? 0, weight));
      if (!spellings.has(shareKey)) spellings.set(shareKey, new Set());
      spellings.get(shareKey).add(s);
    }
  }
  perLocale.set(id, { n, c, std, own, region });
}

// A symbol is shared when a second currency writes it in its own country with
// at least 1% of the economic weight of the first (`$`, `¥`, `kr`; not `£`).
const shared = new Set();
const globalReading = new Map();
const globalSymbols = [];
const english = perLocale.get('en').std;
for (const [key, uses] of [...symbolUse].sort()) {
  const ranked = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const [first, second] = ranked;
  const isShared = second && (second[1] >= first[1] * 0.01 || first[1] === 0);
  for (const s of [...spellings.get(key)].sort()) {
    if (isShared) {
      shared.add(s);
      // What the symbol is assumed to be with no better clue: the English reading.
      const fallback = english.get(s);
      if (fallback) globalSymbols.push([s, fallback, 1]);
    } else {
      globalSymbols.push([s, first[0], 0]);
      globalReading.set(s, first[0]);
    }
  }
}

// ----------------------------------------------------------------- records
const codes = new Map();
const code = (c) => {
  if (!codes.has(c)) codes.set(c, codes.size);
  return codes.get(c);
};
[...currentCodes].sort().forEach(code);

const zeroDecimals = Object.entries(currencyData.fractions)
  .filter(([c, f]) => f._digits === '0' && currentCodes.has(c))
  .map(([c]) => c)
  .sort();
const threeDecimals = Object.entries(currencyData.fractions)
  .filter(([c, f]) => f._digits === '3' && currentCodes.has(c))
  .map(([c]) => c)
  .sort();

const records = [];
const recordIndex = new Map();
const keys = new Map(); // lower-case tag -> [record, region currency]

function scaleWords(n, sys) {
  const map = new Map();
  const groups = [
    n[`decimalFormats-numberSystem-${sys}`]?.short?.decimalFormat,
    n[`decimalFormats-numberSystem-${sys}`]?.long?.decimalFormat,
    n[`currencyFormats-numberSystem-${sys}`]?.short?.standard,
  ];
  for (const g of groups) {
    const found = new Map();
    for (const [key, full] of Object.entries(g ?? {})) {
      const pattern = full.split(';')[0];
      const magnitude = key.match(/^1(0*)-/)[1].length;
      const zeros = (pattern.match(/0+/) ?? [''])[0].length;
      const word = pattern.replace(/'/g, '').replace(/[0¤]/g, '').replace(/[#,.]+(?=\d)/g, '');
      if (zeros === 0) continue;
      addWord(found, word, magnitude - (zeros - 1));
    }
    // A word the decimal patterns give two factors is not read (Nepali
    // `करोड` is 10^7 in short patterns, 10^6 in long ones); currency patterns
    // only add words the decimal ones lack.
    for (const [w, v] of found) {
      if (!map.has(w)) map.set(w, v);
      else if (g !== groups[2] && map.get(w) !== v) map.set(w, null);
    }
  }
  return finish(map);
}

for (const id of locales) {
  const { n, std, own, region } = perLocale.get(id);
  const g = require(`cldr-dates-full/main/${id}/ca-gregorian.json`).main[id].dates.calendars.gregorian;
  const sys = n.defaultNumberingSystem;
  const latn = n['symbols-numberSystem-latn'];
  const native = n[`symbols-numberSystem-${sys}`] ?? latn;
  const months = new Map();
  const prefixes = new Set();
  const suffixes = new Set();
  const ignore = new Map();
  for (const style of ['short', 'medium', 'long', 'full']) {
    for (const l of literals(g.dateFormats[style])) {
      if (l.word) addWord(ignore, l.word, 0);
      if (l.prefix) prefixes.add(l.prefix);
      if (l.suffix) suffixes.add(l.suffix);
    }
  }
  for (const ctx of ['format', 'stand-alone']) {
    for (const width of ['abbreviated', 'wide']) {
      for (const [m, name] of Object.entries(g.months[ctx][width])) {
        addWord(months, name, Number(m));
        for (const p of prefixes) addWord(months, p + name, Number(m));
        for (const x of suffixes) addWord(months, name + x, Number(m));
      }
      for (const name of Object.values(g.days[ctx][width])) addWord(ignore, name, 0);
    }
  }
  for (const width of ['eraNames', 'eraAbbr']) {
    for (const [k, name] of Object.entries(g.eras[width])) if (k.startsWith('1')) addWord(ignore, name, 0);
  }
  const calendar = calendarOf(region);
  if (calendar === CALENDARS.indexOf('persian')) {
    for (const names of PERSIAN_MONTHS) for (const [m, name] of names.entries()) addWord(months, name, 100 + m + 1);
    for (const w of PERSIAN_WORDS) addWord(ignore, w, 0);
  }
  for (const [w] of months) ignore.delete(w);
  // The locale's own readings of symbols others read differently (`$` on
  // en-CA, `£` on en-GI).
  const symbols = [...std].filter(([s, c]) => c && (shared.has(s) || (globalReading.has(s) && globalReading.get(s) !== c))).sort();
  const record = {
    decimal: clean(latn.decimal) || latn.decimal,
    group: latn.group,
    nativeDecimal: native.decimal,
    nativeGroup: native.group,
    order: ORDERS.indexOf(fieldOrder(g.dateFormats.short)),
    calendar,
    months: run(finish(months)),
    ignore: run(finish(ignore)),
    scales: run(scaleWords(n, 'latn')),
    symbols: run(symbols.map(([s, c]) => [s, code(c)])),
  };
  const k = JSON.stringify(record);
  if (!recordIndex.has(k)) {
    recordIndex.set(k, records.length);
    records.push(record);
  }
  const entry = [recordIndex.get(k), own ? code(own) : 65535];
  keys.set(id.toLowerCase(), entry);
  const lang = id.split('-')[0];
  const max = likely[id];
  if (max && region) {
    const alias = `${lang}-${region}`.toLowerCase();
    if (!locales.includes(alias) && !keys.has(alias)) keys.set(alias, entry);
  }
}
// Aliases found after their own locale must not override it.
for (const id of locales) {
  const { own } = perLocale.get(id);
  const entry = keys.get(id.toLowerCase());
  keys.set(id.toLowerCase(), [entry[0], own ? code(own) : 65535]);
}

const regionCurrencies = Object.keys(currencyData.region)
  .filter((r) => /^[A-Z]{2}$/.test(r) && currencyOf(r))
  .sort()
  .map((r) => [r, code(currencyOf(r))]);

// ------------------------------------------------------------------ output
const globalRun = run(globalSymbols.map(([s, c, assumed]) => [s, code(c) * 2 + assumed]));
const tags = [...keys.keys()].sort();
if (codes.size > 255) throw new Error('more than 255 currencies');
const esc = (s) => JSON.stringify(s).slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, '\\u{$1}').replace(/\\u([0-9a-f]{4})/g, '\\u{$1}');
const ch = (s) => `'${esc(s) === "'" ? "\\'" : esc(s)}'`;
const codeList = [...codes.keys()];
let out = `// @generated by tools/gen-cldr.mjs from CLDR ${cldrVersion} (cldr-core, cldr-numbers-full,
// cldr-dates-full). Do not edit: change the generator and run \`node tools/gen-cldr.mjs\`.
//! CLDR tables for reading money and dates: ${locales.length} locales sharing ${records.length} records.
//! Word lists live in one string blob; records point at runs of it.

/// Runs of \`(value, word)\` entries: each entry is one character (U+0020 +
/// value) then the word; entries are separated by U+0001. Values: a month
/// number (101..=112 for Persian months), 0 for a word to ignore, a power of
/// ten for scale words, a currency index for symbols (in the global run,
/// \`index * 2 + 1\` when the reading is only assumed).
pub(crate) const BLOB: &str = "${esc(blob)}";

/// ISO 4217 codes of the currencies in use, indexed by the tables.
pub(crate) const CODES: &str = "${codeList.join('')}";

/// Currencies written with three decimals (\`1.250,500 KWD\`).
pub(crate) const THREE_DECIMALS: &str = "${threeDecimals.join('')}";

/// Currencies written without decimals (\`JP¥10,916\`).
pub(crate) const ZERO_DECIMALS: &str = "${zeroDecimals.join('')}";

/// A run of \`BLOB\`: byte offset (bits 0..17) and length (bits 17..32), one
/// \`u32\` where an \`(u32, u16)\` pair took 8 bytes in every record.
pub(crate) type Run = u32;

/// The run at \`offset\` of \`len\` bytes (a table that outgrows the fields
/// does not compile).
const fn run(offset: u32, len: u32) -> Run {
    assert!(offset < 1 << 17 && len < 1 << 15);
    offset | len << 17
}

/// One locale's conventions (see \`cldr.rs\` for what each field means).
pub(crate) struct Record {
    pub decimal: char,
    pub group: char,
    pub native_decimal: char,
    pub native_group: char,
    /// 0 day-month-year, 1 month-day-year, 2 year-month-day, 3 year-day-month.
    pub order: u8,
    /// 0 Gregorian, 1 Buddhist, 2 Persian, 3 Japanese, 4 ROC, 255 other.
    pub calendar: u8,
    pub months: Run,
    pub ignore: Run,
    pub scales: Run,
    pub symbols: Run,
}

pub(crate) const RECORDS: &[Record] = &[
${records
  .map(
    (r) =>
      `    Record { decimal: ${ch(r.decimal)}, group: ${ch(r.group)}, native_decimal: ${ch(r.nativeDecimal)}, native_group: ${ch(r.nativeGroup)}, order: ${r.order}, calendar: ${r.calendar}, months: run(${r.months}), ignore: run(${r.ignore}), scales: run(${r.scales}), symbols: run(${r.symbols}) },\n`,
  )
  .join('')}];

/// Lower-case locale tags, sorted, separated by U+0001; \`LOCALE_DATA\` holds
/// each one's (record, region currency or u16::MAX) in the same order.
pub(crate) const LOCALE_TAGS: &str = "${esc(tags.join('\u0001'))}";
pub(crate) const LOCALE_DATA: &[(u16, u16)] = &[
${tags.map((k) => `(${keys.get(k)[0]},${keys.get(k)[1]}),`).join('').replace(/(.{1,96}),/g, '    $1,\n')}];

/// Region codes two letters each, sorted, and each one's currency index.
pub(crate) const REGIONS: &str = "${regionCurrencies.map(([r]) => r).join('')}";
pub(crate) const REGION_CURRENCIES: &[u8] = &[
${regionCurrencies.map(([, c]) => `${c},`).join('').replace(/(.{1,96}),/g, '    $1,\n')}];

/// Symbols read the same on any page, and the assumed readings of shared ones.
pub(crate) const GLOBAL_SYMBOLS: Run = run(${globalRun});

/// Era names and the Gregorian year before their year 1.
pub(crate) const ERAS: &[(&str, i32)] = &[
${ERAS.map(([n, y]) => `    ("${n}", ${y}),\n`).join('')}];

/// The zero of every decimal numbering system besides ASCII.
pub(crate) const ZEROS: &[u32] = &[
${[...nativeZeros].sort((a, b) => a - b).map((z) => `0x${z.toString(16)},`).join('').replace(/(.{1,96}),/g, '    $1,\n')}];
`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (current !== out) {
    console.error(`${path.relative(ROOT, OUT)} is not what tools/gen-cldr.mjs generates; run node tools/gen-cldr.mjs`);
    process.exit(1);
  }
  console.log(`cldr tables up to date (${Buffer.byteLength(out)} bytes of source)`);
} else {
  fs.writeFileSync(OUT, out);
  // What the tables weigh in the binary: the blob, 4 bytes a word, 36 a
  // record, 8 a locale tag, the small tables; and that data gzipped.
  const raw = Buffer.concat([Buffer.from(blob), Buffer.from(tags.join('\u0001')), Buffer.alloc(records.length * 36), Buffer.alloc(keys.size * 4), Buffer.from(codeList.join('')), Buffer.alloc(regionCurrencies.length * 3)]);
  const { gzipSync } = await import('node:zlib');
  console.log(`wrote ${path.relative(ROOT, OUT)}: ${locales.length} locales, ${records.length} records, blob ${Buffer.byteLength(blob)} B; tables ~${raw.length} B in the binary, ~${gzipSync(raw, { level: 9 }).length} B gzipped`);
}
