//! Content pages: any text with front matter. Parsing never panics, and the rendered page
//! never carries raw HTML from the source.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(Some(page)) = gongshi::content::parse_page("content/fuzz.md", text, "fuzz".into()) {
        let html = page.content.to_ascii_lowercase();
        assert!(!html.contains("<script") && !html.contains("href=\"javascript:"));
    }
});
