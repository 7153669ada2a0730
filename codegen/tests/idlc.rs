//! Runs the built `idlc` binary on temporary files: exit statuses, human and JSON output,
//! `-I`/`-D` handling, several files and unreadable ones; for `idlc rust` and `idlc proto` also
//! what is written where, options, and files left unchanged.

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::atomic::{AtomicUsize, Ordering},
};

use serde_json::Value;

/// A folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "idlc-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    /// Writes `text` to `name` (creating folders) and returns its path.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// What a run of `idlc` produced.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn idlc<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output: Output = Command::new(env!("CARGO_BIN_EXE_idlc"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

const GOOD: &str = "module Bank {\n    struct Money { long long cents; };\n};\n";
/// A member without its `;`: one syntax error on line 2.
const MISSING_SEMICOLON: &str = "module Bank {\n    struct Money { long long cents }\n};\n";

#[test]
fn a_good_file_exits_0_with_one_line_saying_so() {
    let dir = TempDir::new();
    let good = dir.file("good.idl", GOOD);
    let run = idlc([Path::new("check"), &good]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "checked 1 file: no errors\n");
}

#[test]
fn a_file_with_errors_exits_1_with_the_position_and_a_summary() {
    let dir = TempDir::new();
    let bad = dir.file("bad.idl", MISSING_SEMICOLON);
    let run = idlc([Path::new("check"), &bad]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:2:", bad.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("struct Money { long long cents }"));
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "error: could not check `{}` due to ",
            bad.display()
        )),
        "{last}"
    );
    assert!(last.ends_with("previous error") || last.ends_with("previous errors"));
    assert!(!run.stderr.contains('\u{1b}'), "colour into a pipe");
}

#[test]
fn json_format_prints_one_object_per_diagnostic_on_stdout() {
    let dir = TempDir::new();
    let bad = dir.file("bad.idl", MISSING_SEMICOLON);
    let run = idlc([Path::new("check"), Path::new("--format=json"), &bad]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, "");
    let lines = json_lines(&run.stdout);
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(line["file"], bad.display().to_string());
        assert!(line["line"].as_u64().is_some_and(|n| n >= 1), "{line}");
        assert!(line["column"].as_u64().is_some_and(|n| n >= 1), "{line}");
        assert!(line["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(["error", "warning", "note"].contains(&line["severity"].as_str().unwrap()));
        assert!(line["rendered"].as_str().is_some());
    }
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["line"], 2);
}

#[test]
fn a_missing_file_is_an_error_not_a_crash() {
    let dir = TempDir::new();
    let missing = dir.path().join("missing.idl");
    let run = idlc([Path::new("check"), &missing]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        format!(
            "error: cannot read `{}`: No such file or directory (os error 2)",
            missing.display()
        )
    );
    assert!(run.stderr.ends_with(&format!(
        "error: could not check `{}` due to 1 previous error\n",
        missing.display()
    )));

    let run = idlc([
        Path::new("check"),
        Path::new("--format"),
        Path::new("json"),
        &missing,
    ]);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["file"], missing.display().to_string());
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["line"], Value::Null);
}

#[test]
fn each_file_is_checked_and_reported_on_its_own() {
    let dir = TempDir::new();
    let good = dir.file("good.idl", GOOD);
    let bad = dir.file("bad.idl", MISSING_SEMICOLON);
    let missing = dir.path().join("missing.idl");
    let run = idlc([Path::new("check"), &good, &bad, &missing]);
    assert_eq!(run.code, Some(1));
    let summaries: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("error: could not check"))
        .collect();
    assert_eq!(summaries.len(), 2, "{}", run.stderr);
    assert!(summaries[0].contains(&format!("`{}`", bad.display())));
    assert!(summaries[1].contains(&format!("`{}`", missing.display())));
    assert!(!run.stderr.contains(&good.display().to_string()));

    // The same file twice is checked twice; a good file alone still succeeds.
    let run = idlc([Path::new("check"), &good, &good]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);

    let run = idlc([
        Path::new("check"),
        Path::new("--format=json"),
        &bad,
        &missing,
    ]);
    let files: Vec<String> = json_lines(&run.stdout)
        .iter()
        .map(|line| line["file"].as_str().unwrap().to_owned())
        .collect();
    assert!(files.contains(&bad.display().to_string()));
    assert_eq!(files.last(), Some(&missing.display().to_string()));
}

