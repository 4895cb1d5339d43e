//! Escaping, one function per output context. The contexts differ in what they escape, and the
//! bytes each writes are fixed by the pages and reports already published: do not merge them.
//!
//! | context                                        | function                         |
//! |------------------------------------------------|----------------------------------|
//! | HTML text and attributes (templates, preview)  | [`html`], [`html_to`]            |
//! | a URL in the sitemap index's XML               | [`url_in_xml`]                   |
//! | JUnit XML text and attributes                  | [`xml`]                          |
//! | a Markdown table cell (GitHub run summary)     | [`markdown`]                     |
//! | a GitHub workflow command's message            | [`workflow_data`]                |
//! | a GitHub workflow command's property value     | [`workflow_property`]            |

use std::io::Write;

/// HTML, as Tera escapes it (the same five characters: `& < > " '`), writing the runs between
/// them whole rather than byte by byte. Tera's escape function for every template.
pub fn html_to(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// [`html_to`] into a string: text for a page gongshi writes itself (the preview's banner).
pub fn html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    html_to(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// A URL (the site's `base_url`) in the text of an XML element of the sitemap index: `& < > "`,
/// but not `'`, which is kept as written (unlike [`html`], which writes `&#39;`).
pub fn url_in_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text for JUnit XML content or an attribute value: `&apos;` for `'` (not HTML's `&#39;`),
/// line breaks and tabs as character references (so that attribute values keep them), and
/// characters XML 1.0 cannot hold at all (control characters other than tab and line breaks)
/// as U+FFFD.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Record text for a Markdown table cell: no markup, no column breaks.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A GitHub Actions workflow command's message: `%`, CR and LF as `%25`, `%0D`, `%0A`.
pub fn workflow_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A GitHub Actions workflow command's property value: [`workflow_data`], and `:` and `,` too.
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_is_teras_own() {
        for text in [
            "",
            "plain 文字",
            "<script>alert('x')</script>",
            "a & b \"c\" <d> 'e'",
            "&&&<<<>>>",
            "尾'",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            html_to(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text}");
            assert_eq!(html(text).as_bytes(), teras, "{text}");
        }
    }

    #[test]
    fn a_url_in_xml_keeps_its_apostrophes() {
        assert_eq!(
            url_in_xml("https://x.cn/a?b=1&c='<\">'"),
            "https://x.cn/a?b=1&amp;c='&lt;&quot;&gt;'"
        );
    }

    #[test]
    fn xml_text_is_escaped_and_control_characters_replaced() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1b}[31m"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}[31m"
        );
    }

    #[test]
    fn record_text_cannot_break_a_markdown_table() {
        assert_eq!(
            markdown("T-1|<b>*x*</b>\n"),
            "T-1\\|\\<b\\>\\*x\\*\\</b\\> "
        );
    }

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(workflow_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(workflow_property("a,b:c"), "a%2Cb%3Ac");
    }
}
