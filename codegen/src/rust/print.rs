//! Printing generated Rust: [`unparse`] is `prettyplease`, except for the bodies of the
//! runtime's listing macros (`record! { … }`, `union! { … }`, …), which prettyplease would run
//! together as flowing text; they get one entry per line instead.
//!
//! prettyplease never looks inside a macro body, so a body is swapped for a placeholder
//! identifier before the tokens are parsed ([`take_listings`]), laid out here, and put back in
//! place of the placeholder's line at its indentation ([`Listings::restore`]).
//!
//! Layout of a body: a non-empty `{ … }` group opens a block, and inside a block every `,` or
//! `;` ends a line; a `;` also ends a line outside blocks. Everything else is printed on one
//! line, spaced as rustfmt would (`Seq<Str<8>, 3>`, `1 => x: Singular<Double> = "x"`).

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};

/// The macros of the runtime whose bodies are laid out here, by the last segment of their
/// path.
pub const LISTING_MACROS: &[&str] = &[
    "record",
    "union",
    "enumeration",
    "interface",
    "operation",
    "proxy",
    "client",
    "server",
    "raises",
    "service",
];

/// Words of the listings (and Rust keywords) after which `::` and groups are spaced: in
/// `default ::core::…` and `bases [ … ]` they do not start a path or a call.
const KEYWORDS: &[&str] = &[
    "default",
    "as",
    "returns",
    "pub",
    "trait",
    "upcast",
    "bases",
    "raises",
    "serve",
    "oneway",
    "taken",
    "discriminator",
    "exception",
    "request",
    "response",
    "in",
    "for",
    "impl",
    "dyn",
    "where",
    "mut",
    "move",
    "return",
    "fn",
];

/// The prefix of placeholder identifiers (never an IDL name: those do not start with `__`).
const PLACEHOLDER: &str = "__orbit_listing_";

/// The bodies of the listing macros of a generated file, laid out, and taken out of its tokens
/// (see [`take_listings`]) so that syn and prettyplease see one placeholder identifier each.
#[derive(Debug, Default)]
pub struct Listings {
    bodies: Vec<String>,
}

impl Listings {
    /// Puts the bodies back into `printed`, the text prettyplease printed from the tokens
    /// [`take_listings`] returned, each at its placeholder's indentation.
    pub fn restore(&self, printed: &str) -> String {
        if self.bodies.is_empty() {
            return printed.to_owned();
        }
        let extra: usize = self.bodies.iter().map(String::len).sum();
        let mut out = String::with_capacity(printed.len() + extra);
        for line in printed.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let body = trimmed
                .strip_prefix(PLACEHOLDER)
                .and_then(|rest| rest.trim_end().parse::<usize>().ok())
                .and_then(|index| self.bodies.get(index));
            match body {
                Some(body) => {
                    let indent = &line[..line.len() - trimmed.len()];
                    for body_line in body.lines() {
                        if !body_line.is_empty() {
                            out.push_str(indent);
                            out.push_str(body_line);
                        }
                        out.push('\n');
                    }
                }
                None => out.push_str(line),
            }
        }
        out
    }
}

/// Formats generated tokens as a file: prettyplease, with listing macro bodies laid out one
/// entry per line.
///
/// # Errors
///
/// When the tokens are not a Rust file.
pub fn format_tokens(tokens: TokenStream) -> syn::Result<String> {
    let (tokens, listings) = take_listings(tokens);
    let file = syn::parse2::<syn::File>(tokens)?;
    Ok(listings.restore(&prettyplease::unparse(&file)))
}

/// Formats a parsed file as [`format_tokens`] does.
pub fn unparse(file: syn::File) -> String {
    format_tokens(quote::ToTokens::into_token_stream(file)).unwrap_or_else(|_| String::new())
}

/// Replaces the body of every listing macro (at the top level or in `mod` bodies, where
/// generated code puts them) with a placeholder identifier, and lays the bodies out.
///
/// Bodies never reach syn this way, which would copy their tokens twice and store them
/// opaquely anyway: generated files are mostly listings.
pub fn take_listings(tokens: TokenStream) -> (TokenStream, Listings) {
    let mut listings = Listings::default();
    let tokens = take(tokens, &mut listings.bodies);
    (tokens, listings)
}

