//! Errors shown in context: the row as written in its file, with a marker under the offending
//! field (annotate-snippets, as rustc shows code), in colour on a terminal.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::model::Problem;

/// Rows longer than this are shown as a window around the field.
const WINDOW: usize = 240;

/// Renders problems with their rows, reading each task file once.
pub struct Diagnostics {
    site: PathBuf,
    color: bool,
    /// Each file's text as decoded, read once.
    files: HashMap<String, Option<String>>,
    /// The site's own column names (`[columns]`), to find a field's cell as the build did.
    columns: crate::ingest::ColumnNames,
}

impl Diagnostics {
    pub fn new(site: &Path, color: bool) -> Diagnostics {
        Diagnostics {
            site: site.to_path_buf(),
            color,
            files: HashMap::new(),
            columns: crate::config::Config::load(site)
                .ok()
                .and_then(|config| crate::ingest::ColumnNames::from_config(&config.columns).ok())
                .unwrap_or_default(),
        }
    }

    /// An error of a row, as a block of lines (no final line break), or `None` when its row
    /// cannot be found (a problem of a whole file, or a file changed since).
    pub fn row_error(&mut self, problem: &Problem) -> Option<String> {
        let title = problem.field_message();
        self.render(
            &problem.file,
            problem.line?,
            problem.field.as_deref(),
            &title,
        )
    }

    /// A fatal error at a line of a task file (such as a quote never closed).
    pub fn input_error(&mut self, file: &str, line: u64, message: &str) -> Option<String> {
        self.render(file, line, None, message)
    }

    fn render(
        &mut self,
        file: &str,
        line: u64,
        field: Option<&str>,
        title: &str,
    ) -> Option<String> {
        if !file.ends_with(".csv") {
            return None;
        }
        let site = &self.site;
        let text = self
            .files
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(site.join(file)).ok()?;
                crate::ingest::decode(&bytes).ok().map(|(text, _)| text)
            })
            .as_deref()?;
        let excerpt = crate::ingest::excerpt_of_text(text, line, field, &self.columns)?;
        // Without a field, the marker goes under the whole first line of the row.
        let first_line = excerpt
            .text
            .find(['\r', '\n'])
            .unwrap_or(excerpt.text.len());
        let span = excerpt.span.or(Some(0..first_line));
        let (text, span) = window(&excerpt.text, span);
        let mut snippet = Snippet::source(text.as_str())
            .line_start(line as usize)
            .path(file)
            .fold(false);
        if let Some(span) = span {
            let label = match (field, span.is_empty()) {
                (Some(field), true) => crate::tr!("diagnostic-empty", field = field),
                (Some(field), false) => field.to_string(),
                (None, _) => String::new(),
            };
            snippet = snippet.annotation(AnnotationKind::Primary.span(span).label(label));
        }
        let error = crate::tr!("diagnostic-error");
        // The renderer joins name and title with an ASCII colon; Chinese takes a full-width one.
        let (level, title) = match crate::i18n::language() {
            crate::i18n::Language::English => (Level::ERROR.with_name(error), title.to_string()),
            crate::i18n::Language::Chinese => (
                Level::ERROR.no_name(),
                crate::tr!("diagnostic-titled", error = error, title = title),
            ),
        };
        let report = &[level.primary_title(title).element(snippet)];
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Some(renderer.render(report).to_string())
    }
}

/// A long row cut to a window around its field, with `…` where it was cut; the span moved
/// along, and cut too when the field itself is long.
fn window(
    text: &str,
    span: Option<std::ops::Range<usize>>,
) -> (String, Option<std::ops::Range<usize>>) {
    if text.len() <= WINDOW {
        return (text.to_string(), span);
    }
    let focus = span.as_ref().map_or(0, |s| s.start);
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(focus.saturating_sub(WINDOW / 3));
    let to = floor(from + WINDOW);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[from..to]);
    if to < text.len() {
        out.push('…');
    }
    let span = span.map(|s| {
        let start = s.start - from + shift;
        let end = (s.end.min(to).max(s.start) - from) + shift;
        start..end
    });
    (out, span)
}

/// Whether to colour output on a stream: on a terminal unless `NO_COLOR` is set to anything
/// non-empty (no-color.org), or as `--color` says.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    color_for(choice, is_terminal, std::env::var_os("NO_COLOR").as_deref())
}

fn color_for(choice: ColorChoice, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_row_is_cut_around_its_field() {
        let row = format!("T-1,{},2025-09-31", "很长".repeat(200));
        let start = row.len() - "2025-09-31".len();
        let (text, span) = window(&row, Some(start..row.len()));
        assert!(text.starts_with('…') && text.len() < row.len());
        assert_eq!(&text[span.unwrap()], "2025-09-31");

        let long_field = format!("T-1,{}", "x".repeat(5000));
        let (text, span) = window(&long_field, Some(4..long_field.len()));
        let span = span.unwrap();
        assert!(text.ends_with('…'));
        assert!(text[span].chars().all(|c| c == 'x'));
    }

    #[test]
    fn no_color_turns_colour_off_only_on_auto() {
        use std::ffi::OsStr;
        assert!(color_for(ColorChoice::Auto, true, None));
        assert!(color_for(ColorChoice::Auto, true, Some(OsStr::new(""))));
        assert!(!color_for(ColorChoice::Auto, true, Some(OsStr::new("1"))));
        assert!(!color_for(ColorChoice::Auto, false, None));
        assert!(color_for(ColorChoice::Always, false, Some(OsStr::new("1"))));
        assert!(!color_for(ColorChoice::Never, true, None));
    }
}
