//! The DRI announcement: one named person owns the escalation until it is
//! resolved, said in the first person when the DRI is the sender.

use crate::case::Lowercase;
use serde::Serialize;

use super::compose::{lit, present, Composer, Piece};
use super::{Message, MessageKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriInput {
    pub customer_name: String,
    pub sender_name: String,
    pub dri_name: String,
    /// E.g. "CS Manager"; shown when the DRI is not the sender.
    pub dri_role: Option<String>,
    /// How to reach the DRI directly (phone, email).
    pub dri_contact: Option<String>,
}

crate::read_struct!(DriInput {
    customer_name: "customerName",
    sender_name: "senderName",
    dri_name: "driName",
    dri_role: "driRole",
    dri_contact: "driContact",
});

fn same_person(a: &str, b: &str) -> bool {
    let a = a.trim();
    !a.is_empty() && a.lowercase() == b.trim().lowercase()
}

/// Builds the announcement. Not ready without customer, sender and DRI.
pub fn dri_announcement(input: &DriInput) -> Message {
    let mut c = Composer::new(MessageKind::DriAnnouncement);
    let customer_subject =
        c.required_text("customer-name", "customer name", Some(&input.customer_name));
    let sender_is_dri = same_person(&input.dri_name, &input.sender_name);

    let mut body = vec![
        Piece::Val(customer_subject.clone()),
        lit(" team - so that nothing falls through the cracks, one person owns this escalation from now on. "),
    ];
    if sender_is_dri {
        body.push(lit(
            "I am your single point of contact until this is resolved.",
        ));
        if let Some(contact) = present(input.dri_contact.as_deref()) {
            body.push(lit(" You can reach me directly at "));
            body.push(Piece::Val(contact.to_string()));
            body.push(lit("."));
        }
    } else {
        let dri = c.required("dri-name", "DRI's name", Some(&input.dri_name));
        body.push(dri);
        if let Some(role) = present(input.dri_role.as_deref()) {
            body.push(lit(" ("));
            body.push(Piece::Val(role.to_string()));
            body.push(lit(")"));
        }
        body.push(lit(
            " owns this until it is resolved and is your single point of contact.",
        ));
        if let Some(contact) = present(input.dri_contact.as_deref()) {
            body.push(lit(" You can reach them directly at "));
            body.push(Piece::Val(contact.to_string()));
            body.push(lit("."));
        }
    }
    c.para(body);
    c.para(vec![lit(
        "Every update, question and decision goes through that one person, so you never have to chase anyone for an answer.",
    )]);
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);

    let owner_subject = if sender_is_dri {
        "your single point of contact".to_string()
    } else {
        match present(Some(&input.dri_name)) {
            Some(name) => format!("{name} owns this until it is resolved"),
            None => "(DRI's name) owns this until it is resolved".to_string(),
        }
    };
    c.finish(format!("{customer_subject} - {owner_subject}"))
}
