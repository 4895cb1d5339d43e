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
    "templates/quarter.html",
    "templates/page.html",
    "templates/404.html",
    "templates/pagination.html",
    "templates/entity.html",
    "templates/entities.html",
    "templates/unit.html",
    "templates/unit-quarter.html",
    "templates/units.html",
    "templates/feed.xml",
    "templates/sitemap.xml",
    "static/style.css",
    "static/search.js",
];

/// Theme files by path inside the theme (`templates/task.html`, `static/style.css`).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn embedded() -> Theme {
        Theme {
            files: DEFAULT_THEME
                .iter()
                .map(|(path, bytes)| ((*path).to_string(), bytes.to_vec()))
                .collect(),
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
                format!("site.theme = \"{name}\" but there is no folder themes/{name}/"),
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

/// Compiled templates.
pub struct Templates {
    tera: tera::Tera,
}

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates> {
        let mut tera = tera::Tera::new();
        let mut sources = Vec::new();
        for (name, bytes) in theme.templates() {
            let text = std::str::from_utf8(bytes).map_err(|_| Error::Template {
                name: name.to_string(),
                message: "not UTF-8".into(),
            })?;
            sources.push((name.to_string(), text.to_string()));
        }
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Template {
                name: "theme".into(),
                message: tera_message(&e),
            })?;
        Ok(Templates { tera })
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| Error::Template {
                name: name.to_string(),
                message: tera_message(&e),
            })
    }
}

/// Tera's error with its causes, which hold the useful part.
fn tera_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}
