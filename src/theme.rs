//! The theme: templates and static files, embedded in the binary and overridable file by file
//! from the site's `themes/<name>/` (as mdBook does).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/", $name)) as &[u8])),*]
    };
}

/// The default theme, as in `themes/default/`.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/task.html",
    "templates/withdrawn.html",
    "templates/quarter.html",
    "templates/year.html",
    "templates/charts.html",
    "templates/page.html",
    "templates/404.html",
    "templates/pagination.html",
    "templates/entity.html",
    "templates/entities.html",
    "templates/unit.html",
    "templates/unit-quarter.html",
    "templates/units.html",
    "templates/feed.xml",
    "templates/entity-feed.xml",
    "templates/feed-entries.xml",
    "templates/sitemap.xml",
    "static/style.css",
    "static/search.js",
    "static/large-text.js",
];

/// Theme files by path inside the theme (`templates/task.html`, `static/style.css`).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files the site's own theme folder gave, by path inside the theme, with their
    /// site-relative paths: an error in one names the file its author edits.
    pub from_site: BTreeMap<String, String>,
}

impl Theme {
    pub fn embedded() -> Theme {
        Theme {
            files: DEFAULT_THEME
                .iter()
                .map(|(path, bytes)| ((*path).to_string(), bytes.to_vec()))
                .collect(),
            from_site: BTreeMap::new(),
        }
    }

    /// The embedded theme with the site's `themes/<name>/` laid over it.
    pub fn for_site(site: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::embedded();
        let dir = site.join("themes").join(name);
        if !dir.is_dir() {
            if name == "default" {
                return Ok(theme);
            }
            return Err(Error::config(
                crate::config::CONFIG_FILE,
                crate::tr!("config-theme-missing", theme = name),
            ));
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(&dir)
                .expect("walked under the theme");
            let key = relative
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !(key.starts_with("templates/") || key.starts_with("static/")) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            theme
                .from_site
                .insert(key.clone(), crate::site_relative(site, entry.path()));
            theme.files.insert(key, bytes);
        }
        Ok(theme)
    }

    /// Templates by name (`task.html`).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(k, v)| {
            k.strip_prefix("templates/")
                .map(|name| (name, v.as_slice()))
        })
    }

    /// Static files by output path (`style.css`).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|name| (name, v.as_slice())))
    }
}

/// Compiled templates. HTML templates are minified once here ([`crate::compact`]), so that the
/// pages they make need no minifier; the templates as written are kept too, so that an error
/// names the line the author wrote.
pub struct Templates {
    compact: tera::Tera,
    written: tera::Tera,
    /// Each template's file as the author knows it, for errors.
    paths: BTreeMap<String, String>,
}

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates> {
        Templates::compile_as(theme, true)
    }

    /// With `compact = false`, pages come out as the templates are written (for tests that
    /// compare the two).
    pub fn compile_as(theme: &Theme, compact: bool) -> Result<Templates> {
        let paths: BTreeMap<String, String> = theme
            .templates()
            .map(|(name, _)| {
                let key = format!("templates/{name}");
                let shown = theme
                    .from_site
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| crate::tr!("theme-embedded", name = name));
                (name.to_string(), shown)
            })
            .collect();
        let mut sources = Vec::new();
        for (name, bytes) in theme.templates() {
            let text = std::str::from_utf8(bytes).map_err(|_| Error::Template {
                name: paths[name].clone(),
                message: crate::tr!("theme-not-utf8"),
            })?;
            sources.push((name.to_string(), text.to_string()));
        }
        let written = Templates::tera(
            sources.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            &paths,
        )?;
        let compacted: Vec<(&str, std::borrow::Cow<'_, str>)> = sources
            .iter()
            .map(|(name, text)| {
                let text = if compact && name.ends_with(".html") {
                    crate::compact::html_template(text)
                } else {
                    std::borrow::Cow::Borrowed(text.as_str())
                };
                (name.as_str(), text)
            })
            .collect();
        // Should compacting ever make a template Tera cannot read, the pages still come out
        // right, only larger.
        let compact = Templates::tera(compacted.iter().map(|(n, t)| (*n, t.as_ref())), &paths)
            .or_else(|_| {
                Templates::tera(
                    sources.iter().map(|(n, t)| (n.as_str(), t.as_str())),
                    &paths,
                )
            })?;
        Ok(Templates {
            compact,
            written,
            paths,
        })
    }

    fn tera<'s>(
        sources: impl Iterator<Item = (&'s str, &'s str)>,
        paths: &BTreeMap<String, String>,
    ) -> Result<tera::Tera> {
        let mut tera = tera::Tera::new();
        tera.set_escape_fn(crate::escape::html_to);
        tera.add_raw_templates(sources)
            .map_err(|e| template_error(None, &tera_message(&e), paths))?;
        Ok(tera)
    }

    /// Values every page sees alike (Tera's global context): converted once per build rather
    /// than once a page. A page's own context wins over them.
    pub fn share(&mut self, shared: tera::Context) {
        *self.written.global_context() = shared.clone();
        *self.compact.global_context() = shared;
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.compact.render(name, context).map_err(|_| {
            // Told again from the template as written, whose lines the author knows.
            let error = self
                .written
                .render(name, context)
                .err()
                .map_or_else(|| crate::tr!("theme-render-failed"), |e| tera_message(&e));
            template_error(Some(name), &error, &self.paths)
        })
    }
}

/// An error naming the template's file as its author knows it (`themes/default/templates/…`),
/// in Tera's own message (which shows the line) too.
fn template_error(name: Option<&str>, message: &str, paths: &BTreeMap<String, String>) -> Error {
    let mut message = message.trim_start_matches("error: ").to_string();
    let mut culprit = name.map(str::to_string);
    for (template, shown) in paths {
        let marker = format!("--> {template}:");
        if message.contains(&marker) {
            culprit.get_or_insert_with(|| template.clone());
            message = message.replace(&marker, &format!("--> {shown}:"));
        }
    }
    Error::Template {
        name: culprit.map_or_else(
            || "theme".to_string(),
            |t| paths.get(&t).cloned().unwrap_or(t),
        ),
        message,
    }
}

/// Tera's error with its causes, which hold the useful part.
fn tera_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!("\n  {}: {cause}", crate::tr!("theme-caused-by")));
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template the compactor cannot follow (a tag split across `{% if %}` branches, say)
    /// stays as written, and its pages come out larger: no embedded template may be one.
    #[test]
    fn every_embedded_template_is_compacted() {
        let theme = Theme::embedded();
        let mut compacted = Vec::new();
        for (name, bytes) in theme.templates() {
            let text = std::str::from_utf8(bytes).unwrap();
            if name.ends_with(".html") {
                let compact = crate::compact::html_template(text);
                assert!(
                    matches!(compact, std::borrow::Cow::Owned(_)),
                    "{name} is left as written: the compactor cannot follow it"
                );
                compacted.push((name, compact));
            } else {
                compacted.push((name, text.into()));
            }
        }
        let read = Templates::tera(
            compacted.iter().map(|(n, t)| (*n, t.as_ref())),
            &BTreeMap::new(),
        );
        assert!(read.is_ok(), "{:?}", read.err());
    }
}
