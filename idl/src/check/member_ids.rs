//! DDS-XTypes member ids (§7.3.1.2.1.1): `@id` sets one, `@hashid` derives one from a name,
//! `@autoid(HASH)` derives every implicit one from the member's name, and otherwise each member
//! gets the previous member's id plus one. Two members of one type may not share an id.

use std::collections::HashMap;

use super::{Checker, annotations::builtin, folded::FxBuild, md5};
use crate::{
    diagnostic::Diagnostic,
    model::{AnnotationValue, Case, DeclId, Member, Name},
    source::Span,
};

/// The largest member id (ids have 28 bits).
const MAX_MEMBER_ID: i128 = 0x0FFF_FFFF;

/// How implicit member ids are assigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AutoId {
    /// One more than the previous member's.
    Sequential,
    /// From the member name's MD5.
    Hash,
}

/// Who took a member id.
#[derive(Clone, Debug)]
enum Owner {
    /// The member at this index of the type being numbered.
    Own(usize),
    /// A member of a base struct, by name.
    Base(Name),
}

/// An id already taken by a member (of this type or a base): who, where the id was set, and
/// whether it was set explicitly.
#[derive(Clone, Debug)]
pub(super) struct TakenId {
    owner: Owner,
    span: Span,
    explicit: bool,
}

/// The ids taken so far while numbering one type.
pub(super) type TakenIds = HashMap<u32, TakenId, FxBuild>;

/// What holds a member to number: a struct member, or a union case.
pub(super) trait HoldsMember {
    /// The member.
    fn member(&self) -> &Member;
    /// The member, to set its id.
    fn member_mut(&mut self) -> &mut Member;
}

impl HoldsMember for Member {
    fn member(&self) -> &Member {
        self
    }

    fn member_mut(&mut self) -> &mut Member {
        self
    }
}

impl HoldsMember for Case {
    fn member(&self) -> &Member {
        &self.member
    }

    fn member_mut(&mut self) -> &mut Member {
        &mut self.member
    }
}

impl<'a> Checker<'a> {
    /// The `@autoid` in force for type `id`: its own, else the nearest enclosing module's.
    pub(super) fn autoid_for(&self, id: DeclId) -> AutoId {
        let from = |annotations: &[crate::model::Annotation]| {
            builtin(annotations, "autoid").map(|a| {
                match a.value().and_then(AnnotationValue::as_str) {
                    Some("SEQUENTIAL") => AutoId::Sequential,
                    _ => AutoId::Hash,
                }
            })
        };
        let mut scope = Some(id);
        for _ in 0..super::MAX_DEPTH {
            let Some(id) = scope else {
                break;
            };
            if let Some(kind) = from(&self.decl(id).annotations) {
                return kind;
            }
            scope = self.decl(id).parent;
        }
        AutoId::Sequential
    }

    /// Gives every member its id, starting at `first` (after the base's members), and reports
    /// ids used twice. `taken` holds the base's ids. Returns the id after the last member.
    pub(super) fn assign_member_ids(
        &mut self,
        members: &mut [impl HoldsMember],
        autoid: AutoId,
        first: u32,
        taken: &mut TakenIds,
    ) -> u32 {
        let explicit = |m: &Member| {
            builtin(&m.annotations, "id").is_some() || builtin(&m.annotations, "hashid").is_some()
        };
        if autoid == AutoId::Sequential
            && taken.is_empty()
            && !members.iter().any(|m| explicit(m.member()))
        {
            // Ids counted up from `first` cannot repeat: nothing to check.
            let mut next = first;
            for member in members.iter_mut() {
                member.member_mut().id = next;
                next = next.saturating_add(1);
            }
            return next;
        }
        let mut next = first;
        for index in 0..members.len() {
            let Some(member) = members.get(index).map(HoldsMember::member) else {
                break;
            };
            let (id, span, explicit) = if let Some(a) = builtin(&member.annotations, "id") {
                let Some(value) = a.value().and_then(AnnotationValue::as_integer) else {
                    continue;
                };
                if value > MAX_MEMBER_ID {
                    let span = a.span;
                    self.error(
                        Diagnostic::error(format!("member id `{value}` is too large"), span)
                            .with_note("member ids have 28 bits: at most 268435455 (0x0FFFFFFF)"),
                    );
                    continue;
                }
                (value as u32, a.span, true)
            } else if let Some(a) = builtin(&member.annotations, "hashid") {
                let id = match a.value().and_then(AnnotationValue::as_str) {
                    Some(text) if !text.is_empty() => md5::member_id(text),
                    _ => md5::member_id(&member.name),
                };
                (id, a.span, true)
            } else if autoid == AutoId::Hash {
                (md5::member_id(&member.name), member.name_span, false)
            } else {
                (next, member.name_span, false)
            };
            if let Some(first) = taken.get(&id) {
                let first_name = match &first.owner {
                    Owner::Own(i) => members
                        .get(*i)
                        .map_or(String::new(), |m| m.member().name.to_string()),
                    Owner::Base(name) => name.to_string(),
                };
                let name = &member.name;
                let implicitly = if first.explicit { "" } else { " implicitly" };
                let mut diagnostic = Diagnostic::error(
                    format!("member id `{id}` of `{name}` is already used by `{first_name}`"),
                    span,
                )
                .with_secondary(
                    first.span,
                    format!("`{first_name}` has id `{id}`{implicitly}"),
                );
                if !explicit {
                    diagnostic =
                        diagnostic.with_label(format!("`{name}` gets id `{id}` implicitly"));
                }
                self.error(diagnostic);
            } else {
                taken.insert(
                    id,
                    TakenId {
                        owner: Owner::Own(index),
                        span,
                        explicit,
                    },
                );
            }
            if let Some(member) = members.get_mut(index) {
                member.member_mut().id = id;
            }
            next = id.saturating_add(1);
        }
        next
    }

    /// The ids a struct and its bases use, and the id its first derived member would get.
    pub(super) fn struct_ids(&mut self, id: DeclId) -> (TakenIds, u32) {
        let mut chain = vec![id];
        chain.extend(self.ancestors(id).iter().copied());
        let mut taken = self.scratch.ids.take();
        let mut next = 0;
        // Base-most first, so the derived struct's last member decides `next`.
        for decl in chain.iter().rev() {
            if let crate::model::DeclKind::Struct(s) = &self.decl(*decl).kind {
                for member in &s.members {
                    taken.entry(member.id).or_insert(TakenId {
                        owner: Owner::Base(member.name.clone()),
                        span: member.name_span,
                        explicit: builtin(&member.annotations, "id").is_some(),
                    });
                    next = member.id.saturating_add(1);
                }
            }
        }
        (taken, next)
    }
}
