//! Meta-tests that keep the codebase's conventions true.
//!
//! - The import rule: pure modules never name a web crate (they must build
//!   and be tested natively, and stay free of the browser).
//! - Page text is hostile: no HTML-parsing sinks anywhere in the shell.
//! - No `unwrap`/`expect`/`panic!` in `src/` outside tests.
//! - The manifest and the CRM host list agree; the version has one source.

use std::fs;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ext.contains(&e))
        {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn pure_modules_name_no_web_crate() {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    let web = root().join("src").join("web");
    let mut offenders = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&web)) {
        let src = fs::read_to_string(file).unwrap();
        for name in ["wasm_bindgen", "web_sys", "js_sys", "gloo"] {
            if src.contains(name) {
                offenders.push(format!("{} names {name}", file.display()));
            }
        }
    }
    // lib.rs may declare the web module, nothing else.
    assert!(
        offenders.is_empty(),
        "the import rule is broken:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_meta_test_sees_the_pure_modules() {
    // Guards the test above against silently checking nothing.
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    for module in ["account", "engine", "messages", "coach"] {
        assert!(
            files
                .iter()
                .any(|f| f.to_string_lossy().contains(&format!("src/{module}"))),
            "no files for {module}"
        );
    }
}

#[test]
fn no_html_parsing_sinks() {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    files_under(&root().join("www"), &["js", "mjs"], &mut files);
    let mut offenders = Vec::new();
    for file in &files {
        let src = fs::read_to_string(file).unwrap();
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "set_inner_html",
            "set_outer_html",
            "document.write",
        ] {
            if src.contains(sink) {
                offenders.push(format!("{} uses {sink}", file.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "page text must go in as text:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn no_unwrap_expect_or_panic_in_src() {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    let mut offenders = Vec::new();
    for file in &files {
        let src = fs::read_to_string(file).unwrap();
        // All of src/, its test modules and doc examples too: tests that
        // need to unwrap belong in tests/, so a bare count of src/ stays 0.
        for (n, line) in src.lines().enumerate() {
            let code = line;
            for bad in [
                ".unwrap()",
                ".expect(",
                "panic!(",
                "unreachable!(",
                "todo!(",
                "unimplemented!(",
            ] {
                if code.contains(bad) {
                    offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "input paths must return errors, not panic:\n{}",
        offenders.join("\n")
    );
}

fn json_strings(src: &str, key: &str) -> Vec<String> {
    // Tiny reader for `"key": [ "a", "b" ]` in our own manifest.
    let Some(start) = src.find(&format!("\"{key}\"")) else {
        return Vec::new();
    };
    let rest = &src[start..];
    let open = rest.find('[').unwrap();
    let close = rest.find(']').unwrap();
    rest[open + 1..close]
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn manifest_hosts_match_the_crm_host_list() {
    let manifest = fs::read_to_string(root().join("manifest.json")).unwrap();
    let hosts = json_strings(&manifest, "host_permissions");
    let matches = json_strings(&manifest, "matches");
    assert_eq!(
        hosts, matches,
        "content script matches and host permissions differ"
    );
    assert!(
        !hosts
            .iter()
            .any(|h| h.contains("<all_urls>") || h == "*://*/*"),
        "no blanket host access"
    );
    let js = fs::read_to_string(root().join("www/background/crm-hosts.js")).unwrap();
    for host in &hosts {
        assert!(
            js.contains(&format!("'{host}'")),
            "crm-hosts.js lacks {host}"
        );
    }
}

#[test]
fn version_has_one_source() {
    let manifest = fs::read_to_string(root().join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"version\": \"0.0.0\""),
        "manifest.json's version is filled in at build time from Cargo.toml"
    );
    let package = fs::read_to_string(root().join("package.json")).unwrap();
    assert!(
        !package.contains("\"version\""),
        "package.json must not carry a second version"
    );
}

#[test]
fn extension_pages_csp_allows_wasm_and_nothing_else() {
    let manifest = fs::read_to_string(root().join("manifest.json")).unwrap();
    assert!(manifest.contains(
        "\"extension_pages\": \"script-src 'self' 'wasm-unsafe-eval'; object-src 'self'\""
    ));
}