#[test]
fn include_dirs_are_searched() {
    let dir = TempDir::new();
    dir.file(
        "inc/money.idl",
        "module Bank { struct Money { long long cents; }; };\n",
    );
    let main = dir.file(
        "src/main.idl",
        "#include \"money.idl\"\nmodule Bank { struct Account { Money balance; }; };\n",
    );
    let without = idlc([Path::new("check"), &main]);
    assert_eq!(without.code, Some(1), "{}", without.stderr);
    assert!(without.stderr.contains("money.idl"), "{}", without.stderr);

    let inc = dir.path().join("inc");
    let with = idlc([Path::new("check"), Path::new("-I"), &inc, &main]);
    assert_eq!(with.code, Some(0), "{}", with.stderr);
    let attached = idlc([
        Path::new("check"),
        Path::new(&format!("-I{}", inc.display())),
        &main,
    ]);
    assert_eq!(attached.code, Some(0), "{}", attached.stderr);
}

#[test]
fn defines_reach_the_preprocessor() {
    let dir = TempDir::new();
    let file = dir.file(
        "feature.idl",
        "#ifdef BROKEN\n#error BROKEN is defined\n#endif\n\
         #if LEVEL > 2\n#error LEVEL is above 2\n#endif\n\
         module Ok { struct S { long a; }; };\n",
    );
    let check = |extra: &[&str]| {
        let mut args = vec!["check".to_owned()];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args.push(file.display().to_string());
        idlc(args)
    };
    assert_eq!(check(&[]).code, Some(0));
    let broken = check(&["-D", "BROKEN"]);
    assert_eq!(broken.code, Some(1));
    assert!(broken.stderr.contains(&format!("{}:2:", file.display())));
    assert!(
        broken.stderr.contains("BROKEN is defined"),
        "{}",
        broken.stderr
    );
    assert_eq!(check(&["-DLEVEL=2"]).code, Some(0));
    let level = check(&["-DLEVEL=3"]);
    assert_eq!(level.code, Some(1));
    assert!(level.stderr.contains(&format!("{}:5:", file.display())));
    assert!(
        level.stderr.contains("LEVEL is above 2"),
        "{}",
        level.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(idlc::<_, &str>([]).code, Some(2));
    assert_eq!(idlc(["check"]).code, Some(2));
    assert_eq!(idlc(["frobnicate", "a.idl"]).code, Some(2));
    assert_eq!(idlc(["check", "--format", "xml", "a.idl"]).code, Some(2));
    assert_eq!(
        idlc(["check", "--color", "sometimes", "a.idl"]).code,
        Some(2)
    );
    let bad_define = idlc(["check", "-D", "1X=2", "a.idl"]);
    assert_eq!(bad_define.code, Some(2));
    assert!(bad_define.stderr.contains("`1X` is not a macro name"));
    assert_eq!(idlc(["--help"]).code, Some(0));
    assert_eq!(idlc(["check", "--help"]).code, Some(0));
    assert!(idlc(["--version"]).stdout.starts_with("idlc "));
}

#[test]
fn colour_is_used_only_when_asked_for_outside_a_terminal() {
    let dir = TempDir::new();
    let missing = dir.path().join("missing.idl");
    let always = idlc([Path::new("check"), Path::new("--color=always"), &missing]);
    assert!(always.stderr.contains("\u{1b}["), "{:?}", always.stderr);
    let auto = idlc([Path::new("check"), &missing]);
    assert!(!auto.stderr.contains('\u{1b}'));
    let never = idlc([Path::new("check"), Path::new("--color=never"), &missing]);
    assert!(!never.stderr.contains('\u{1b}'));
}

#[test]
fn the_crate_docs_show_what_idlc_really_prints() {
    let dir = TempDir::new();
    dir.file("bank.idl", MISSING_SEMICOLON);
    let output = Command::new(env!("CARGO_BIN_EXE_idlc"))
        .args(["check", "bank.idl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let docs = include_str!("../src/lib.rs");
    for line in stderr.lines() {
        let doc_line = format!("//! {line}");
        assert!(
            docs.lines().any(|l| l.trim_end() == doc_line.trim_end()),
            "the crate docs lack `{line}`; idlc printed:\n{stderr}"
        );
    }
    let output = Command::new(env!("CARGO_BIN_EXE_idlc"))
        .args(["check", "--format=json", "bank.idl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json = String::from_utf8(output.stdout).unwrap();
    let before_rendered = &json[..json.find(r#""rendered":"#).unwrap()];
    assert!(docs.contains(before_rendered), "{json}");
}

#[test]
fn warnings_alone_exit_0_with_a_count() {
    let dir = TempDir::new();
    let file = dir.file(
        "warned.idl",
        "#warning first\n#warning second\nmodule M { struct S { long a; }; };\n",
    );
    let run = idlc([Path::new("check"), &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.starts_with("warning: first\n"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "warning: `{}` generated 2 warnings\nchecked 1 file: no errors\n",
            file.display()
        )),
        "{}",
        run.stderr
    );
    let json = idlc([Path::new("check"), Path::new("--format=json"), &file]);
    assert_eq!(json.code, Some(0));
    let lines = json_lines(&json.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|line| line["severity"] == "warning"));

    // With an error too, the summary counts both.
    let both = dir.file("both.idl", "#warning careful\n#error stop\n");
    let run = idlc([Path::new("check"), &both]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.ends_with(&format!(
        "error: could not check `{}` due to 1 previous error; 1 warning emitted\n",
        both.display()
    )));
}

/// An interface with an exception, for `idlc rust` and `idlc proto`.
const ACCOUNT: &str = "module Bank {\n    struct Money { long long cents; };\n    \
    exception Broke { Money missing; };\n    interface Account {\n        \
    void withdraw(in Money amount) raises (Broke);\n    };\n};\n";

#[test]
fn rust_writes_one_formatted_file_per_idl_file_and_leaves_unchanged_ones() {
    let dir = TempDir::new();
    let account = dir.file("idl/account.idl", ACCOUNT);
    let good = dir.file("idl/good.idl", GOOD);
    let out = dir.path().join("out");
    let run = idlc([Path::new("rust"), Path::new("-o"), &out, &account, &good]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "wrote {}\nwrote {}\n",
            out.join("account.rs").display(),
            out.join("good.rs").display()
        )
    );
    let code = fs::read_to_string(out.join("account.rs")).unwrap();
    assert!(
        code.starts_with("// This file is @generated by orbit-codegen from `account.idl`.\n"),
        "{code}"
    );
    assert!(code.contains("\n    pub struct Money {\n"), "{code}");
    assert!(code.contains("AccountServer: Account"), "{code}");
    assert!(code.contains("client __account_wire;"), "{code}");

    let again = idlc([Path::new("rust"), Path::new("--out-dir"), &out, &account]);
    assert_eq!(again.code, Some(0));
    assert_eq!(
        again.stderr,
        format!("unchanged {}\n", out.join("account.rs").display())
    );
    assert_eq!(fs::read_to_string(out.join("account.rs")).unwrap(), code);
}

#[test]
fn rust_options_shape_the_code() {
    let dir = TempDir::new();
    let account = dir.file("account.idl", ACCOUNT);
    let out = dir.path().join("out");
    let run = idlc([
        Path::new("rust"),
        Path::new("--no-server"),
        Path::new("--runtime-path"),
        Path::new("::sdk::orbit"),
        Path::new("-o"),
        &out,
        &account,
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let code = fs::read_to_string(out.join("account.rs")).unwrap();
    assert!(!code.contains("AccountServer"), "{code}");
    assert!(code.contains("::sdk::orbit::__private::"), "{code}");
    assert!(!code.contains(" ::orbit::"), "{code}");

    let run = idlc([
        Path::new("rust"),
        Path::new("--no-client"),
        Path::new("-o"),
        &out,
        &account,
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let code = fs::read_to_string(out.join("account.rs")).unwrap();
    assert!(code.contains("AccountServer: Account"), "{code}");
    assert!(!code.contains("client"), "{code}");
}

#[test]
fn rust_reports_errors_like_check_and_writes_only_good_files() {
    let dir = TempDir::new();
    let bad = dir.file("bad.idl", MISSING_SEMICOLON);
    let good = dir.file("good.idl", GOOD);
    let out = dir.path().join("out");
    let run = idlc([Path::new("rust"), Path::new("-o"), &out, &bad, &good]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("error: expected `;`, found `}`\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("{}:2:36", bad.display())));
    assert!(
        run.stderr.ends_with(&format!(
            "error: could not compile `{}` due to 1 previous error\nwrote {}\n",
            bad.display(),
            out.join("good.rs").display()
        )),
        "{}",
        run.stderr
    );
    assert!(!out.join("bad.rs").exists());

    let json = idlc([
        Path::new("rust"),
        Path::new("--format=json"),
        Path::new("-o"),
        &out,
        &bad,
    ]);
    assert_eq!(json.code, Some(1));
    assert_eq!(json.stderr, "");
    let lines = json_lines(&json.stdout);
    assert_eq!(lines[0]["file"], bad.display().to_string());
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["column"], 36);
}

#[test]
fn includes_and_defines_reach_rust_and_proto() {
    let dir = TempDir::new();
    dir.file(
        "inc/money.idl",
        "module Bank { struct Money { long long cents; }; };\n",
    );
    let main = dir.file(
        "src/main.idl",
        "#include \"money.idl\"\n#ifndef V2\n#error V2 is needed\n#endif\n\
         module Bank { struct Account { Money FIELD; }; };\n",
    );
    let out = dir.path().join("out");
    let inc = dir.path().join("inc");
    for command in ["rust", "proto"] {
        let run = idlc([
            Path::new(command),
            Path::new("-I"),
            &inc,
            Path::new("-DV2"),
            Path::new("-DFIELD=balance"),
            Path::new("-o"),
            &out,
            &main,
        ]);
        assert_eq!(run.code, Some(0), "{command}: {}", run.stderr);
        let without = idlc([
            Path::new(command),
            Path::new("-I"),
            &inc,
            Path::new("-o"),
            &out,
            &main,
        ]);
        assert_eq!(without.code, Some(1), "{command}");
        assert!(
            without.stderr.starts_with("error: V2 is needed\n"),
            "{}",
            without.stderr
        );
    }
    let code = fs::read_to_string(out.join("main.rs")).unwrap();
    assert!(code.contains("pub balance: "), "{code}");
    let proto = fs::read_to_string(out.join("Bank.proto")).unwrap();
    assert!(proto.contains("balance = "), "{proto}");
}

#[test]
fn proto_writes_one_file_per_module() {
    let dir = TempDir::new();
    let account = dir.file("account.idl", ACCOUNT);
    let out = dir.path().join("protos");
    let run = idlc([Path::new("proto"), Path::new("-o"), &out, &account]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("wrote {}\n", out.join("Bank.proto").display())
    );
    let proto = fs::read_to_string(out.join("Bank.proto")).unwrap();
    assert!(proto.contains("syntax = \"proto3\";"), "{proto}");
    assert!(proto.contains("package Bank;"), "{proto}");
    assert!(proto.contains("service Account {"), "{proto}");
    assert!(!out.join("account.rs").exists());

    // Two files that write different `Bank.proto` into one folder clash.
    let other = dir.file("other.idl", GOOD);
    let run = idlc([Path::new("proto"), Path::new("-o"), &out, &account, &other]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with(&format!(
            "error: `{}` and `{}` generate different `Bank.proto`\n",
            account.display(),
            other.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn constructs_without_a_mapping_are_errors_with_their_position() {
    let dir = TempDir::new();
    let file = dir.file("any.idl", "module M {\n  struct S { any value; };\n};\n");
    let out = dir.path().join("out");
    for command in ["rust", "proto"] {
        let run = idlc([Path::new(command), Path::new("-o"), &out, &file]);
        assert_eq!(run.code, Some(1), "{command}");
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{}:2:", file.display())),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.ends_with(&format!(
                "error: could not compile `{}` due to 1 previous error\n",
                file.display()
            )),
            "{command}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{command}");
    }
}

#[test]
fn rust_and_proto_usage_errors_exit_2() {
    let dir = TempDir::new();
    let a = dir.file("a/bank.idl", GOOD);
    let b = dir.file("b/bank.idl", GOOD);
    let out = dir.path().join("out");
    assert_eq!(idlc(["rust", "a.idl"]).code, Some(2));
    assert_eq!(idlc(["proto", "a.idl"]).code, Some(2));
    assert_eq!(idlc(["rust", "-o", "out"]).code, Some(2));
    assert_eq!(idlc(["rust", "--help"]).code, Some(0));
    let bad_path = idlc(["rust", "-o", "out", "--runtime-path", "not a path", "a.idl"]);
    assert_eq!(bad_path.code, Some(2));
    assert!(bad_path.stderr.contains("`not a path` is not a Rust path"));
    let same_stem = idlc([Path::new("rust"), Path::new("-o"), &out, &a, &b]);
    assert_eq!(same_stem.code, Some(2));
    assert_eq!(
        same_stem.stderr,
        format!(
            "error: `{}` and `{}` would both generate `bank.rs`\n",
            a.display(),
            b.display()
        )
    );
    assert!(!out.exists());
}
