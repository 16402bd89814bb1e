//! Suggestions worded from the escalation itself: the customer's time zone,
//! the update already promised, the account's name. Without them the coach
//! still proposes a real time (two hours from now, on the half hour) and says
//! which zone it is in (UTC), never a fixed "3:00 PM".

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Offset, TimeZone, Timelike, Utc};

use super::CoachContext;

pub(super) struct Suggest<'a> {
    cx: &'a CoachContext,
}

impl<'a> Suggest<'a> {
    pub fn new(cx: &'a CoachContext) -> Self {
        Suggest { cx }
    }

    fn offset(&self) -> FixedOffset {
        self.cx
            .customer_utc_offset_minutes
            .and_then(|m| FixedOffset::east_opt(m.saturating_mul(60)))
            .unwrap_or_else(|| Utc.fix())
    }

    /// The customer's zone label, or "UTC" when the offset is unknown.
    fn zone(&self) -> String {
        match (&self.cx.customer_zone, self.cx.customer_utc_offset_minutes) {
            (Some(label), _) if !label.trim().is_empty() => label.trim().to_string(),
            (_, Some(minutes)) if minutes != 0 => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let m = minutes.unsigned_abs();
                format!("UTC{sign}{}:{:02}", m / 60, m % 60)
            }
            _ => "UTC".to_string(),
        }
    }

    fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.offset())
    }

    /// "4:30 PM CET" for an instant, on the customer's wall clock.
    fn clock(&self, at: DateTime<Utc>) -> String {
        let local = self.local(at);
        let (pm, hour) = local.hour12();
        let meridiem = if pm { "PM" } else { "AM" };
        format!("{hour}:{:02} {meridiem} {}", local.minute(), self.zone())
    }

    /// The next update time to propose, with its day: the one already
    /// promised if it is still ahead today, else two hours from now on the
    /// half hour, kept on the customer's today by `promise_today`; only late
    /// in their evening, an hour from now tomorrow ("12:30 AM CST tomorrow").
    pub fn update_soon(&self) -> String {
        let now = self.cx.now;
        let local_now = self.local(now).naive_local();
        if let Some(promised) = self
            .cx
            .promised_update_at
            .filter(|p| *p > now && self.local(*p).date_naive() == local_now.date())
        {
            return format!("{} today", self.clock(promised));
        }
        let wanted = self
            .local(half_hour_up(now + Duration::hours(2)))
            .naive_local();
        match promise_today(local_now, wanted).and_then(|t| self.instant(t)) {
            Some(at) => format!("{} today", self.clock(at)),
            None => format!(
                "{} tomorrow",
                self.clock(half_hour_up(now + Duration::minutes(60)))
            ),
        }
    }

    /// Whether a promise for later today can still be kept on the
    /// customer's clock (see `promise_today`).
    pub fn time_left_today(&self) -> bool {
        let local_now = self.local(self.cx.now).naive_local();
        promise_today(local_now, local_now + Duration::days(1)).is_some()
    }

    /// The instant of a wall-clock time on the customer's fixed offset.
    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.offset()
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
    }

    /// A time tomorrow morning for the next daily update: 10:00 local.
    pub fn update_tomorrow(&self) -> String {
        let zone = self.zone();
        format!("10:00 AM {zone} tomorrow")
    }

    /// "Acme team - " when the account is known.
    pub fn greeting(&self) -> String {
        match self.account() {
            Some(name) => format!("{name} team - "),
            None => String::new(),
        }
    }

    /// The account's name, trimmed; `None` when unknown or blank.
    pub fn account(&self) -> Option<&str> {
        self.cx
            .account_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }

    /// "Acme's team" or "the customer's team".
    pub fn their_team(&self) -> String {
        match self.account() {
            Some(name) => format!("{name}'s team"),
            None => "the customer's team".to_string(),
        }
    }
}

/// The latest wall-clock time promised as "today", and the least lead it
/// needs: the playbook asks for the first update "by a specific time today",
/// which late in the customer's evening is 23:30, and after 23:00 no longer
/// exists: then a specific time tomorrow is the honest promise.
const LAST_TODAY_MINUTES: i64 = 23 * 60 + 30;
const LEAST_LEAD_MINUTES: i64 = 30;

