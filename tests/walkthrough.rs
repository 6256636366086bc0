//! `examples/claims/README-walkthrough.md` is what the CLI prints: every command of its
//! console blocks is run again and its output compared with the block, line for line.
//! Only the path of a scratch file is normalised. A change to the CLI's output fails
//! here until the page is regenerated with `examples/claims/walkthrough.sh`.

mod common;

use common::*;

/// What each command block of the page says a command printed.
struct Block {
    /// The line number of the command, for messages.
    line: usize,
    /// The arguments after `cargo run --release --example redress --`.
    args: Vec<String>,
    /// The lines after the command, up to the closing fence.
    output: Vec<String>,
}

const PROMPT: &str = "$ cargo run --release --example redress -- ";

fn blocks(page: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        if line != "```console" {
            continue;
        }
        let (at, command) = lines.next().expect("a command after ```console");
        let args = command
            .strip_prefix(PROMPT)
            .unwrap_or_else(|| panic!("line {}: not a redress command: {command}", at + 1))
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let output = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| *l != "```")
            .map(str::to_owned)
            .collect();
        blocks.push(Block {
            line: at + 1,
            args,
            output,
        });
    }
    blocks
}

/// The scratch files the page's commands name, made as `walkthrough.sh` makes them.
fn scratch_file(dir: &std::path::Path, name: &str) -> Option<String> {
    match name {
        "typo.toml" => {
            let ny = std::fs::read_to_string(claims("ny-cable-outage.toml")).expect("read NY");
            let typo: Vec<String> = ny
                .lines()
                .map(|l| match l.strip_prefix("[[outages]]") {
                    Some(rest) => format!("[[outage]]{rest}"),
                    None => l.to_owned(),
                })
                .collect();
            let path = dir.join(name);
            std::fs::write(&path, typo.join("\n") + "\n").expect("write typo.toml");
            Some(path.to_string_lossy().into_owned())
        }
        _ => None,
    }
}

/// `(exit status N)` as the script writes it after a command that failed.
fn exit_status(output: &mut Vec<String>) -> i32 {
    match output.last().and_then(|l| {
        l.strip_prefix("(exit status ")
            .and_then(|rest| rest.strip_suffix(')'))
    }) {
        Some(code) => {
            let code = code.parse().expect("an exit status");
            output.pop();
            code
        }
        None => 0,
    }
}

fn lines(text: &str) -> Vec<String> {
    text.trim_end_matches('\n')
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The first differing line, shown with both versions.
fn assert_same(block: &Block, expected: &[String], got: &[String]) {
    for (i, (e, g)) in expected.iter().zip(got).enumerate() {
        assert_eq!(
            e,
            g,
            "README-walkthrough.md, the command on line {}, output line {}: the page says \
             {e:?}, the CLI prints {g:?}; run examples/claims/walkthrough.sh",
            block.line,
            i + 1
        );
    }
    assert_eq!(
        expected.len(),
        got.len(),
        "README-walkthrough.md, the command on line {}: the page has {} lines of output, the \
         CLI prints {}; run examples/claims/walkthrough.sh",
        block.line,
        expected.len(),
        got.len()
    );
}

#[test]
fn every_command_of_the_walkthrough_prints_what_the_page_shows() {
    let page = std::fs::read_to_string(claims("README-walkthrough.md")).expect("read the page");
    let blocks = blocks(&page);
    assert!(blocks.len() >= 10, "only {} command blocks", blocks.len());
    let dir = scratch("walkthrough");
    for block in &blocks {
        let mut renamed = Vec::new();
        let args: Vec<String> = block
            .args
            .iter()
            .map(|a| match scratch_file(&dir, a) {
                Some(path) => {
                    renamed.push((path.clone(), a.clone()));
                    path
                }
                None => a.clone(),
            })
            .collect();
        let run = redress(&args);
        let unpath = |text: &str| {
            renamed
                .iter()
                .fold(text.to_owned(), |t, (path, name)| t.replace(path, name))
        };
        let mut expected = block.output.clone();
        let code = exit_status(&mut expected);
        assert_eq!(
            run.code, code,
            "the command on line {}: exit status\n{}",
            block.line, run.stderr
        );
        let stdout = lines(&unpath(&run.stdout));
        let stderr = lines(&unpath(&run.stderr));
        let marker = expected
            .iter()
            .position(|l| l.starts_with("... (") && l.ends_with(" rows after the header in all)"));
        let got: Vec<String> = match marker {
            // The first rows of stdout, how many rows there were, then stderr.
            Some(n) => {
                let rows = format!("... ({} rows after the header in all)", stdout.len() - 1);
                let mut got: Vec<String> = stdout.iter().take(n).cloned().collect();
                got.push(rows);
                got.extend(stderr);
                got
            }
            // Both streams as written: the CLI writes its notes before its output.
            None => stderr.into_iter().chain(stdout).collect(),
        };
        assert_same(block, &expected, &got);
    }
}

#[test]
fn the_walkthrough_script_leaves_nothing_in_tmp() {
    let script = std::fs::read_to_string(claims("walkthrough.sh")).expect("read walkthrough.sh");
    let code: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let code = code.join("\n");
    assert!(!code.contains("/tmp"), "walkthrough.sh writes to /tmp");
    assert!(
        code.contains("mktemp -d") && code.contains("trap 'rm -rf \"$scratch\"' EXIT"),
        "walkthrough.sh's scratch directory is not removed on exit"
    );
    assert_eq!(
        code.matches("mktemp").count(),
        1,
        "every scratch file goes in the one directory removed on exit"
    );
}