fn take(tokens: TokenStream, bodies: &mut Vec<String>) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for token in tokens {
        let TokenTree::Group(group) = token else {
            out.push(token);
            continue;
        };
        let n = out.len();
        let before = |back: usize| n.checked_sub(back).and_then(|i| out.get(i));
        let listing = group.delimiter() == Delimiter::Brace
            && matches!(before(1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
            && matches!(before(2), Some(TokenTree::Ident(name))
                if LISTING_MACROS.iter().any(|m| name == m));
        let module = group.delimiter() == Delimiter::Brace
            && matches!(before(1), Some(TokenTree::Ident(_)))
            && matches!(before(2), Some(TokenTree::Ident(keyword)) if keyword == "mod");
        if listing && !group.stream().is_empty() {
            let placeholder =
                Ident::new(&format!("{PLACEHOLDER}{}", bodies.len()), Span::call_site());
            // Dropping the group first leaves its stream unshared: iterating it then moves the
            // tokens instead of copying them.
            let stream = group.stream();
            drop(group);
            bodies.push(layout(stream));
            out.push(Group::new(Delimiter::Brace, TokenTree::from(placeholder).into()).into());
        } else if module {
            let stream = group.stream();
            drop(group);
            out.push(Group::new(Delimiter::Brace, take(stream, bodies)).into());
        } else {
            out.push(group.into());
        }
    }
    out.into_iter().collect()
}

/// The lines of a macro body, indented from column 0.
pub fn layout(tokens: TokenStream) -> String {
    let mut printer = Printer::default();
    printer.stream(tokens, false);
    printer.newline();
    printer.out
}

/// What the last printed token was, for spacing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    /// Start of a line, or just after an opening delimiter: no space.
    Start,
    /// An identifier, literal or closing delimiter: a following word needs a space.
    Word,
    /// A keyword (see [`KEYWORDS`]): like a word, and a following `::` or group is spaced.
    Keyword,
    /// `::`, `<` of generics, `#`, `&`, a prefix `-` or `!`: the next token sticks to it.
    Glue,
    /// Any other punctuation (`,`, `=`, `=>`, `:`, `|`, `>`): a following token is spaced.
    Punct,
}

#[derive(Debug)]
struct Printer {
    out: String,
    line: String,
    indent: usize,
    last: Last,
    /// Open `<` of generics, by nesting of delimiters: `>` closes one instead of comparing.
    angles: Vec<usize>,
    /// How many inline groups (`( … )`, `[ … ]`, `{ … }` inside a line) are open.
    inline: usize,
}

impl Default for Printer {
    fn default() -> Self {
        Printer {
            out: String::new(),
            line: String::new(),
            indent: 0,
            last: Last::Start,
            angles: vec![0],
            inline: 0,
        }
    }
}

