//! What the grammar expected at the error position, in words: rule names become nouns
//! ("type", "expression") or keywords in backticks, literal tokens are quoted, and optional
//! continuations (`[`, `::`, operators) are left out when something else was expected too.

use std::fmt;

use pest::error::{Error, ErrorVariant};

use super::location;
use crate::parser::grammar::Rule;

/// Tokens that only continue what came before (array dimensions, a qualified name, an
/// expression, an annotation's arguments, more annotations); named only when nothing else was
/// expected.
const CONTINUATIONS: &[&str] = &[
    "[", "::", "(", "@", "|", "^", "&", "<<", ">>", "+", "-", "*", "/", "%", "operator",
];

/// The order expected tokens are listed in.
const TOKEN_ORDER: &[&str] = &[
    ";", ",", "}", ")", "]", ">", "{", "(", "[", "<", ":", "::", "=", "@",
];

/// What the grammar expected at one position.
#[derive(Debug, Default)]
pub(crate) struct Expected {
    /// Nouns and quoted keywords or tokens, most important first, without repeats.
    items: Vec<String>,
}

impl Expected {
    /// The position of the error and what was expected there.
    pub(crate) fn from_error(error: &Error<Rule>) -> (usize, Expected) {
        let rule_position = location(error);
        let attempts = error.parse_attempts();
        // pest does not export its token type; its `Display` shows a literal token as written
        // (ranges and built-in rules show as text with letters, which `is_punctuation` drops).
        let expected_tokens: Vec<String> = attempts
            .as_ref()
            .map(|a| {
                a.expected_tokens()
                    .iter()
                    .map(ToString::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let mut tokens: Vec<&str> = Vec::new();
        for token in &expected_tokens {
            if is_punctuation(token) && !tokens.contains(&token.as_str()) {
                tokens.push(token);
            }
        }
        // The furthest token attempt is the error position, unless all that was tried there is
        // the continuation of a word (the keyword check of an identifier looks one character
        // past the word): then the furthest failed rule is.
        let position = match &attempts {
            Some(a) if a.max_position > rule_position && !tokens.is_empty() => a.max_position,
            _ => rule_position,
        };
        let mut nouns: Vec<String> = Vec::new();
        if position == rule_position
            && let ErrorVariant::ParsingError { positives, .. } = &error.variant
        {
            for rule in positives {
                for name in rule_names(*rule) {
                    push_unique(&mut nouns, (*name).to_owned());
                }
            }
        }
        if attempts
            .as_ref()
            .is_some_and(|a| a.max_position != position)
        {
            tokens.clear();
        }
        if nouns.iter().any(|n| n == "type") {
            nouns.retain(|n| n != "identifier" && n != "name");
        }
        if !nouns.is_empty() {
            tokens.retain(|t| !matches!(*t, "::" | "@" | "."));
        }
        if nouns.iter().any(|n| n == "expression") {
            tokens.retain(|t| !matches!(*t, "(" | "-" | "+" | "~"));
        }
        if tokens.contains(&";") {
            tokens.retain(|t| *t != ",");
        }
        tokens.sort_by_key(|t| {
            TOKEN_ORDER
                .iter()
                .position(|o| o == t)
                .unwrap_or(TOKEN_ORDER.len())
        });
        let mut items = nouns;
        items.extend(tokens.iter().map(|t| format!("`{t}`")));
        let is_continuation = |item: &String| {
            let bare = item.trim_matches('`');
            CONTINUATIONS.contains(&bare)
        };
        if items.iter().any(|i| !is_continuation(i)) {
            items.retain(|i| !is_continuation(i));
        }
        (position, Expected { items })
    }
}

impl Expected {
    /// Whether `;` is among the expected tokens.
    pub(crate) fn wants_semicolon(&self) -> bool {
        self.items.iter().any(|i| i == "`;`")
    }
}

impl fmt::Display for Expected {
    /// "`;`", "type or `>`", "one of `,`, `;`, or `}`".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.items.as_slice() {
            [] => Ok(()),
            [one] => f.write_str(one),
            [a, b] => write!(f, "{a} or {b}"),
            [init @ .., last] => write!(f, "one of {}, or {last}", init.join(", ")),
        }
    }
}

fn push_unique(items: &mut Vec<String>, item: String) {
    if !items.contains(&item) {
        items.push(item);
    }
}

/// Whether a literal token is punctuation (keywords and literal pieces come through rules).
fn is_punctuation(token: &str) -> bool {
    // A range shows as `a..b`: never a token of ours.
    let range = token.len() > 2 && token.contains("..");
    let punctuation = token
        .bytes()
        .all(|b| b.is_ascii_punctuation() && !matches!(b, b'_' | b'"' | b'\'' | b'\\'));
    !token.is_empty() && !range && punctuation && !matches!(token, "/*" | "//" | "*/" | ".")
}

/// How a rule that failed at the error position is named in a message; empty when it says
/// nothing useful (prefixes such as annotations, and alternatives named by their parent).
fn rule_names(rule: Rule) -> &'static [&'static str] {
    use Rule as R;
    match rule {
        R::identifier | R::any_identifier | R::declarator => &["identifier"],
        R::scoped_name | R::annotation_name | R::interface_type => &["name"],
        R::element_type
        | R::base_type
        | R::constructed_type
        | R::sequence_type
        | R::string_type
        | R::wstring_type
        | R::map_type
        | R::fixed_type => &["type"],
        R::const_expr | R::bound_expr | R::unary_expr => &["expression"],
        R::binary_op | R::bound_op => &["operator"],
        R::number_literal
        | R::char_literal
        | R::wchar_literal
        | R::wstring_literal
        | R::wstring_literals
        | R::string_literals
        | R::boolean_literal => &["literal"],
        R::string_literal => &["string literal"],
        // The whole specification fails at the start of the file when its first definition does.
        R::specification | R::definition | R::definition_body => &["definition"],
        R::member | R::export | R::component_export | R::annotation_member => &["member"],
        R::case | R::case_label => &["`case`", "`default`"],
        R::enumerator => &["enumerator"],
        R::bitfield => &["`bitfield`"],
        R::param => &["parameter"],
        R::param_direction => &["`in`", "`out`", "`inout`"],
        R::named_arg => &["argument"],
        R::formal_param | R::formal_param_type => &["template parameter"],
        R::template_arg => &["template argument"],
        R::raises_expr => &["`raises`"],
        R::getraises_expr => &["`getraises`"],
        R::setraises_expr => &["`setraises`"],
        R::context_expr => &["`context`"],
        R::supports_clause => &["`supports`"],
        _ => keyword_name(rule),
    }
}

