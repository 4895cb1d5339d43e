//! The words gongshi says to people, in their language: Chinese when the locale is Chinese
//! (`LANG=zh_CN.UTF-8`) or `--lang zh-CN` is given, English otherwise.
//!
//! Messages live in Project Fluent files, `locales/<lang>/*.ftl`, embedded in the binary; code
//! names a message by its id with [`tr!`]. The language is chosen once, at start
//! ([`set_language`]), like gettext's locale: a build's messages are put into words where they
//! arise, so errors and problems stay plain values carried to the one place that prints them.
//! JSON keys and status values are an interface and never translated.
//!
//! Every message exists in both languages, with the same variables: `tests/messages.rs` fails
//! otherwise, and on an id used in the code that no file defines.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language gongshi speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    /// 简体中文.
    Chinese,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Chinese];

    /// `zh-CN`, `zh_CN`, `zh`, `zh-Hans` are Chinese; `en`, `en-US`, `C` and `POSIX` English.
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim();
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Language::Chinese),
            "en" | "c" | "posix" => Some(Language::English),
            _ => None,
        }
    }

    /// The language the environment asks for, as POSIX orders it: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; the first one set decides. English when none is Chinese.
    pub fn from_environment() -> Language {
        Self::from_variables(|name| std::env::var(name).ok())
    }

    fn from_variables(get: impl Fn(&str) -> Option<String>) -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Language::parse(&value))
            .unwrap_or(Language::English)
    }

    /// The BCP 47 tag, as `--lang` takes it and the folders under `locales/` are named.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh-CN",
        }
    }

    /// The message files of this language, as embedded: (file name, text).
    pub fn sources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::English => ENGLISH,
            Language::Chinese => CHINESE,
        }
    }
}

macro_rules! locale_files {
    ($lang:literal: $($file:literal),+ $(,)?) => {
        &[$(($file, include_str!(concat!("../locales/", $lang, "/", $file)))),+]
    };
}

macro_rules! all_locale_files {
    ($lang:literal) => {
        locale_files!($lang: "report.ftl", "cli.ftl", "errors.ftl", "ingest.ftl", "config.ftl",
            "assess.ftl", "commands.ftl", "calendar.ftl")
    };
}

const ENGLISH: &[(&str, &str)] = all_locale_files!("en");
const CHINESE: &[(&str, &str)] = all_locale_files!("zh-CN");

static LANGUAGE: OnceLock<Language> = OnceLock::new();

/// Chooses the language of every message from now on; the first call wins. Until it is called
/// (in tests, in a library user), gongshi speaks English.
pub fn set_language(language: Language) {
    let _ = LANGUAGE.set(language);
}

pub fn language() -> Language {
    LANGUAGE.get().copied().unwrap_or(Language::English)
}

/// An argument of a message: text or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
arg_from_number!(u8, u16, u32, u64, usize, i32, i64);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! arg_from_display {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(v: $t) -> Self {
                Arg::Text(Cow::Owned(v.to_string()))
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(v: &$t) -> Self {
                Arg::Text(Cow::Owned(v.to_string()))
            }
        }
    )*};
}
arg_from_display!(chrono::NaiveDate, std::path::Display<'_>);

/// A message by id in the chosen language: `tr!("report-rows", rows = 3)`.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::message(
            $crate::i18n::language(),
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
}

/// A message by id in `language`. A message missing from that language falls back to English,
/// one missing everywhere shows its id (the test suite keeps both from happening).
pub fn message(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundles = bundles();
    let primary = &bundles[language as usize];
    let english = &bundles[Language::English as usize];
    let (bundle, message) = match primary.get_message(id) {
        Some(found) => (primary, found),
        None => match english.get_message(id) {
            Some(found) => (english, found),
            None => return id.to_string(),
        },
    };
    let Some(pattern) = message.value() else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// A message by id in `language` without arguments, if that language has it (no fallback).
pub fn lookup(language: Language, id: &str) -> Option<String> {
    let bundle = &bundles()[language as usize];
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Language::ALL.map(bundle))
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = language.tag().parse().expect("a valid tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068, U+2069) around every value would end up in logs and files.
    bundle.set_use_isolating(false);
    for (file, text) in language.sources() {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{}/{file}: {errors:?}", language.tag()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{}/{file}: {errors:?}", language.tag()));
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_as_posix_orders_it() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            Language::from_variables(move |name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            })
        };
        assert_eq!(env(&[("LANG", "zh_CN.UTF-8")]), Language::Chinese);
        assert_eq!(env(&[("LANG", "zh_CN.GBK")]), Language::Chinese);
        assert_eq!(env(&[("LANG", "en_US.UTF-8")]), Language::English);
        assert_eq!(env(&[]), Language::English);
        assert_eq!(env(&[("LANG", "de_DE.UTF-8")]), Language::English);
        assert_eq!(
            env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]),
            Language::English
        );
        assert_eq!(
            env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")]),
            Language::Chinese
        );
        assert_eq!(
            env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")]),
            Language::Chinese
        );
    }

    #[test]
    fn tags_parse() {
        assert_eq!(Language::parse("zh-CN"), Some(Language::Chinese));
        assert_eq!(Language::parse("zh"), Some(Language::Chinese));
        assert_eq!(Language::parse("EN"), Some(Language::English));
        assert_eq!(Language::parse("fr"), None);
    }

    #[test]
    fn arguments_and_plurals_are_put_into_words() {
        let one = message(
            Language::English,
            "report-days-late",
            &[("days", Arg::from(1u64))],
        );
        let two = message(
            Language::English,
            "report-days-late",
            &[("days", Arg::from(2u64))],
        );
        assert_eq!(one, "1 day late");
        assert_eq!(two, "2 days late");
        assert_eq!(
            message(
                Language::Chinese,
                "report-days-late",
                &[("days", Arg::from(2u64))]
            ),
            "逾期 2 天"
        );
    }

    #[test]
    fn an_unknown_id_shows_itself() {
        assert_eq!(
            message(Language::Chinese, "no-such-message", &[]),
            "no-such-message"
        );
    }
}
