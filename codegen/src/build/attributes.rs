//! Extra attributes on generated types ([`Builder::type_attribute`](super::Builder::type_attribute)).
//!
//! A path names IDL declarations by their scoped name: `Finance::Movement` names that struct,
//! `Finance` every type declared in module `Finance` (at any depth), and `::` every type of the
//! file. A leading `::` is allowed (`::Finance::Movement`). The attribute goes on the Rust
//! `struct` or `enum` generated for each IDL struct, exception, union, enum and bitmask the path
//! names, after the attributes the generator writes; typedefs, constants, modules and
//! interfaces carry none.

use orbit_idl::model::{DeclId, DeclKind, Model};
use syn::{Attribute, Item, ext::IdentExt, parse::Parser};

use crate::{
    ident,
    rust::{Context, RustOptions},
};

/// One attribute to add to the types a path names.
#[derive(Clone)]
pub(crate) struct TypeAttribute {
    /// The path as given, for messages.
    pub(crate) path: String,
    /// Its segments (`["Finance", "Movement"]`); empty for every type.
    segments: Vec<String>,
    /// The attributes, parsed (`#[a] #[b]` is allowed).
    attributes: Vec<Attribute>,
}

impl TypeAttribute {
    /// Parses a path and an attribute such as `#[derive(Hash)]`.
    ///
    /// # Errors
    ///
    /// A message saying which of the two is not valid.
    pub(crate) fn parse(path: &str, attribute: &str) -> Result<Self, String> {
        let trimmed = path.trim();
        let body = trimmed.strip_prefix("::").unwrap_or(trimmed);
        let segments: Vec<String> = if body.is_empty() {
            Vec::new()
        } else {
            body.split("::").map(|s| s.trim().to_owned()).collect()
        };
        let valid_segment = |s: &String| {
            let mut chars = s.chars();
            chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                && chars.all(|c| c == '_' || c.is_alphanumeric())
        };
        if !segments.iter().all(valid_segment) {
            return Err(format!(
                "type attribute path `{path}` is not an IDL scoped name such as `Finance::Movement` (or `::` for every type)"
            ));
        }
        let attributes = Attribute::parse_outer
            .parse_str(attribute)
            .map_err(|error| format!("type attribute `{attribute}` does not parse: {error}"))?;
        if attributes.is_empty() {
            return Err(format!(
                "type attribute `{attribute}` holds no attribute; write it as `#[…]`"
            ));
        }
        Ok(TypeAttribute {
            path: path.to_owned(),
            segments,
            attributes,
        })
    }

    /// Whether the declaration with scoped name `scoped` is the path or inside it.
    fn names(&self, scoped: &str) -> bool {
        let mut parts = scoped.split("::");
        self.segments
            .iter()
            .all(|segment| parts.next() == Some(segment.as_str()))
    }
}

/// Adds every attribute to the items generated for the declarations its path names, and says
/// for each whether it named at least one declaration of `model`.
pub(crate) fn apply(
    model: &Model,
    options: &RustOptions,
    type_attributes: &[TypeAttribute],
    file: &mut syn::File,
) -> Vec<bool> {
    let mut matched = vec![false; type_attributes.len()];
    if type_attributes.is_empty() {
        return matched;
    }
    let cx = Context::new(model, options);
    for (id, decl) in model.decls() {
        if !is_type(&decl.kind) {
            continue;
        }
        let wanted: Vec<usize> = type_attributes
            .iter()
            .enumerate()
            .filter(|(_, attribute)| attribute.names(&decl.scoped_name))
            .map(|(i, _)| i)
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let Some(attrs) = item_attrs(&mut file.items, &cx, id, &ident::camel(&decl.name)) else {
            continue;
        };
        for i in wanted {
            if let Some(attribute) = type_attributes.get(i) {
                attrs.extend(attribute.attributes.iter().cloned());
            }
            if let Some(flag) = matched.get_mut(i) {
                *flag = true;
            }
        }
    }
    matched
}

/// Declarations generated as a Rust `struct` or `enum` of their own name.
fn is_type(kind: &DeclKind) -> bool {
    matches!(
        kind,
        DeclKind::Struct(_)
            | DeclKind::Exception(_)
            | DeclKind::Union(_)
            | DeclKind::Enum(_)
            | DeclKind::Bitmask(_)
    )
}

/// The attributes of the `struct` or `enum` named `name` generated for declaration `id`.
fn item_attrs<'f>(
    items: &'f mut [Item],
    cx: &Context<'_>,
    id: DeclId,
    name: &str,
) -> Option<&'f mut Vec<Attribute>> {
    let mut items = items;
    for module in cx.module_path(id) {
        let module = ident::ident(&module);
        items = items.iter_mut().find_map(|item| match item {
            Item::Mod(m) if m.ident.unraw() == module.unraw() => {
                m.content.as_mut().map(|(_, items)| items.as_mut_slice())
            }
            _ => None,
        })?;
    }
    let name = ident::ident(name);
    items.iter_mut().find_map(|item| match item {
        Item::Struct(s) if s.ident.unraw() == name.unraw() => Some(&mut s.attrs),
        Item::Enum(e) if e.ident.unraw() == name.unraw() => Some(&mut e.attrs),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_scoped_names_or_everything() {
        let parse = |path: &str| TypeAttribute::parse(path, "#[derive(Hash)]").unwrap();
        assert!(parse("Finance::Movement").names("Finance::Movement"));
        assert!(parse("::Finance::Movement").names("Finance::Movement"));
        assert!(!parse("Finance::Movement").names("Finance::Movements"));
        assert!(!parse("Finance::Movement").names("Finance"));
        assert!(parse("Finance").names("Finance::Inner::Movement"));
        assert!(!parse("Fin").names("Finance::Movement"));
        assert!(parse("::").names("Finance::Movement"));
        assert!(parse("").names("Top"));
    }

    #[test]
    fn bad_paths_and_attributes_are_named() {
        let error = |path: &str, attribute: &str| match TypeAttribute::parse(path, attribute) {
            Ok(_) => panic!("`{path}` `{attribute}` was accepted"),
            Err(error) => error,
        };
        assert_eq!(
            error("Finance.Movement", "#[derive(Hash)]"),
            "type attribute path `Finance.Movement` is not an IDL scoped name such as \
             `Finance::Movement` (or `::` for every type)"
        );
        assert!(error("A::::B", "#[x]").contains("`A::::B`"));
        assert!(
            error("A", "derive(Hash)").starts_with("type attribute `derive(Hash)` does not parse"),
        );
        assert_eq!(
            error("A", ""),
            "type attribute `` holds no attribute; write it as `#[…]`"
        );
        let two = TypeAttribute::parse("A", "#[derive(Hash)] #[non_exhaustive]").unwrap();
        assert_eq!(two.attributes.len(), 2);
    }
}
