//! Markdown pages under `content/`, with front matter between `+++` lines (TOML, as Zola) or
//! `---` lines (simple `key: value` pairs).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::DateValue;
use crate::dates::Quarter;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    /// Site-relative URL path without slashes at either end: `about`, `plans/2025`.
    pub path: String,
    /// The Markdown rendered to HTML. Raw HTML in the source is escaped, not passed through.
    pub content: String,
    /// The file, site-relative.
    pub source: String,
    /// The year whose inspection plan (年度抽查计划) this page publishes (`plan_year = 2026`).
    pub plan_year: Option<i32>,
}

/// Pages, and the notes that belong on quarter pages (`content/quarters/2025q3.md`).
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub quarter_notes: Vec<(Quarter, Page)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    date: Option<DateValue>,
    updated: Option<DateValue>,
    #[serde(default)]
    draft: bool,
    description: Option<String>,
    plan_year: Option<i64>,
}

pub fn load(site: &Path) -> Result<Content> {
    let dir = site.join("content");
    let mut content = Content::default();
    if !dir.is_dir() {
        return Ok(content);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let source = crate::site_relative(site, path);
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let relative = path
            .strip_prefix(&dir)
            .expect("walked under content/")
            .with_extension("");
        let mut segments = Vec::new();
        for part in relative.iter() {
            let part = part.to_string_lossy();
            if !part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(Error::config(&source, crate::tr!("content-file-name")));
            }
            segments.push(part.into_owned());
        }
        let Some(page) = parse_page(&source, &text, segments.join("/"))? else {
            continue;
        };
        let quarter = match segments.as_slice() {
            [folder, name] if folder == "quarters" => name
                .parse::<Quarter>()
                .ok()
                .filter(|q| q.slug().eq_ignore_ascii_case(name)),
            _ => None,
        };
        match quarter {
            Some(q) => content.quarter_notes.push((q, page)),
            None => content.pages.push(page),
        }
    }
    let mut plans: Vec<(i32, &str)> = content
        .pages
        .iter()
        .filter_map(|page| Some((page.plan_year?, page.source.as_str())))
        .collect();
    plans.sort();
    if let Some(pair) = plans.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err(Error::config(
            pair[1].1,
            crate::tr!(
                "content-plan-twice",
                year = pair[0].0.to_string(),
                other = pair[0].1
            ),
        ));
    }
    Ok(content)
}

/// Parses one page; `None` for a draft.
pub fn parse_page(source: &str, text: &str, path: String) -> Result<Option<Page>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = split_front_matter(text).map_err(|m| Error::config(source, m))?;
    let front = front.unwrap_or_default();
    if front.draft {
        return Ok(None);
    }
    let date = |value: &Option<DateValue>, key: &str| -> Result<Option<NaiveDate>> {
        value
            .as_ref()
            .map(|v| {
                v.date().map_err(|m| {
                    Error::config(
                        source,
                        crate::tr!("content-front-date", key = key, message = m),
                    )
                })
            })
            .transpose()
    };
    let title = front.title.clone().unwrap_or_else(|| {
        body.lines()
            .find_map(|l| l.strip_prefix("# "))
            .map_or_else(|| path.clone(), |t| t.trim().to_string())
    });
    let plan_year = match front.plan_year {
        None => None,
        Some(year) if (2000..=2100).contains(&year) => Some(year as i32),
        Some(year) => {
            return Err(Error::config(
                source,
                crate::tr!("content-plan-year", year = year.to_string()),
            ));
        }
    };
    Ok(Some(Page {
        plan_year,
        title,
        description: front.description.clone(),
        date: date(&front.date, "date")?,
        updated: date(&front.updated, "updated")?,
        path,
        content: crate::compact::html_fragment(&markdown_to_html(body)),
        source: source.to_string(),
    }))
}

fn split_front_matter(text: &str) -> Result<(Option<FrontMatter>, &str), String> {
    for (fence, toml_syntax) in [("+++", true), ("---", false)] {
        let Some(rest) = text
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        else {
            continue;
        };
        let close = rest
            .match_indices(fence)
            .find(|(i, _)| *i == 0 || rest[..*i].ends_with('\n'))
            .map(|(i, _)| i)
            .ok_or_else(|| crate::tr!("content-front-unclosed", fence = fence))?;
        let header = &rest[..close];
        let body = rest[close + fence.len()..].trim_start_matches(['\r', '\n']);
        let toml_text = if toml_syntax {
            header.to_string()
        } else {
            yaml_to_toml(header)?
        };
        let front: FrontMatter = toml::from_str(&toml_text)
            .map_err(|e| crate::tr!("content-front-toml", message = e.message()))?;
        return Ok((Some(front), body));
    }
    Ok((None, text))
}

