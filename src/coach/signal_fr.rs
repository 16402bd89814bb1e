//! French escalation signals (see `signal_tables` for what each list means):
//! formal complaint ("mise en demeure", "faute de quoi", "résilier") as well
//! as plain anger.

use super::signal_tables::{phrases, Phrases};
use super::signals::Signal::*;

#[rustfmt::skip]
pub(super) const FR: Phrases = phrases![
    ("furieux", Anger, 0.6), ("furieuse", Anger, 0.6), ("en colère", Anger, 0.55),
    ("exaspéré*", Anger, 0.5), ("n'en peux plus", Anger, 0.5), ("en ai assez", Anger, 0.5),
    ("trop c'est trop", Anger, 0.6), ("marre", Anger, 0.5), ("perdre patience", Anger, 0.5),
    ("à bout", Anger, 0.45), ("frustré*", Anger, 0.4), ("déçu*", Anger, 0.35),
    ("mécontent*", Anger, 0.45), ("exaspérant", Anger, 0.45), ("merde", Anger, 0.55),
    ("inadmissible", Judgement, 0.55), ("inacceptable", Judgement, 0.5),
    ("pas acceptable", Judgement, 0.5), ("scandaleux", Judgement, 0.55),
    ("honteux", Judgement, 0.55), ("lamentable", Judgement, 0.5), ("catastroph*", Judgement, 0.45),
    ("déplorable", Judgement, 0.5), ("n'importe quoi", Judgement, 0.45),
    ("pas sérieux", Judgement, 0.45), ("pourquoi nous payons", Judgement, 0.45),
    ("pourquoi nous restons", Judgement, 0.45), ("merci du cadeau", Sarcasm, 0.55),
    ("vraiment merci", Sarcasm, 0.45), ("vraiment très utile", Sarcasm, 0.45),
    ("bravo encore", Sarcasm, 0.5), ("ou pas", Sarcasm, 0.35), ("quelqu'un lit", Sarcasm, 0.45),
    ("c'est une blague", Sarcasm, 0.5), ("encore une", Repeated, 0.3),
    ("encore un", Repeated, 0.3), ("encore", Repeated, 0.2), ("à nouveau", Repeated, 0.3),
    ("de nouveau", Repeated, 0.3), ("deuxième fois", Repeated, 0.35),
    ("troisième fois", Repeated, 0.4), ("trois fois", Repeated, 0.35), ("énième", Repeated, 0.45),
    ("toujours pas", Repeated, 0.3), ("deuxième coupure", Repeated, 0.4),
    ("troisième panne", Repeated, 0.4), ("reprises", Repeated, 0.35), ("deux fois", Repeated, 0.3),
    ("aucune réponse", Waiting, 0.35), ("sans réponse", Waiting, 0.35),
    ("sans la moindre réponse", Waiting, 0.45), ("zéro réponse", Waiting, 0.45),
    ("aucun retour", Waiting, 0.35), ("aucune explication", Waiting, 0.35),
    ("personne ne nous a", Waiting, 0.4), ("personne ne répond", Waiting, 0.4),
    ("réponse automatique", Waiting, 0.3), ("j'attends", Waiting, 0.3),
    ("nous attendons", Waiting, 0.3), ("depuis des semaines", Waiting, 0.4),
    ("depuis des jours", Waiting, 0.4), ("depuis plusieurs jours", Waiting, 0.4),
    ("toujours rien", Waiting, 0.4), ("pas de réponse", Waiting, 0.3), ("ignoré*", Waiting, 0.4),
    ("aucune réaction", Waiting, 0.35), ("réponses automatiques", Waiting, 0.35),
    ("impossible de parler", Waiting, 0.4), ("relance*", Chasing, 0.35),
    ("relancer", Chasing, 0.35), ("repart de zéro", Chasing, 0.35), ("pdg", Leadership, 0.35),
    ("directeur", Leadership, 0.3), ("directrice", Leadership, 0.3),
    ("direction", Leadership, 0.3), ("comité de direction", Leadership, 0.4),
    ("directeur financier", Leadership, 0.35), ("daf", Leadership, 0.35), ("dsi", Leadership, 0.3),
    ("ma hiérarchie", Leadership, 0.3), ("résili*", Churn, 0.4),
    ("changer de fournisseur", Churn, 0.6), ("changer de prestataire", Churn, 0.6),
    ("changeons de", Churn, 0.6), ("voir ailleurs", Churn, 0.6),
    ("ne renouvellerons pas", Churn, 0.65), ("pas renouveler", Churn, 0.65),
    ("autres solutions", Churn, 0.5), ("concurrent*", Churn, 0.5), ("quitter", Churn, 0.45),
    ("rompre", Churn, 0.5), ("restons chez vous", Churn, 0.45), ("j'exige", Demand, 0.45),
    ("nous exigeons", Demand, 0.45), ("exige", Demand, 0.4), ("responsable", Demand, 0.3),
    ("un interlocuteur", Demand, 0.3), ("parler à", Demand, 0.25), ("un manager", Demand, 0.35),
    ("votre direction", Demand, 0.35), ("escalad*", Demand, 0.4), ("escalader", Demand, 0.4),
    ("par écrit", Demand, 0.35), ("dès aujourd'hui", Demand, 0.3), ("immédiatement", Demand, 0.3),
    ("date ferme", Demand, 0.35), ("faute de quoi", Demand, 0.45), ("d'ici", Demand, 0.2),
    ("avocat*", Legal, 0.65), ("mise en demeure", Legal, 0.7), ("mettons en demeure", Legal, 0.7),
    ("action en justice", Legal, 0.7), ("tribunal", Legal, 0.6), ("médiateur", Legal, 0.55),
    ("réclamation", Legal, 0.4), ("plainte", Legal, 0.45), ("porter plainte", Legal, 0.6),
    ("service juridique", Legal, 0.3), ("panne*", Impact, 0.2), ("coupure", Impact, 0.2),
    ("perte de données", Impact, 0.35), ("disparu*", Impact, 0.3), ("plante", Impact, 0.2),
    ("casse", Impact, 0.2), ("critique", Impact, 0.25), ("urgent*", Impact, 0.2),
    // added from a second reading (informal and formal French)
    ("plus tenable", Judgement, 0.5), ("intenable", Judgement, 0.5), ("injoignable", Waiting, 0.45),
    ("personne ne prend", Judgement, 0.45), ("personne ne nous tient", Waiting, 0.45),
    ("changer de solution", Churn, 0.6), ("changer d'outil", Churn, 0.6), ("changer de logiciel", Churn, 0.6),
    ("changer d'éditeur", Churn, 0.6), ("engagerons une procédure", Legal, 0.6),
    ("procédure judiciaire", Legal, 0.65), ("sans réponse de votre part", Demand, 0.4),
    ("indisponible", Impact, 0.25), ("se plaignent", Impact, 0.3), ("notre image", Impact, 0.3),
    ("perdons patience", Anger, 0.5), ("ras le bol", Anger, 0.55),
];

