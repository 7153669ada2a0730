//! The parse tree as the builder reads it, and helpers to walk a node's children in grammar
//! order.
//!
//! pest hands over its tree as [`pest::iterators::Pairs`], where every step to a child counts
//! the children again and every node handed out clones two reference-counted pointers. The
//! builder visits every node once, front to back, so the tree is copied once into a flat array
//! ([`Tree`]) in which a node is an index and its children follow it; a [`Pair`] is a copyable
//! handle with the methods of pest's pair that the builder uses.
//!
//! The builder functions read a rule's children front to back. The grammar fixes their order,
//! so a missing mandatory child is a bug in the grammar, which [`Children::expect`] reports with
//! `unreachable!`.

use pest::{Token, iterators::Pairs};

use super::grammar::Rule;

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

/// One node of the flat tree.
#[derive(Clone, Copy, Debug)]
struct Node {
    rule: Rule,
    /// Byte range of the unit the node covers.
    start: u32,
    end: u32,
    /// Index of the first node after this one's subtree: its next sibling, if it has one.
    after: u32,
    /// Number of direct children.
    children: u32,
}

/// A whole parse tree: the nodes in pre-order, each followed by its subtree.
pub(crate) struct Tree<'i> {
    input: &'i str,
    nodes: Vec<Node>,
}

impl<'i> Tree<'i> {
    /// Copies pest's tree for `input` into a flat one.
    pub(crate) fn new(pairs: Pairs<'i, Rule>, input: &'i str) -> Self {
        let tokens = pairs.tokens();
        // A start and an end token per pair.
        let mut nodes: Vec<Node> = Vec::with_capacity(tokens.len() / 2);
        // The nodes whose end is not read yet; as deep as the tree, which the nesting limit bounds.
        let mut open: Vec<usize> = Vec::with_capacity(64);
        for token in tokens {
            match token {
                Token::Start { rule, pos } => {
                    if let Some(parent) = open.last().and_then(|&i| nodes.get_mut(i)) {
                        parent.children += 1;
                    }
                    open.push(nodes.len());
                    nodes.push(Node {
                        rule,
                        start: offset(pos.pos()),
                        end: 0,
                        after: 0,
                        children: 0,
                    });
                }
                Token::End { pos, .. } => {
                    let after = offset(nodes.len());
                    if let Some(node) = open.pop().and_then(|i| nodes.get_mut(i)) {
                        node.end = offset(pos.pos());
                        node.after = after;
                    }
                }
            }
        }
        Tree { input, nodes }
    }

    /// The top-level nodes (the grammar makes one: the specification).
    pub(crate) fn roots(&self) -> Children<'_> {
        let mut count = 0;
        let mut next = 0;
        while let Some(node) = self.nodes.get(next) {
            count += 1;
            next = node.after as usize;
        }
        Children {
            tree: self,
            next: 0,
            end: self.nodes.len(),
            remaining: count,
        }
    }
}

/// Unit offsets fit in `u32` (the preprocessor refuses larger units); saturate if one does not.
fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// One node of the parse tree: a rule and the text it matched.
#[derive(Clone, Copy)]
pub(crate) struct Pair<'t> {
    tree: &'t Tree<'t>,
    index: usize,
}

impl<'t> Pair<'t> {
    fn node(&self) -> Node {
        match self.tree.nodes.get(self.index) {
            Some(&node) => node,
            None => unreachable!("a pair is made only for a node of its tree"),
        }
    }

    /// The rule that matched.
    pub(crate) fn as_rule(&self) -> Rule {
        self.node().rule
    }

    /// Where the match lies in the unit.
    pub(crate) fn as_span(&self) -> TextSpan<'t> {
        let node = self.node();
        TextSpan {
            input: self.tree.input,
            start: node.start as usize,
            end: node.end as usize,
        }
    }

    /// The text that matched.
    pub(crate) fn as_str(&self) -> &'t str {
        self.as_span().as_str()
    }
}

/// A byte range of the unit, with its text.
#[derive(Clone, Copy)]
pub(crate) struct TextSpan<'t> {
    input: &'t str,
    start: usize,
    end: usize,
}

impl<'t> TextSpan<'t> {
    /// First byte.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The text of the range (pest's pairs always cover whole characters).
    pub(crate) fn as_str(&self) -> &'t str {
        self.input.get(self.start..self.end).unwrap_or_default()
    }
}

/// The children of a pair, read in order.
pub(crate) struct Children<'t> {
    tree: &'t Tree<'t>,
    /// The next child's node.
    next: usize,
    /// The end of the parent's subtree.
    end: usize,
    /// Children not read yet.
    remaining: usize,
}

