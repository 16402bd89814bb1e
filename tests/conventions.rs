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

/// The quoted strings inside `export const CRM_MATCHES = [ … ];`.
fn js_host_list(js: &str) -> Vec<String> {
    let Some(start) = js.find("CRM_MATCHES = [") else {
        return Vec::new();
    };
    let rest = js.get(start..).unwrap_or("");
    let end = rest.find("];").unwrap_or(rest.len());
    rest.get(..end)
        .unwrap_or("")
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// One host list: the Rust table (`defuse::account::hosts`) is the source;
/// the manifest's host permissions, every content script's matches and the
/// service worker's `crm-hosts.js` must equal it (plus the development hosts,
/// which the packager strips).
#[test]
fn manifest_hosts_match_the_crm_host_list() {
    use defuse::account::hosts::{DEV_MATCHES, HOST_MATCHES};
    let mut expected: Vec<String> = HOST_MATCHES.iter().map(|(p, _)| p.to_string()).collect();
    expected.extend(DEV_MATCHES.iter().map(|p| p.to_string()));
    let text = fs::read_to_string(root().join("manifest.json")).unwrap_or_default();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(
        strings(&manifest["host_permissions"]),
        expected,
        "manifest.json host_permissions differ from defuse::account::hosts"
    );
    let scripts = manifest["content_scripts"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!scripts.is_empty(), "content scripts are declared");
    for script in &scripts {
        assert_eq!(
            strings(&script["matches"]),
            expected,
            "content script {} matches differ from defuse::account::hosts",
            script["js"]
        );
    }
    assert!(
        !expected.iter().any(|h| h.contains("<all_urls>")
            || h.starts_with("*://")
            || h.starts_with("https://*/")),
        "no blanket host access"
    );
    let js = fs::read_to_string(root().join("www/background/crm-hosts.js")).unwrap_or_default();
    assert_eq!(
        js_host_list(&js),
        expected,
        "www/background/crm-hosts.js CRM_MATCHES differs from defuse::account::hosts"
    );
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

/// Date text is read by `src/rfc3339.rs`, never by chrono's parser: a date
/// field in a struct or enum that still derives `Deserialize` must read
/// through `crate::json::through_value` (its hand-written `FromValue`), or
/// the derive pulls chrono's whole text parser back into the wasm (≈5.7 KB
/// gzip, and a second reading of dates to keep identical). Test code is
/// exempt: it may keep derived twins as references.
#[test]
fn derived_readers_read_dates_through_our_own_parser() {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    let mut offenders = Vec::new();
    let mut dates_seen = 0;
    // A `*_tests.rs` file is a test module of its own (`#[cfg(test)] mod …`).
    for file in files
        .iter()
        .filter(|f| !f.to_string_lossy().ends_with("_tests.rs"))
    {
        let src = fs::read_to_string(file).unwrap();
        let shipped = src
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .split("#[cfg(all(test")
            .next()
            .unwrap();
        let (mut derives, mut depth, mut attrs) = (false, 0i32, String::new());
        for (n, line) in shipped.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("#[derive(") {
                derives = t.contains("Deserialize");
                continue;
            }
            if !derives {
                continue;
            }
            if t.starts_with("#[") {
                attrs.push_str(t);
            } else if t.starts_with("//") {
            } else {
                let is_date = t.contains("DateTime<") || t.contains("NaiveDate");
                if depth > 0 && is_date && t.contains(':') {
                    dates_seen += 1;
                    if !attrs.contains("through_value") {
                        offenders.push(format!("{}:{}: {t}", file.display(), n + 1));
                    }
                }
                attrs.clear();
            }
            depth += t.matches('{').count() as i32 - t.matches('}').count() as i32;
            if depth <= 0 && (t.ends_with('}') || t.ends_with(';')) {
                derives = false;
                depth = 0;
            }
        }
    }
    assert!(dates_seen > 0, "the check found no date field to check");
    assert!(
        offenders.is_empty(),
        "date fields read by a derived Deserialize without \
         #[serde(deserialize_with = \"crate::json::through_value\")]:\n{}",
        offenders.join("\n")
    );
}
