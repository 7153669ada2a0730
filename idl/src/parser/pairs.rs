//! Helpers to walk the children of a pair in grammar order.
//!
//! The builder functions read a rule's children front to back. The grammar fixes their order,
//! so a missing mandatory child is a bug in the grammar, which [`Children::expect`] reports with
//! `unreachable!`.

use std::iter::Peekable;

use pest::iterators::Pairs;

use super::grammar::Rule;

/// One node of the parse tree.
pub(crate) type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// Whether `rule` is one of the rules the silent `type_spec` stands for.
pub(crate) fn is_type(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::base_type
            | Rule::scoped_name
            | Rule::string_type
            | Rule::wstring_type
            | Rule::sequence_type
            | Rule::map_type
            | Rule::fixed_type
    )
}

/// The children of a pair, read in order.
pub(crate) struct Children<'i> {
    iter: Peekable<Pairs<'i, Rule>>,
}

impl<'i> Children<'i> {
    /// The children of `pair`.
    pub(crate) fn of(pair: Pair<'i>) -> Self {
        Children {
            iter: pair.into_inner().peekable(),
        }
    }

    /// The rule of the next child, if any.
    pub(crate) fn peek_rule(&mut self) -> Option<Rule> {
        self.iter.peek().map(|p| p.as_rule())
    }

    /// The next child when it is a `rule`.
    pub(crate) fn next_if(&mut self, rule: Rule) -> Option<Pair<'i>> {
        self.iter.next_if(|p| p.as_rule() == rule)
    }

    /// Whether the next child is a `rule`; consumes it when it is (for keywords like `readonly`).
    pub(crate) fn eat(&mut self, rule: Rule) -> bool {
        self.next_if(rule).is_some()
    }

    /// The next child when it is a type (one of the rules `type_spec` stands for).
    pub(crate) fn next_type(&mut self) -> Option<Pair<'i>> {
        self.iter.next_if(|p| is_type(p.as_rule()))
    }

    /// The next child, which the grammar guarantees to be a type.
    pub(crate) fn expect_type(&mut self) -> Pair<'i> {
        match self.next_type() {
            Some(pair) => pair,
            None => unreachable!("the grammar puts a type here"),
        }
    }

    /// Every following child that is a `rule`.
    pub(crate) fn take_all(&mut self, rule: Rule) -> impl Iterator<Item = Pair<'i>> + '_ {
        std::iter::from_fn(move || self.next_if(rule))
    }

    /// The next child, which the grammar guarantees to be a `rule`.
    pub(crate) fn expect(&mut self, rule: Rule) -> Pair<'i> {
        match self.iter.next() {
            Some(pair) if pair.as_rule() == rule => pair,
            other => unreachable!(
                "the grammar puts a {rule:?} here, found {:?}",
                other.map(|p| p.as_rule())
            ),
        }
    }

    /// The next child, which the grammar guarantees to exist.
    pub(crate) fn expect_any(&mut self) -> Pair<'i> {
        match self.iter.next() {
            Some(pair) => pair,
            None => unreachable!("the grammar puts a child here"),
        }
    }

    /// Skips a keyword the grammar guarantees.
    pub(crate) fn skip_keyword(&mut self, rule: Rule) {
        self.expect(rule);
    }
}

impl<'i> Iterator for Children<'i> {
    type Item = Pair<'i>;

    fn next(&mut self) -> Option<Pair<'i>> {
        self.iter.next()
    }

    /// Exact: pest counts a pair's children, so a `collect` allocates once.
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl ExactSizeIterator for Children<'_> {}