/// `wanted` (a wall-clock time) when it is still on `now`'s day; else the
/// latest time of today (23:30) when it is at least 30 minutes away; else
/// `None`: no time is left today. Shared by the panel's suggested promise
/// and the coach, so a suggestion is never flagged by the coach.
pub fn promise_today(now: NaiveDateTime, wanted: NaiveDateTime) -> Option<NaiveDateTime> {
    if wanted.date() == now.date() && wanted > now {
        return Some(wanted);
    }
    let last = now.date().and_hms_opt(0, 0, 0)? + Duration::minutes(LAST_TODAY_MINUTES);
    (last - now >= Duration::minutes(LEAST_LEAD_MINUTES)).then_some(last)
}

/// `at` rounded up to the next half hour (kept when it is on one).
fn half_hour_up(at: DateTime<Utc>) -> DateTime<Utc> {
    let past_half = i64::from(at.minute() % 30) * 60 + i64::from(at.second());
    if past_half > 0 {
        at + Duration::seconds(30 * 60 - past_half)
    } else {
        at
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn cx(now_hour: u32) -> CoachContext {
        CoachContext {
            now: Utc
                .with_ymd_and_hms(2026, 11, 27, now_hour, 10, 0)
                .single()
                .unwrap_or_default(),
            ..CoachContext::default()
        }
    }

    #[test]
    fn proposes_two_hours_ahead_on_the_half_hour_in_the_customers_zone() {
        let mut c = cx(10);
        assert_eq!(Suggest::new(&c).update_soon(), "12:30 PM UTC today");
        c.customer_zone = Some("CET".into());
        c.customer_utc_offset_minutes = Some(60);
        assert_eq!(Suggest::new(&c).update_soon(), "1:30 PM CET today");
        c.customer_zone = None;
        c.customer_utc_offset_minutes = Some(-330);
        assert_eq!(Suggest::new(&c).update_soon(), "7:00 AM UTC-5:30 today");
    }

    #[test]
    fn keeps_the_promised_time_when_it_is_still_ahead_today() {
        let mut c = cx(10);
        c.customer_zone = Some("PST".into());
        c.customer_utc_offset_minutes = Some(-480);
        c.promised_update_at = Utc.with_ymd_and_hms(2026, 11, 27, 19, 0, 0).single();
        assert_eq!(Suggest::new(&c).update_soon(), "11:00 AM PST today");
        c.account_name = Some(" Acme ".into());
        assert_eq!(Suggest::new(&c).greeting(), "Acme team - ");
    }

    #[test]
    fn late_in_the_customers_evening_the_promise_stays_today_until_none_is_left() {
        // 21:10 CST: two hours ahead is tomorrow, 23:30 is still today.
        let mut c = cx(3);
        c.customer_zone = Some("CST".into());
        c.customer_utc_offset_minutes = Some(-360);
        assert_eq!(Suggest::new(&c).update_soon(), "11:30 PM CST today");
        assert!(Suggest::new(&c).time_left_today());
        // 22:10 CST: still 23:30 today.
        let c2 = CoachContext {
            now: c.now + Duration::hours(1),
            ..c.clone()
        };
        assert_eq!(Suggest::new(&c2).update_soon(), "11:30 PM CST today");
        // 23:10 CST: 23:30 is too close; an hour ahead, on the half hour, tomorrow.
        let c3 = CoachContext {
            now: c.now + Duration::hours(2),
            ..c.clone()
        };
        assert!(!Suggest::new(&c3).time_left_today());
        assert_eq!(Suggest::new(&c3).update_soon(), "12:30 AM CST tomorrow");
    }

    #[test]
    fn promise_today_keeps_todays_times_and_caps_at_half_past_eleven() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        let at = |h: u32, m: u32| day.and_hms_opt(h, m, 0).unwrap_or_default();
        assert_eq!(promise_today(at(9, 0), at(12, 0)), Some(at(12, 0)));
        assert_eq!(
            promise_today(at(21, 0), at(23, 59) + Duration::hours(1)),
            Some(at(23, 30))
        );
        assert_eq!(
            promise_today(at(23, 0), at(23, 0) + Duration::hours(2)),
            Some(at(23, 30))
        );
        assert_eq!(
            promise_today(at(23, 1), at(23, 1) + Duration::hours(2)),
            None
        );
        assert_eq!(promise_today(at(12, 0), at(11, 0)), Some(at(23, 30)));
    }
}