/// "`struct`" for `kw_struct`, and so on; empty for other rules.
fn keyword_name(rule: Rule) -> &'static [&'static str] {
    use Rule as R;
    match rule {
        R::kw_abstract => &["`abstract`"],
        R::kw_alias => &["`alias`"],
        R::kw_annotation => &["`annotation`"],
        R::kw_any => &["`any`"],
        R::kw_attribute => &["`attribute`"],
        R::kw_bitfield => &["`bitfield`"],
        R::kw_bitmask => &["`bitmask`"],
        R::kw_bitset => &["`bitset`"],
        R::kw_boolean => &["`boolean`"],
        R::kw_case => &["`case`"],
        R::kw_char => &["`char`"],
        R::kw_component => &["`component`"],
        R::kw_connector => &["`connector`"],
        R::kw_const => &["`const`"],
        R::kw_consumes => &["`consumes`"],
        R::kw_context => &["`context`"],
        R::kw_custom => &["`custom`"],
        R::kw_default => &["`default`"],
        R::kw_double => &["`double`"],
        R::kw_emits => &["`emits`"],
        R::kw_enum => &["`enum`"],
        R::kw_eventtype => &["`eventtype`"],
        R::kw_exception => &["`exception`"],
        R::kw_factory => &["`factory`"],
        R::kw_finder => &["`finder`"],
        R::kw_fixed => &["`fixed`"],
        R::kw_float => &["`float`"],
        R::kw_getraises => &["`getraises`"],
        R::kw_home => &["`home`"],
        R::kw_import => &["`import`"],
        R::kw_in => &["`in`"],
        R::kw_inout => &["`inout`"],
        R::kw_interface => &["`interface`"],
        R::kw_local => &["`local`"],
        R::kw_long => &["`long`"],
        R::kw_manages => &["`manages`"],
        R::kw_map => &["`map`"],
        R::kw_module => &["`module`"],
        R::kw_multiple => &["`multiple`"],
        R::kw_native => &["`native`"],
        R::kw_object => &["`Object`"],
        R::kw_octet => &["`octet`"],
        R::kw_oneway => &["`oneway`"],
        R::kw_out => &["`out`"],
        R::kw_port => &["`port`"],
        R::kw_porttype => &["`porttype`"],
        R::kw_primarykey => &["`primarykey`"],
        R::kw_private => &["`private`"],
        R::kw_provides => &["`provides`"],
        R::kw_public => &["`public`"],
        R::kw_publishes => &["`publishes`"],
        R::kw_raises => &["`raises`"],
        R::kw_readonly => &["`readonly`"],
        R::kw_sequence => &["`sequence`"],
        R::kw_setraises => &["`setraises`"],
        R::kw_short => &["`short`"],
        R::kw_string => &["`string`"],
        R::kw_struct => &["`struct`"],
        R::kw_supports => &["`supports`"],
        R::kw_switch => &["`switch`"],
        R::kw_truncatable => &["`truncatable`"],
        R::kw_typedef => &["`typedef`"],
        R::kw_typeid => &["`typeid`"],
        R::kw_typename => &["`typename`"],
        R::kw_typeprefix => &["`typeprefix`"],
        R::kw_union => &["`union`"],
        R::kw_unsigned => &["`unsigned`"],
        R::kw_uses => &["`uses`"],
        R::kw_valuebase => &["`ValueBase`"],
        R::kw_valuetype => &["`valuetype`"],
        R::kw_void => &["`void`"],
        R::kw_wchar => &["`wchar`"],
        R::kw_wstring => &["`wstring`"],
        _ => &[],
    }
}