impl Printer {
    /// Prints `tokens`; `block` says whether they are the inside of a block, where `,` ends a
    /// line.
    fn stream(&mut self, tokens: TokenStream, block: bool) {
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                TokenTree::Group(group) => {
                    let inner = group.stream();
                    let delimiter = group.delimiter();
                    drop(group);
                    match delimiter {
                        Delimiter::Brace if !inner.is_empty() && self.at_block_level() => {
                            self.word_space();
                            self.line.push('{');
                            self.newline();
                            self.indent += 1;
                            self.angles.push(0);
                            self.stream(inner, true);
                            self.angles.pop();
                            self.newline();
                            self.indent -= 1;
                            self.line.push('}');
                            self.last = Last::Word;
                            // What follows a block starts a new line unless it ends the entry.
                            let ends_entry = matches!(
                                tokens.peek(),
                                Some(TokenTree::Punct(p)) if p.as_char() == ',' || p.as_char() == ';'
                            );
                            if !ends_entry {
                                self.newline();
                            }
                        }
                        Delimiter::Brace if inner.is_empty() => {
                            self.word_space();
                            self.line.push_str("{}");
                            self.last = Last::Word;
                            let ends_entry = matches!(
                                tokens.peek(),
                                Some(TokenTree::Punct(p)) if p.as_char() == ',' || p.as_char() == ';'
                            );
                            if self.at_block_level() && !ends_entry {
                                self.newline();
                            }
                        }
                        delimiter => {
                            let (open, close) = match delimiter {
                                Delimiter::Parenthesis => ("(", ")"),
                                Delimiter::Bracket => ("[", "]"),
                                Delimiter::Brace => ("{", "}"),
                                Delimiter::None => ("", ""),
                            };
                            // A call or an index sticks to its name; `{ … }` is spaced.
                            if delimiter == Delimiter::Brace || self.last != Last::Word {
                                self.word_space();
                            }
                            self.line.push_str(open);
                            self.last = Last::Start;
                            self.angles.push(0);
                            self.inline += 1;
                            let brace = delimiter == Delimiter::Brace;
                            if brace {
                                self.line.push(' ');
                            }
                            self.stream(inner, false);
                            if brace {
                                self.line.push(' ');
                            }
                            self.inline -= 1;
                            self.angles.pop();
                            self.line.push_str(close);
                            self.last = Last::Word;
                        }
                    }
                }
                TokenTree::Ident(ident) => {
                    self.word_space();
                    let start = self.line.len();
                    let _ = write!(self.line, "{ident}");
                    let keyword = KEYWORDS.contains(&&self.line[start..]);
                    self.last = if keyword { Last::Keyword } else { Last::Word };
                }
                TokenTree::Literal(literal) => {
                    self.word_space();
                    let _ = write!(self.line, "{literal}");
                    self.last = Last::Word;
                }
                TokenTree::Punct(punct) => {
                    let ch = punct.as_char();
                    let joint = punct.spacing() == Spacing::Joint;
                    match ch {
                        ',' | ';' => {
                            self.line.push(ch);
                            self.last = Last::Punct;
                            if (block && self.at_block_level()) || ch == ';' {
                                self.newline();
                            }
                        }
                        ':' if joint => {
                            // `::`: spaced before only after `=`, `,`, keywords and the like.
                            if matches!(self.last, Last::Punct | Last::Keyword) {
                                self.line.push(' ');
                            }
                            self.line.push_str("::");
                            if let Some(TokenTree::Punct(_)) = tokens.peek() {
                                tokens.next();
                            }
                            self.last = Last::Glue;
                        }
                        '<' if matches!(self.last, Last::Word | Last::Keyword) && !joint => {
                            self.line.push('<');
                            if let Some(open) = self.angles.last_mut() {
                                *open += 1;
                            }
                            self.last = Last::Glue;
                        }
                        '>' if self.angles.last().is_some_and(|&open| open > 0) => {
                            if let Some(open) = self.angles.last_mut() {
                                *open -= 1;
                            }
                            self.line.push('>');
                            self.last = Last::Word;
                        }
                        ':' => {
                            self.line.push(':');
                            self.last = Last::Punct;
                        }
                        '#' if self.doc_comment(&mut tokens) => {}
                        '#' | '&' | '!' | '\'' => {
                            if ch != '!' || self.last != Last::Word {
                                self.space();
                            }
                            self.line.push(ch);
                            self.last = Last::Glue;
                        }
                        '-' if self.last != Last::Word => {
                            self.space();
                            self.line.push('-');
                            self.last = Last::Glue;
                        }
                        _ => {
                            self.space();
                            self.line.push(ch);
                            // The rest of a multi-character operator (`=>`, `||`).
                            let mut joint = joint;
                            while joint {
                                match tokens.peek() {
                                    Some(TokenTree::Punct(next)) => {
                                        self.line.push(next.as_char());
                                        joint = next.spacing() == Spacing::Joint;
                                        tokens.next();
                                    }
                                    _ => break,
                                }
                            }
                            self.last = Last::Punct;
                        }
                    }
                }
            }
        }
    }

    /// Prints the attribute `#[doc = "…"]` that `tokens` holds after a `#` as a `///` line,
    /// when it is one and the text allows it (one line, not starting with `/`); says whether
    /// it did.
    fn doc_comment(
        &mut self,
        tokens: &mut std::iter::Peekable<proc_macro2::token_stream::IntoIter>,
    ) -> bool {
        let Some(TokenTree::Group(group)) = tokens.peek() else {
            return false;
        };
        if group.delimiter() != Delimiter::Bracket {
            return false;
        }
        let mut inner = group.stream().into_iter();
        let (
            Some(TokenTree::Ident(doc)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Literal(text)),
            None,
        ) = (inner.next(), inner.next(), inner.next(), inner.next())
        else {
            return false;
        };
        if doc != "doc" || eq.as_char() != '=' {
            return false;
        }
        let syn::Lit::Str(text) = syn::Lit::new(text) else {
            return false;
        };
        let text = text.value();
        if text.contains(['\n', '\r']) || text.starts_with('/') || !self.at_block_level() {
            return false;
        }
        tokens.next();
        self.newline();
        self.line.push_str("///");
        self.line.push_str(&text);
        self.newline();
        true
    }

    /// Whether a `{ … }` here opens a block: not inside an inline group or generics.
    fn at_block_level(&self) -> bool {
        self.inline == 0 && self.angles.last().is_none_or(|&open| open == 0)
    }

    /// A space before a word unless it follows glue or starts a line.
    fn word_space(&mut self) {
        if matches!(self.last, Last::Word | Last::Keyword | Last::Punct) {
            self.line.push(' ');
        }
    }

    /// A space before punctuation unless it starts a line or follows glue.
    fn space(&mut self) {
        if matches!(self.last, Last::Word | Last::Keyword | Last::Punct) {
            self.line.push(' ');
        }
    }

    /// Ends the current line, if it holds anything.
    fn newline(&mut self) {
        if self.line.is_empty() {
            return;
        }
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(&self.line);
        self.out.push('\n');
        self.line.clear();
        self.last = Last::Start;
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn entries_get_a_line_each_and_types_are_spaced_as_rustfmt_spaces_them() {
        let body = quote! {
            Point = "Shapes::Point" {
                1 => x: Singular<Double> = "x",
                2 => names: Seq<Str<8>, { UNBOUNDED }> = "names",
                3 => r#type: Optional<List<Array<Int32, Nest<Leaf>>>> = "type",
                4 => b: Singular<Str<{ UNBOUNDED }>> = "b",
            }
            default 6 => None: Present<Bool> = "none";
            discriminator 1 => super::m::Shade: Singular<Enumeration>, taken -1 | 2 | ::x::Y
        };
        assert_eq!(
            layout(body),
            "Point = \"Shapes::Point\" {\n    \
             1 => x: Singular<Double> = \"x\",\n    \
             2 => names: Seq<Str<8>, { UNBOUNDED }> = \"names\",\n    \
             3 => r#type: Optional<List<Array<Int32, Nest<Leaf>>>> = \"type\",\n    \
             4 => b: Singular<Str<{ UNBOUNDED }>> = \"b\",\n\
             }\n\
             default 6 => None: Present<Bool> = \"none\";\n\
             discriminator 1 => super::m::Shade: Singular<Enumeration>, taken -1 | 2 | ::x::Y\n"
        );
    }

    #[test]
    fn listing_bodies_are_put_back_at_their_indentation() {
        let file = format_tokens(quote! {
            pub mod m {
                /// A point.
                pub struct P {}
                ::orbit::__private::record! { P = "M::P" { 1 => x: Singular<Int32> = "x", } }
                other! { a, b }
            }
        })
        .unwrap();
        assert_eq!(
            file,
            "pub mod m {\n    \
             /// A point.\n    \
             pub struct P {}\n    \
             ::orbit::__private::record! {\n        \
             P = \"M::P\" {\n            \
             1 => x: Singular<Int32> = \"x\",\n        \
             }\n    \
             }\n    \
             other! {\n        a, b\n    }\n\
             }\n"
        );
    }
}
