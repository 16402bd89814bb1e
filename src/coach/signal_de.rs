//! German escalation signals (see `signal_tables` for what each list means):
//! formal escalation ("nicht hinnehmbar", "Ich fordere Sie hiermit auf",
//! "Frist", "Vertragsauflösung") as well as plain anger.

use super::signal_tables::{phrases, Phrases};
use super::signals::Signal::*;

#[rustfmt::skip]
pub(super) const DE: Phrases = phrases![
    ("wütend", Anger, 0.6), ("verärgert", Anger, 0.55), ("sauer", Anger, 0.5),
    ("stinksauer", Anger, 0.6), ("es reicht", Anger, 0.55), ("reicht es", Anger, 0.55),
    ("keine lust mehr", Anger, 0.5), ("bin es leid", Anger, 0.5), ("nase voll", Anger, 0.55),
    ("geduld", Anger, 0.3), ("frustriert", Anger, 0.4), ("enttäuscht", Anger, 0.35),
    ("unzufrieden", Anger, 0.45), ("ärgerlich", Anger, 0.35), ("letzte mal", Anger, 0.4),
    ("scheiß*", Anger, 0.55), ("mist", Anger, 0.35), ("nicht hinnehmbar", Judgement, 0.55),
    ("inakzeptabel", Judgement, 0.5), ("nicht akzeptabel", Judgement, 0.5),
    ("unzumutbar", Judgement, 0.5), ("zumutung", Judgement, 0.5), ("unverschämt*", Judgement, 0.5),
    ("frechheit", Judgement, 0.5), ("unprofessionell", Judgement, 0.45),
    ("katastroph*", Judgement, 0.45), ("ein witz", Judgement, 0.45), ("untragbar", Judgement, 0.5),
    ("miserabel", Judgement, 0.5), ("unterirdisch", Judgement, 0.5), ("skandal*", Judgement, 0.5),
    ("schlechter service", Judgement, 0.4), ("überhaupt bezahlen", Judgement, 0.45),
    ("warum wir", Judgement, 0.2), ("danke für nichts", Sarcasm, 0.55), ("na toll", Sarcasm, 0.5),
    ("vielen dank auch", Sarcasm, 0.45), ("wie oft denn noch", Sarcasm, 0.5),
    ("was ist bei ihnen eigentlich los", Sarcasm, 0.5), ("eigentlich los", Sarcasm, 0.4),
    ("geht's noch", Sarcasm, 0.5), ("schon wieder", Repeated, 0.4), ("erneut*", Repeated, 0.3),
    ("wieder", Repeated, 0.25), ("zum zweiten mal", Repeated, 0.35),
    ("zum dritten mal", Repeated, 0.4), ("dritte mal", Repeated, 0.4),
    ("zweite mal", Repeated, 0.35), ("zum wiederholten mal", Repeated, 0.45),
    ("jedes mal", Repeated, 0.3), ("immer wieder", Repeated, 0.35),
    ("derselbe fehler", Repeated, 0.35), ("dasselbe problem", Repeated, 0.35),
    ("gleiche fehler", Repeated, 0.35), ("ständig", Repeated, 0.3),
    ("keine antwort", Waiting, 0.35), ("keine rückmeldung", Waiting, 0.35),
    ("kein einziger rückruf", Waiting, 0.4), ("kein rückruf", Waiting, 0.35),
    ("niemand meldet sich", Waiting, 0.4), ("meldet sich niemand", Waiting, 0.4),
    ("automatische antworten", Waiting, 0.35), ("warten wir", Waiting, 0.3),
    ("warte ich", Waiting, 0.3), ("immer noch", Waiting, 0.2), ("noch immer", Waiting, 0.2),
    ("seit tagen", Waiting, 0.35), ("seit wochen", Waiting, 0.35), ("seit monaten", Waiting, 0.35),
    ("ignoriert", Waiting, 0.4), ("keine reaktion", Waiting, 0.35), ("vertröst*", Waiting, 0.35),
    ("nachzufragen", Chasing, 0.35), ("nachfragen", Chasing, 0.3), ("nachfrage", Chasing, 0.3),
    ("hinterherzulaufen", Chasing, 0.45), ("hinterherlaufen", Chasing, 0.45),
    ("erinnerung", Chasing, 0.25), ("geschäftsführ*", Leadership, 0.35),
    ("geschäftsleitung", Leadership, 0.35), ("vorstand", Leadership, 0.35),
    ("aufsichtsrat", Leadership, 0.35), ("bereichsleit*", Leadership, 0.3),
    ("abteilungsleit*", Leadership, 0.3), ("kündigen", Churn, 0.4), ("kündigung", Churn, 0.4),
    ("kündige", Churn, 0.4), ("gekündigt", Churn, 0.4), ("kündigen wir", Churn, 0.55),
    ("vertragsauflösung", Churn, 0.6), ("vertrag beenden", Churn, 0.6),
    ("anderen anbieter", Churn, 0.6), ("anbieter wechseln", Churn, 0.6),
    ("alternativen", Churn, 0.5), ("konkurrenz", Churn, 0.5), ("nicht verlängern", Churn, 0.65),
    ("nicht mehr verlängern", Churn, 0.65), ("nicht unterschreiben", Churn, 0.55),
    ("noch bei ihnen", Churn, 0.45), ("außerordentlich", Churn, 0.3), ("mitbewerber", Churn, 0.55),
    ("zu wechseln", Churn, 0.4), ("wechseln zu", Churn, 0.4), ("ich fordere", Demand, 0.45),
    ("wir fordern", Demand, 0.45), ("fordere sie", Demand, 0.45), ("fordern sie", Demand, 0.45),
    ("fordere sie hiermit auf", Demand, 0.6), ("fordern sie hiermit auf", Demand, 0.6),
    ("hiermit auf", Demand, 0.5), ("zugesagt*", Judgement, 0.25), ("frist", Demand, 0.4),
    ("fristsetzung", Demand, 0.5), ("letzte frist", Demand, 0.55),
    ("verantwortliche person", Demand, 0.35), ("verantwortlichen", Demand, 0.3),
    ("ansprechpartner mit", Demand, 0.35), ("entscheidungsbefugnis", Demand, 0.4),
    ("teamleit*", Demand, 0.35), ("vorgesetzt*", Demand, 0.35), ("eskal*", Demand, 0.4),
    ("verbindlichen termin", Demand, 0.35), ("ich erwarte", Demand, 0.3),
    ("wir erwarten", Demand, 0.3), ("erwartet eine erklärung", Demand, 0.4),
    ("umgehend", Demand, 0.25), ("sofort", Demand, 0.25), ("maßnahmenplan", Demand, 0.35),
    ("anwalt", Legal, 0.65), ("rechtsanwalt", Legal, 0.65), ("anwälte", Legal, 0.65),
    ("rechtliche schritte", Legal, 0.7), ("schadensersatz*", Legal, 0.6),
    ("gericht*", Legal, 0.55), ("abmahnung", Legal, 0.55), ("rechtsabteilung", Legal, 0.3),
    ("beschweren", Legal, 0.45), ("beschwerde", Legal, 0.45), ("offiziell", Legal, 0.25),
    ("verbraucherzentrale", Legal, 0.55), ("ausfall", Impact, 0.2), ("ausfälle", Impact, 0.2),
    ("fällt aus", Impact, 0.2), ("datenverlust*", Impact, 0.35), ("nicht arbeiten", Impact, 0.3),
    ("kaputt", Impact, 0.25), ("bricht ab", Impact, 0.2), ("abbricht", Impact, 0.2),
    ("geschäftskritisch", Impact, 0.35), ("kritisch", Impact, 0.25), ("dringend", Impact, 0.2),
    // added from a second reading (informal and formal German)
    ("seit über", Waiting, 0.3), ("seit mehr als", Waiting, 0.3), ("warten nun", Waiting, 0.35),
    ("warten seit", Waiting, 0.35), ("keine lösung", Waiting, 0.3), ("niemand antwortet", Waiting, 0.4),
    ("bevor jemand antwortet", Waiting, 0.4), ("keiner meldet sich", Waiting, 0.4),
    ("niemand fühlt sich zuständig", Judgement, 0.45), ("fühlt sich zuständig", Judgement, 0.4),
    ("nicht weitergehen", Anger, 0.5), ("so geht das nicht weiter", Anger, 0.55),
    ("verlieren die geduld", Anger, 0.5), ("verlieren wir die geduld", Anger, 0.5),
    ("geduld ist am ende", Anger, 0.55), ("ich verlange", Demand, 0.45), ("wir verlangen", Demand, 0.45),
    ("noch heute", Demand, 0.3), ("und zwar heute", Demand, 0.35), ("zum wiederholten male", Repeated, 0.45),
    ("wiederholt", Repeated, 0.3), ("dreimal", Repeated, 0.35), ("zweimal", Repeated, 0.3),
    ("mehrfach", Repeated, 0.3), ("mehrmals", Repeated, 0.3), ("warum muss ich", Sarcasm, 0.4),
    ("anbieter zu wechseln", Churn, 0.6), ("fristlos", Churn, 0.5), ("nicht erreichbar", Impact, 0.25),
    ("beschweren sich", Impact, 0.3),
];

