//! What pages need beyond their templates: minifying, and the site's root as links see it.

/// Minifies a whole page. (minify-html's one-pass minifier is three times faster, but writes
/// entities without their semicolons and attributes without spaces between them, which HTML
/// validators reject.)
pub(super) fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    escape_title(minify_html::minify(html, &cfg))
}

/// minify-html writes `<` inside `<title>` unescaped: harmless there (the title is raw text to
/// a browser), but record text must read as escaped to every tool that scans pages too.
fn escape_title(html: Vec<u8>) -> Vec<u8> {
    let find = |needle: &[u8], from: usize| {
        html[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    let Some(start) = find(b"<title>", 0).map(|i| i + b"<title>".len()) else {
        return html;
    };
    let Some(end) = find(b"</title>", start) else {
        return html;
    };
    if !html[start..end].contains(&b'<') {
        return html;
    }
    let mut out = Vec::with_capacity(html.len() + 16);
    out.extend_from_slice(&html[..start]);
    for &byte in &html[start..end] {
        if byte == b'<' {
            out.extend_from_slice(b"&lt;");
        } else {
            out.push(byte);
        }
    }
    out.extend_from_slice(&html[end..]);
    out
}

/// How a page at `path` (under the output folder) reaches the site's root: relative, so that
/// the site works from any folder, except for the 404 page, which the server shows at any depth
/// and which therefore starts from the site's path on its host.
pub(super) fn root(path: &str, base_url: &str) -> String {
    let depth = path.matches('/').count();
    if path == "404.html" {
        root_path(base_url)
    } else if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// The path part of `base_url`, between slashes: `https://x.gov.cn/a/b` gives `/a/b/`.
fn root_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        without_scheme
            .find('/')
            .map_or("", |i| &without_scheme[i..])
    } else {
        without_scheme
    };
    let path = path.trim_matches('/');
    if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    }
}

/// `base_url` with one trailing slash, for feeds and the sitemap.
pub(super) fn absolute_base(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_in_the_title_stays_escaped() {
        let html = b"<!doctype html><title>&lt;/title>&lt;script>x&lt;/script> &amp; a</title><p>&lt;b></p>";
        let out = String::from_utf8(minify(html)).unwrap();
        assert!(
            out.contains("<title>&lt;/title>&lt;script>x&lt;/script>"),
            "{out}"
        );
        assert!(!out.contains("<script") && !out.contains("<b>"), "{out}");
    }

    #[test]
    fn the_404_page_links_from_the_site_path() {
        assert_eq!(
            root_path("https://meeb.sz.gov.cn/pingshan/shuangsuiji"),
            "/pingshan/shuangsuiji/"
        );
        assert_eq!(root_path("https://example.org/"), "/");
        assert_eq!(root_path("https://example.org"), "/");
        assert_eq!(root_path("/"), "/");
        assert_eq!(root_path("/sub/"), "/sub/");
        assert_eq!(
            root("404.html", "https://meeb.sz.gov.cn/pingshan/"),
            "/pingshan/"
        );
    }

    #[test]
    fn pages_reach_the_root_relatively() {
        let base = "https://meeb.sz.gov.cn/pingshan/";
        assert_eq!(root("index.html", base), "./");
        assert_eq!(root("tasks/ps-1/index.html", base), "../../");
        assert_eq!(
            root("quarters/2025q3/page/2/index.html", base),
            "../../../../"
        );
        assert_eq!(absolute_base("https://x.gov.cn/a//"), "https://x.gov.cn/a/");
        assert_eq!(absolute_base("https://x.gov.cn/a"), "https://x.gov.cn/a/");
    }
}
