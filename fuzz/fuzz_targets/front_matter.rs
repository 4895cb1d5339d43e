//! Content pages: any text with front matter. Parsing never panics, and the rendered page
//! never carries raw HTML from the source nor a link that runs script. (Text such as
//! `href="javascript:` may appear as text: it is inert outside a tag.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(Some(page)) = gongshi::content::parse_page("content/fuzz.md", text, "fuzz".into()) {
        let html = page.content.to_ascii_lowercase();
        assert!(!html.contains("<script"));
        for tag in ["<a href=\"", "<img src=\""] {
            for (i, _) in html.match_indices(tag) {
                let url = &html[i + tag.len()..];
                assert!(
                    !url.starts_with("javascript:") && !url.starts_with("data:"),
                    "{html}"
                );
            }
        }
    }
});