impl<'t> Children<'t> {
    /// The children of `pair`.
    pub(crate) fn of(pair: Pair<'t>) -> Self {
        let node = pair.node();
        Children {
            tree: pair.tree,
            next: pair.index + 1,
            end: node.after as usize,
            remaining: node.children as usize,
        }
    }

    /// The next child without reading it.
    fn peek(&self) -> Option<Pair<'t>> {
        (self.next < self.end).then_some(Pair {
            tree: self.tree,
            index: self.next,
        })
    }

    /// The rule of the next child, if any.
    pub(crate) fn peek_rule(&mut self) -> Option<Rule> {
        self.peek().map(|p| p.as_rule())
    }

    /// The next child when `accept` takes its rule.
    fn next_when(&mut self, accept: impl FnOnce(Rule) -> bool) -> Option<Pair<'t>> {
        let pair = self.peek()?;
        if accept(pair.as_rule()) {
            self.next()
        } else {
            None
        }
    }

    /// The next child when it is a `rule`.
    pub(crate) fn next_if(&mut self, rule: Rule) -> Option<Pair<'t>> {
        self.next_when(|r| r == rule)
    }

    /// Whether the next child is a `rule`; consumes it when it is (for keywords like `readonly`).
    pub(crate) fn eat(&mut self, rule: Rule) -> bool {
        self.next_if(rule).is_some()
    }

    /// The next child when it is a type (one of the rules `type_spec` stands for).
    pub(crate) fn next_type(&mut self) -> Option<Pair<'t>> {
        self.next_when(is_type)
    }

    /// The next child, which the grammar guarantees to be a type.
    pub(crate) fn expect_type(&mut self) -> Pair<'t> {
        match self.next_type() {
            Some(pair) => pair,
            None => unreachable!("the grammar puts a type here"),
        }
    }

    /// Every following child that is a `rule`.
    pub(crate) fn take_all(&mut self, rule: Rule) -> impl Iterator<Item = Pair<'t>> + '_ {
        std::iter::from_fn(move || self.next_if(rule))
    }

    /// The next child, which the grammar guarantees to be a `rule`.
    pub(crate) fn expect(&mut self, rule: Rule) -> Pair<'t> {
        match self.next() {
            Some(pair) if pair.as_rule() == rule => pair,
            other => unreachable!(
                "the grammar puts a {rule:?} here, found {:?}",
                other.map(|p| p.as_rule())
            ),
        }
    }

    /// The next child, which the grammar guarantees to exist.
    pub(crate) fn expect_any(&mut self) -> Pair<'t> {
        match self.next() {
            Some(pair) => pair,
            None => unreachable!("the grammar puts a child here"),
        }
    }

    /// Skips a keyword the grammar guarantees.
    pub(crate) fn skip_keyword(&mut self, rule: Rule) {
        self.expect(rule);
    }
}

impl<'t> Iterator for Children<'t> {
    type Item = Pair<'t>;

    fn next(&mut self) -> Option<Pair<'t>> {
        let pair = self.peek()?;
        self.next = pair.node().after as usize;
        self.remaining = self.remaining.saturating_sub(1);
        Some(pair)
    }

    /// Exact: the tree counts every node's children, so a `collect` allocates once.
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Children<'_> {}

#[cfg(test)]
mod tests {
    use pest::Parser as _;

    use super::*;
    use crate::parser::grammar::IdlParser;

    /// The flat tree has pest's pairs, in the same order, with the same rules and text.
    #[test]
    fn the_flat_tree_mirrors_pests_pairs() {
        let text = "module M { struct S { long a, b[2]; }; const long X = 1 + -2; };";
        let pairs = match IdlParser::parse(Rule::specification, text) {
            Ok(pairs) => pairs,
            Err(error) => panic!("{error}"),
        };
        let tree = Tree::new(pairs.clone(), text);

        fn shape_of_pest(pair: pest::iterators::Pair<'_, Rule>, out: &mut Vec<String>) {
            out.push(format!("{:?} {:?} (", pair.as_rule(), pair.as_str()));
            for child in pair.into_inner() {
                shape_of_pest(child, out);
            }
            out.push(")".to_owned());
        }
        fn shape_of_tree(pair: Pair<'_>, out: &mut Vec<String>) {
            out.push(format!("{:?} {:?} (", pair.as_rule(), pair.as_str()));
            let children = Children::of(pair);
            let count = children.len();
            let mut seen = 0;
            for child in children {
                shape_of_tree(child, out);
                seen += 1;
            }
            assert_eq!(seen, count);
            out.push(")".to_owned());
        }
        let mut expected = Vec::new();
        for pair in pairs {
            shape_of_pest(pair, &mut expected);
        }
        let mut actual = Vec::new();
        let roots = tree.roots();
        assert_eq!(roots.len(), 1);
        for pair in roots {
            shape_of_tree(pair, &mut actual);
        }
        assert_eq!(actual, expected);
    }
}