#[rustfmt::skip]
pub(super) static FR_NEGATORS: crate::words::WordList = crate::words::word_list![
    "pas", "aucun", "aucune", "jamais", "sans", "guère", "ni", "rien",
];

#[rustfmt::skip]
pub(super) static FR_CONDITIONALS: crate::words::WordList = crate::words::word_list![
    "si", "sinon", "tant",
];

#[rustfmt::skip]
pub(super) static FR_VENDOR: crate::words::WordList = crate::words::word_list![
    "nous sommes désolés", "nous sommes sincèrement désolés", "nous vous prions de nous excuser",
    "veuillez nous excuser", "rapport d'incident", "compte rendu d'incident", "la cause était",
    "service est rétabli", "merci de votre patience", "maintenance programmée",
];

#[rustfmt::skip]
pub(super) static FR_HARMLESS: crate::words::WordList = crate::words::word_list![
    "pas de souci", "pas de panique", "pas urgent",
];

#[rustfmt::skip]
pub(super) static FR_NUMBERS: crate::words::WordList = crate::words::word_list![
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "quinze",
    "plusieurs",
    "d'une", "d'un",
];

#[rustfmt::skip]
pub(super) static FR_DURATIONS: crate::words::WordList = crate::words::word_list![
    "jours", "semaine", "semaines", "mois", "heures",
];

#[rustfmt::skip]
pub(super) static FR_CONTACTS: crate::words::WordList = crate::words::word_list![
    "relances", "mails", "courriels", "appels", "tickets", "messages",
];

#[rustfmt::skip]
pub(super) static FR_WAIT_BEFORE: crate::words::WordList = crate::words::word_list![
    "depuis", "fait", "après", "voilà",
    "plus",
];

#[rustfmt::skip]
pub(super) static FR_WAIT_AFTER: crate::words::WordList = crate::words::word_list![
    "que", "sans",
];

#[rustfmt::skip]
pub(super) static FR_CALM: crate::words::WordList = crate::words::word_list![
    "pas urgent", "pas pressé", "rien ne presse", "merci beaucoup", "merci d'avance",
    "bonne journée", "tout va bien", "quand vous aurez", "pas de souci",
];
