//! The arguments of `idl!`, parsed in the order they are written:
//!
//! ```text
//! idl!("path/to/file.idl" [, include = ["dir", ...]] [, define = ["NAME", "NAME=VALUE", ...]]
//!      [, crate = "::path::to::orbit"] [, client = bool] [, server = bool] [,])
//! ```

use syn::{
    Ident, LitBool, LitStr, Path, Token, bracketed,
    ext::IdentExt,
    parse::{Parse, ParseStream},
    punctuated::Punctuated,
};

/// Names of the optional arguments, as written by users.
mod keyword {
    pub(super) const INCLUDE: &str = "include";
    pub(super) const DEFINE: &str = "define";
    pub(super) const CRATE: &str = "crate";
    pub(super) const CLIENT: &str = "client";
    pub(super) const SERVER: &str = "server";
    pub(super) const ALL: &[&str] = &[INCLUDE, DEFINE, CRATE, CLIENT, SERVER];
}

/// Everything `idl!` was given.
pub(crate) struct Args {
    /// The IDL file, relative to `CARGO_MANIFEST_DIR`.
    pub(crate) path: LitStr,
    /// Folders searched for `#include`d files, relative to `CARGO_MANIFEST_DIR`.
    pub(crate) include: Vec<LitStr>,
    /// Preprocessor macros: `(name, value)`, the value `None` for a bare `NAME`.
    pub(crate) define: Vec<(String, Option<String>)>,
    /// The path of the `orbit` crate, when it is not `::orbit`.
    pub(crate) krate: Option<Path>,
    /// Whether to generate client proxies.
    pub(crate) client: Option<bool>,
    /// Whether to generate server traits and skeletons.
    pub(crate) server: Option<bool>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path = parse_path(input)?;
        let mut args = Args {
            path,
            include: Vec::new(),
            define: Vec::new(),
            krate: None,
            client: None,
            server: None,
        };
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            // `Ident::parse_any` so that `crate` (a keyword) is accepted as a name.
            let key = input.call(Ident::parse_any)?;
            let name = key.to_string();
            if seen.contains(&name) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{name}` is given more than once"),
                ));
            }
            input.parse::<Token![=]>()?;
            match name.as_str() {
                keyword::INCLUDE => args.include = parse_strings(input)?,
                keyword::DEFINE => {
                    args.define = parse_strings(input)?
                        .iter()
                        .map(parse_define)
                        .collect::<syn::Result<_>>()?;
                }
                keyword::CRATE => args.krate = Some(input.parse::<LitStr>()?.parse()?),
                keyword::CLIENT => args.client = Some(input.parse::<LitBool>()?.value),
                keyword::SERVER => args.server = Some(input.parse::<LitBool>()?.value),
                _ => {
                    let expected = keyword::ALL
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown argument `{name}`, expected one of {expected}"),
                    ));
                }
            }
            seen.push(name);
        }
        Ok(args)
    }
}

/// The first argument: a non-empty string literal.
fn parse_path(input: ParseStream<'_>) -> syn::Result<LitStr> {
    if !input.peek(LitStr) {
        return Err(input.error(
            "expected a string literal: the path of an IDL file, relative to `CARGO_MANIFEST_DIR`",
        ));
    }
    let path: LitStr = input.parse()?;
    if path.value().is_empty() {
        return Err(syn::Error::new(path.span(), "the IDL file's path is empty"));
    }
    Ok(path)
}

/// `["a", "b", ...]`.
fn parse_strings(input: ParseStream<'_>) -> syn::Result<Vec<LitStr>> {
    let content;
    bracketed!(content in input);
    let list = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(list.into_iter().collect())
}

/// `"NAME"` or `"NAME=VALUE"`, as `-D` takes them.
fn parse_define(lit: &LitStr) -> syn::Result<(String, Option<String>)> {
    let text = lit.value();
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name, Some(value.to_owned())),
        None => (text.as_str(), None),
    };
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric());
    if !valid {
        return Err(syn::Error::new(
            lit.span(),
            format!("`{name}` is not a macro name: expected `NAME` or `NAME=VALUE`"),
        ));
    }
    Ok((name.to_owned(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> syn::Result<Args> {
        syn::parse_str(text)
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("`{text}` parsed"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn a_path_alone() {
        let args = parse(r#""idl/bank.idl""#).unwrap();
        assert_eq!(args.path.value(), "idl/bank.idl");
        assert!(args.include.is_empty() && args.define.is_empty());
        assert!(args.krate.is_none() && args.client.is_none() && args.server.is_none());
    }

    #[test]
    fn every_argument_with_a_trailing_comma() {
        let args = parse(
            r#""a.idl", include = ["idl", "../shared"], define = ["DDS", "N=3"],
               crate = "::my_orbit", client = false, server = true,"#,
        )
        .unwrap();
        let include: Vec<_> = args.include.iter().map(LitStr::value).collect();
        assert_eq!(include, ["idl", "../shared"]);
        assert_eq!(
            args.define,
            [
                ("DDS".to_owned(), None),
                ("N".to_owned(), Some("3".to_owned()))
            ]
        );
        let krate = args.krate.unwrap();
        assert_eq!(quote::quote!(#krate).to_string(), ":: my_orbit");
        assert_eq!((args.client, args.server), (Some(false), Some(true)));
    }

    #[test]
    fn the_path_must_be_a_string_literal() {
        let expected =
            "expected a string literal: the path of an IDL file, relative to `CARGO_MANIFEST_DIR`";
        assert_eq!(error("bank"), expected);
        assert_eq!(error("42"), expected);
        assert_eq!(error(""), format!("unexpected end of input, {expected}"));
        assert_eq!(error(r#""""#), "the IDL file's path is empty");
    }

    #[test]
    fn unknown_and_repeated_arguments() {
        assert_eq!(
            error(r#""a.idl", includes = []"#),
            "unknown argument `includes`, expected one of `include`, `define`, `crate`, \
             `client`, `server`"
        );
        assert_eq!(
            error(r#""a.idl", client = true, client = false"#),
            "`client` is given more than once"
        );
        assert_eq!(error(r#""a.idl" "b.idl""#), "expected `,`");
        assert_eq!(
            error(r#""a.idl", client = "no""#),
            "expected boolean literal"
        );
    }

    #[test]
    fn defines_need_a_macro_name() {
        assert_eq!(
            error(r#""a.idl", define = ["=1"]"#),
            "`` is not a macro name: expected `NAME` or `NAME=VALUE`"
        );
        assert_eq!(
            error(r#""a.idl", define = ["1X"]"#),
            "`1X` is not a macro name: expected `NAME` or `NAME=VALUE`"
        );
    }

    #[test]
    fn the_crate_path_must_be_a_path() {
        assert!(parse(r#""a.idl", crate = "not a path""#).is_err());
    }
}
