//! Suggestions worded from the escalation itself: the customer's time zone,
//! the update already promised, the account's name. Without them the coach
//! still proposes a real time (two hours from now, on the half hour) and says
//! which zone it is in (UTC), never a fixed "3:00 PM".

use chrono::{DateTime, Duration, FixedOffset, Offset, Timelike, Utc};

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

    /// The next update time to propose for today: the one already promised
    /// if it is still ahead today, else two hours from now on the half hour.
    pub fn update_today(&self) -> String {
        let now = self.cx.now;
        if let Some(promised) = self
            .cx
            .promised_update_at
            .filter(|p| *p > now && self.local(*p).date_naive() == self.local(now).date_naive())
        {
            return self.clock(promised);
        }
        let mut at = now + Duration::hours(2);
        let past_half = i64::from(at.minute() % 30) * 60 + i64::from(at.second());
        if past_half > 0 {
            at += Duration::seconds(30 * 60 - past_half);
        }
        if self.local(at).date_naive() != self.local(now).date_naive() {
            at = now + Duration::minutes(60);
        }
        self.clock(at)
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
        assert_eq!(Suggest::new(&c).update_today(), "12:30 PM UTC");
        c.customer_zone = Some("CET".into());
        c.customer_utc_offset_minutes = Some(60);
        assert_eq!(Suggest::new(&c).update_today(), "1:30 PM CET");
        c.customer_zone = None;
        c.customer_utc_offset_minutes = Some(-330);
        assert_eq!(Suggest::new(&c).update_today(), "7:00 AM UTC-5:30");
    }

    #[test]
    fn keeps_the_promised_time_when_it_is_still_ahead_today() {
        let mut c = cx(10);
        c.customer_zone = Some("PST".into());
        c.customer_utc_offset_minutes = Some(-480);
        c.promised_update_at = Utc.with_ymd_and_hms(2026, 11, 27, 19, 0, 0).single();
        assert_eq!(Suggest::new(&c).update_today(), "11:00 AM PST");
        c.account_name = Some(" Acme ".into());
        assert_eq!(Suggest::new(&c).greeting(), "Acme team - ");
    }
}