#[rustfmt::skip]
pub(super) static DE_NEGATORS: crate::words::WordList = crate::words::word_list![
    "nicht", "kein", "keine", "keinen", "keiner", "keines", "keinem", "nie", "niemals", "ohne",
    "weder",
];

#[rustfmt::skip]
pub(super) static DE_CONDITIONALS: crate::words::WordList = crate::words::word_list![
    "wenn", "falls", "sollte", "sofern", "solange", "bis",
];

#[rustfmt::skip]
pub(super) static DE_VENDOR: crate::words::WordList = crate::words::word_list![
    "wir entschuldigen uns", "es tut uns leid", "es tut uns sehr leid", "entschuldigen sie die",
    "vorfallbericht", "störungsbericht", "ursache war", "ursache bereits behoben",
    "alle dienste laufen", "vielen dank für ihre geduld", "wartungsarbeiten",
];

#[rustfmt::skip]
pub(super) static DE_HARMLESS: crate::words::WordList = crate::words::word_list![
    "kein problem", "keine sorge", "nicht dringend", "wieder da",
];

#[rustfmt::skip]
pub(super) static DE_NUMBERS: crate::words::WordList = crate::words::word_list![
    "ein", "eine", "einer", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
    "zehn", "elf", "zwölf", "mehreren", "paar", "vielen",
];

#[rustfmt::skip]
pub(super) static DE_DURATIONS: crate::words::WordList = crate::words::word_list![
    "tage", "tagen", "woche", "wochen", "monate", "monaten", "stunden",
];

#[rustfmt::skip]
pub(super) static DE_CONTACTS: crate::words::WordList = crate::words::word_list![
    "mails", "e-mails", "tickets", "anrufe", "nachrichten", "erinnerungen",
];

#[rustfmt::skip]
pub(super) static DE_WAIT_BEFORE: crate::words::WordList = crate::words::word_list![
    "seit", "nach", "über", "schon", "bereits",
];

#[rustfmt::skip]
pub(super) static DE_WAIT_AFTER: crate::words::WordList = crate::words::word_list![
    "warten", "keine", "kein", "nichts", "ohne",
];

#[rustfmt::skip]
pub(super) static DE_CALM: crate::words::WordList = crate::words::word_list![
    "nicht dringend", "keine eile", "kein problem", "alles gut", "schönes wochenende",
    "ich hoffe", "workaround", "bei gelegenheit", "vielen dank für ihre hilfe", "danke für die schnelle",
];
