//! Templates are minified once, when the theme is loaded (`gongshi::compact`), instead of every
//! page after rendering. These tests hold that to the page minify-html would have made: for
//! every page of the sample site and the fixtures, minify-html makes the same page of what the
//! compacted templates render as of what the templates as written render, and the compacted
//! page is already about as small.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use gongshi::site::Site;
use gongshi::theme::{Templates, Theme};

/// Every HTML page of the site, rendered with compacted templates or as written.
fn pages(site: &Path, as_of: &str, compact: bool) -> BTreeMap<String, Vec<u8>> {
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    let loaded = gongshi::build::load(site, as_of).unwrap();
    let theme = Theme::for_site(site, &loaded.config.site.theme).unwrap();
    let content = gongshi::content::load(site).unwrap();
    let templates = Templates::compile_as(&theme, compact).unwrap();
    let model = Site::with_templates(
        &loaded.assessment,
        &content,
        &loaded.config,
        &theme,
        templates,
    )
    .unwrap();
    model
        .files()
        .iter()
        .map(|f| (model.path(f), f))
        .filter(|(path, _)| path.ends_with(".html") && path != "404.html")
        .map(|(path, f)| (path, model.bytes(f).unwrap()))
        .collect()
}

fn minify(html: &[u8]) -> String {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    String::from_utf8(minify_html::minify(html, &cfg)).unwrap()
}

/// Checks a site's pages and returns (compacted bytes, minify-html's bytes).
fn check(site: &Path, as_of: &str) -> (usize, usize) {
    let written = pages(site, as_of, false);
    let compact = pages(site, as_of, true);
    assert_eq!(written.len(), compact.len());
    assert!(!written.is_empty());
    let (mut compact_bytes, mut minified_bytes) = (0, 0);
    for (path, page) in &written {
        let ours = &compact[path];
        let minified = minify(page);
        assert_eq!(
            minify(ours),
            minified,
            "{path}: compacted and written templates make different pages:\n{}",
            String::from_utf8_lossy(ours)
        );
        assert!(ours.len() < page.len(), "{path}: nothing was removed");
        compact_bytes += ours.len();
        minified_bytes += minified.len();
    }
    (compact_bytes, minified_bytes)
}

#[test]
fn the_sample_site_renders_the_same_from_compacted_templates() {
    let (ours, minified) = check(Path::new(env!("CARGO_MANIFEST_DIR")), "2025-11-10");
    // Quotes around inserted values and Tera's escapes stay: within a few percent.
    assert!(
        ours as f64 <= minified as f64 * 1.08,
        "{ours} bytes against minify-html's {minified}"
    );
}

#[test]
fn fixture_sites_render_the_same_from_compacted_templates() {
    for name in ["statuses", "minimal"] {
        check(&common::fixture_path(name), "2025-11-10");
    }
}

#[test]
fn hostile_records_render_the_same_from_compacted_templates() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let site = common::minimal_with(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        check(site.path(), "2025-11-10");
    }
}