/// The `key: value` subset of YAML that page headers use, as TOML.
fn yaml_to_toml(header: &str) -> Result<String, String> {
    let mut out = String::new();
    for line in header
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| crate::tr!("content-front-line", line = line))?;
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let value = match value {
            "true" | "false" => value.to_string(),
            _ => toml::Value::String(value.to_string()).to_string(),
        };
        out.push_str(&format!("{} = {value}\n", key.trim()));
    }
    Ok(out)
}

/// CommonMark with tables, footnotes and strikethrough. Raw HTML is shown as text: content is
/// written by the web team, but nothing in a page should be able to run script.
pub fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Links may go to the web, to mail, or within the site; `javascript:`, `data:` and other
/// schemes that run or embed content become `#`.
fn safe_url(url: pulldown_cmark::CowStr<'_>) -> pulldown_cmark::CowStr<'_> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = compact.split_once(':').map(|(scheme, _)| scheme);
    let relative = scheme.is_none_or(|s| s.contains(['/', '?', '#']));
    if relative || matches!(scheme, Some("http" | "https" | "mailto" | "tel")) {
        url
    } else {
        "#".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_yaml_front_matter() {
        let toml_page = parse_page(
            "a.md",
            "+++\ntitle = \"关于\"\ndate = 2025-01-15\n+++\n\n正文",
            "about".into(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(toml_page.title, "关于");
        assert_eq!(toml_page.date, NaiveDate::from_ymd_opt(2025, 1, 15));
        assert_eq!(toml_page.content, "<p>正文</p>");
        let yaml_page = parse_page(
            "a.md",
            "---\ntitle: \"计划\"\nupdated: 2025-02-01\n---\n# x\n",
            "p".into(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(yaml_page.title, "计划");
        assert_eq!(yaml_page.updated, NaiveDate::from_ymd_opt(2025, 2, 1));
    }

    #[test]
    fn drafts_are_skipped_and_titles_fall_back_to_the_heading() {
        assert!(
            parse_page("a.md", "+++\ndraft = true\n+++\nx", "a".into())
                .unwrap()
                .is_none()
        );
        let page = parse_page("a.md", "# 标题\n正文", "a".into())
            .unwrap()
            .unwrap();
        assert_eq!(page.title, "标题");
    }

    #[test]
    fn bad_front_matter_names_the_file_and_key() {
        for (text, expected) in [
            ("+++\ntitle = \"x\"\n", "never closed"),
            ("+++\ntitel = \"x\"\n+++\n", "titel"),
            ("+++\ndate = \"2025-02-30\"\n+++\n", "date"),
        ] {
            let err = parse_page("content/a.md", text, "a".into())
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("content/a.md") && err.contains(expected),
                "{err}"
            );
        }
    }

    #[test]
    fn links_that_would_run_script_are_defused() {
        let html = markdown_to_html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:x) ![d](data:text/html,x) [e](https://gov.cn) [f](../about/) [g](mailto:a@b.cn)",
        );
        assert!(
            !html.to_lowercase().contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        assert!(html.contains("href=\"https://gov.cn\"") && html.contains("href=\"../about/\""));
        assert!(html.contains("mailto:a@b.cn"));
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        let html =
            markdown_to_html("<script>alert(1)</script>\n\n文字<img src=x onerror=alert(1)>");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn markup_in_an_images_alt_text_stays_escaped_after_minifying() {
        // Found by the front_matter fuzz target: minify-html unescapes `<` in attributes.
        let page = super::parse_page(
            "content/a.md",
            "![<script>x</script> it's \"q\"](a.png) 'a<b' \"c<d\"",
            "a".into(),
        )
        .unwrap()
        .unwrap();
        assert!(!page.content.contains("<script"), "{}", page.content);
        assert!(page.content.contains("&lt;script>"), "{}", page.content);
        assert!(page.content.contains("<img"), "{}", page.content);
        assert!(page.content.contains("&lt;b"), "{}", page.content);
    }
}
