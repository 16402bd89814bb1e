//! Time-zone rules from the browser's `Intl` (the core carries no tz
//! database): the UTC offset of any IANA zone at any instant, cached per zone.
//! Where the browser has `Temporal`, offsets and the local zone come from it:
//! the first `Intl.DateTimeFormat` built in a process loads ICU's locale and
//! pattern data (measured 30–200 ms on a cold panel open, more than the rest
//! of the first frame), which a panel without an open escalation never needs.

use crate::engine::TimeZoneRules;
use crate::sort_map::Map;
use chrono::{DateTime, Utc};
use js_sys::{Array, Date, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
pub struct IntlRules {
    formats: RefCell<Map<String, Option<Intl::DateTimeFormat>>>,
    /// The "short zone name" formatters, one per zone: building one costs
    /// more than formatting with it, and every frame names the same zones.
    short: RefCell<Map<String, Option<Intl::DateTimeFormat>>>,
}

fn format_for(zone: &str) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).ok();
    set("timeZone", zone)?;
    set("hourCycle", "h23")?;
    for k in ["year", "month", "day", "hour", "minute", "second"] {
        set(k, "numeric")?;
    }
    // An unknown zone throws a RangeError: that is our "unknown".
    let construct = || -> Result<Intl::DateTimeFormat, JsValue> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into())?;
        let ctor: js_sys::Function = Reflect::get(&intl, &"DateTimeFormat".into())?.dyn_into()?;
        let args = Array::of2(&JsValue::from_str("en-US"), &options);
        Reflect::construct(&ctor, &args)?.dyn_into::<Intl::DateTimeFormat>()
    };
    construct().ok()
}

/// `Temporal.<name>` (`Instant`, `Now`), when the browser has `Temporal`.
fn temporal(name: &str) -> Option<JsValue> {
    let temporal = Reflect::get(&js_sys::global(), &"Temporal".into()).ok()?;
    let member = Reflect::get(&temporal, &name.into()).ok()?;
    (!member.is_undefined() && !member.is_null()).then_some(member)
}

/// `Temporal.Instant`, when the browser has it.
fn temporal_instant() -> Option<JsValue> {
    temporal("Instant").filter(JsValue::is_function)
}

/// Calls `target.method(...args)`; `None` when it is missing or throws.
fn call(target: &JsValue, method: &str, args: &Array) -> Option<JsValue> {
    let f: js_sys::Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    Reflect::apply(&f, target, args).ok()
}

/// The offset by `Temporal`: `Some(None)` for a zone it does not know,
/// `None` when `Temporal` cannot answer (absent), so `Intl` is asked.
fn temporal_offset(instant: &JsValue, zone: &str, ms: i64) -> Option<Option<i32>> {
    let at = call(
        instant,
        "fromEpochMilliseconds",
        &Array::of1(&JsValue::from_f64(ms as f64)),
    )?;
    // An unknown zone throws a RangeError: that is our "unknown".
    let Some(zoned) = call(&at, "toZonedDateTimeISO", &Array::of1(&zone.into())) else {
        return Some(None);
    };
    let ns = Reflect::get(&zoned, &"offsetNanoseconds".into())
        .ok()?
        .as_f64()?;
    let offset = (ns / 1e9).round();
    Some((offset.abs() <= 18.0 * 3600.0).then_some(offset as i32))
}

impl IntlRules {
    fn with_format<T>(
        &self,
        zone: &str,
        f: impl FnOnce(&Intl::DateTimeFormat) -> Option<T>,
    ) -> Option<T> {
        let mut cache = self.formats.borrow_mut();
        let entry = cache
            .entry(zone.to_string())
            .or_insert_with(|| format_for(zone));
        entry.as_ref().and_then(f)
    }

    /// Whether the browser knows this zone name.
    pub fn knows(&self, zone: &str) -> bool {
        if let Some(known) =
            temporal_instant().and_then(|i| temporal_offset(&i, zone, js_sys::Date::now() as i64))
        {
            return known.is_some();
        }
        self.with_format(zone, |_| Some(())).is_some()
    }
}

impl TimeZoneRules for IntlRules {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> Option<i32> {
        let ms = at.timestamp_millis();
        if let Some(offset) = temporal_instant().and_then(|i| temporal_offset(&i, zone, ms)) {
            return offset;
        }
        self.with_format(zone, |fmt| {
            let date = Date::new(&JsValue::from_f64(ms as f64));
            let parts = fmt.format_to_parts(&date);
            let mut v = [0i64; 6];
            for part in parts.iter() {
                let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
                let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
                let i = match kind.as_str() {
                    "year" => 0,
                    "month" => 1,
                    "day" => 2,
                    "hour" => 3,
                    "minute" => 4,
                    "second" => 5,
                    _ => continue,
                };
                if let Some(slot) = v.get_mut(i) {
                    *slot = value.parse().ok()?;
                }
            }
            // The wall-clock reading, taken as if it were UTC.
            let month_start = Date::utc(v[0] as f64, (v[1] - 1) as f64);
            let local_ms = month_start
                + ((v[2] - 1) * 86_400_000 + v[3] * 3_600_000 + v[4] * 60_000 + v[5] * 1000) as f64;
            let whole_seconds = (ms.div_euclid(1000) * 1000) as f64;
            let offset = ((local_ms - whole_seconds) / 1000.0).round();
            (offset.abs() <= 18.0 * 3600.0).then_some(offset as i32)
        })
    }
}

/// The browser's own zone (the CSM's), e.g. `Europe/Berlin`.
pub fn local_zone() -> String {
    if let Some(id) = temporal("Now")
        .and_then(|n| call(&n, "timeZoneId", &Array::new()))
        .and_then(|id| id.as_string())
    {
        return id;
    }
    let fmt = Intl::DateTimeFormat::new(&Array::new(), &Object::new());
    let options = fmt.resolved_options();
    Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".to_string())
}

/// The short name of a zone at an instant as the browser writes it
/// ("CST", "GMT+1"), or `None` for an unknown zone.
pub fn short_name(zone: &str, at: DateTime<Utc>) -> Option<String> {
    short_name_with(&short_format(zone)?, at)
}

fn short_format(zone: &str) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    Reflect::set(&options, &"timeZoneName".into(), &"short".into()).ok()?;
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: js_sys::Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Reflect::construct(&ctor, &Array::of2(&"en-US".into(), &options))
        .ok()?
        .dyn_into()
        .ok()
}

fn short_name_with(fmt: &Intl::DateTimeFormat, at: DateTime<Utc>) -> Option<String> {
    let date = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    fmt.format_to_parts(&date).iter().find_map(|p| {
        let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
        (kind == "timeZoneName").then(|| Reflect::get(&p, &"value".into()).ok()?.as_string())?
    })
}

impl crate::panel::Zones for IntlRules {
    fn short_name(&self, zone: &str, at: DateTime<Utc>) -> Option<String> {
        let mut cache = self.short.borrow_mut();
        let fmt = cache
            .entry(zone.to_string())
            .or_insert_with(|| short_format(zone));
        short_name_with(fmt.as_ref()?, at)
    }
    fn knows(&self, zone: &str, _at: DateTime<Utc>) -> bool {
        IntlRules::knows(self, zone)
    }
}
