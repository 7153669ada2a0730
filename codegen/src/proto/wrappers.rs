//! Wrapper messages for lists nested in lists (and for lists that are map values or union
//! cases): `repeated` cannot be nested in proto, so each inner list is a message whose one field,
//! number 1, is `repeated` of the inner element.
//!
//! A wrapper is named after its use site: the list in field `f` of message `M` is `M_f_List`,
//! the list inside that one `M_f_List_List`, and so on. Names are claimed in the package like
//! every generated name, so they never collide.

use super::{
    builder::Builder,
    fields::{Site, carrier_type},
    ir::{Field, Label, Message},
};
use crate::wire::{Carrier, Length, List};

/// The field name of the one field of every wrapper message.
pub(crate) const ITEMS: &str = "items";

/// Makes the wrapper message(s) for `list`, used by field `field` of `site`, and returns the
/// outermost one's name.
pub(crate) fn list(b: &mut Builder<'_>, site: Site<'_>, field: &str, list: &List) -> String {
    let first = b
        .names
        .claim(site.package, &format!("{}_{field}_List", site.message));
    let mut name = first.clone();
    let mut current = list;
    // Each turn writes one level; the nesting is as deep as the IDL type, which the front end
    // bounds.
    loop {
        let (element, inner) = match &current.element {
            Carrier::List(inner) => {
                let inner_name = b.names.claim(site.package, &format!("{name}_List"));
                (inner_name.clone(), Some((inner_name, inner.as_ref())))
            }
            other => (carrier_type(b, site, ITEMS, other), None),
        };
        b.push_wrapper(Message {
            name: name.clone(),
            doc: vec![format!(
                "A list inside field `{field}` of `{}`: {}.",
                site.message,
                describe(&current.length)
            )],
            fields: vec![Field {
                doc: Vec::new(),
                label: Label::Repeated,
                ty: element,
                name: ITEMS.to_owned(),
                number: 1,
                note: None,
            }],
            oneof: None,
        });
        match inner {
            Some((inner_name, inner)) => {
                name = inner_name;
                current = inner;
            }
            None => return first,
        }
    }
}

/// The length rule of a list, in words.
fn describe(length: &Length) -> String {
    match length {
        Length::Unbounded => "any number of items".to_owned(),
        Length::AtMost(n) => format!("at most {n} items"),
        Length::Exactly { dims } => {
            let dims: Vec<String> = dims.iter().map(u32::to_string).collect();
            match dims.as_slice() {
                [one] => format!("exactly {one} items"),
                _ => format!(
                    "exactly {} items ({}, row-major)",
                    length.exact().unwrap_or_default(),
                    dims.join(" x ")
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_described() {
        assert_eq!(describe(&Length::Unbounded), "any number of items");
        assert_eq!(describe(&Length::AtMost(3)), "at most 3 items");
        assert_eq!(
            describe(&Length::Exactly { dims: vec![4] }),
            "exactly 4 items"
        );
        assert_eq!(
            describe(&Length::Exactly { dims: vec![2, 3] }),
            "exactly 6 items (2 x 3, row-major)"
        );
    }
}
