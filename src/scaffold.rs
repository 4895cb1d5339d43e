//! `gongshi init`: a new site folder that builds as created, with every setting explained.

use std::path::Path;

use chrono::{Duration, NaiveDate};

use crate::error::{Error, Result};

const CONFIG: &str = include_str!("scaffold/gongshi.toml");
/// The same settings, commented in Chinese, for a Chinese locale or `--lang zh-CN`.
const CONFIG_CHINESE: &str = include_str!("scaffold/gongshi.zh-CN.toml");
const ABOUT: &str = include_str!("scaffold/about.md");
const GITIGNORE: &str = include_str!("scaffold/gitignore");

/// An example inspection: days before the as-of date it ended (`None`: still in progress),
/// company, credit code, matter, result, handling.
type Example = (
    Option<i64>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const EXAMPLES: &[Example] = &[
    (
        Some(1),
        "某某精密五金制品有限公司",
        "91440300MA5F3K2L1T",
        "排污许可执行情况检查",
        "未发现问题",
        "",
    ),
    (
        Some(2),
        "某某电子科技有限公司",
        "91440300MA5G8QWE2Q",
        "危险废物规范化管理检查",
        "发现问题",
        "责令限期整改",
    ),
    (
        Some(4),
        "某某汽车维修部",
        "92440300L73819201B",
        "大气污染防治检查",
        "未发现问题",
        "",
    ),
    (
        Some(6),
        "某某印刷包装有限公司",
        "91440300MA5DPT6H3W",
        "挥发性有机物治理检查",
        "发现问题",
        "已立案查处",
    ),
    (
        None,
        "某某食品有限公司",
        "91440300MA5EYC4R7R",
        "水污染防治检查",
        "",
        "",
    ),
];

/// Creates the site in `dir` (made if missing; refused if it holds anything) and returns the
/// files created, site-relative. The example inspections end in the days before `as_of`, so the
/// first build publishes them on time.
pub fn init(dir: &Path, as_of: NaiveDate) -> Result<Vec<String>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(crate::tr!(
                "init-not-empty",
                dir = dir.display()
            )));
        }
    }
    let files = [
        ("gongshi.toml", config(crate::i18n::language()).to_string()),
        ("data/tasks/example.csv", example_tasks(as_of)),
        ("content/about.md", ABOUT.to_string()),
        (".gitignore", GITIGNORE.to_string()),
    ];
    for (name, text) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(files.iter().map(|(name, _)| name.to_string()).collect())
}

/// `gongshi.toml` as `init` writes it: the same settings, commented in the user's language.
pub fn config(language: crate::i18n::Language) -> &'static str {
    match language {
        crate::i18n::Language::English => CONFIG,
        crate::i18n::Language::Chinese => CONFIG_CHINESE,
    }
}

/// The example ledger, as a bureau's platform exports one (Chinese headers).
fn example_tasks(as_of: NaiveDate) -> String {
    let mut csv = String::from(
        "任务编号,执法机构,监管对象类别,抽查事项,检查对象名称,统一社会信用代码,检查开始日期,\
         检查结束日期,检查结果,处理情况\n",
    );
    for (i, (ago, entity, code, matter, result, handling)) in EXAMPLES.iter().enumerate() {
        let end = ago.map(|days| as_of - Duration::days(days));
        let start = end.unwrap_or(as_of) - Duration::days(1);
        csv.push_str(&format!(
            "EXAMPLE-{:03},某市生态环境局执法支队,重点排污单位,{matter},{entity},{code},{start},{},{result},{handling}\n",
            i + 1,
            end.map_or_else(String::new, |d| d.to_string()),
        ));
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings themselves, each line's code without its comment.
    fn settings(text: &str) -> Vec<String> {
        text.lines()
            .map(|line| {
                let code = line.trim_start_matches("# ");
                // A comment after a value starts at " #"; the values hold no '#'.
                code.split(" #")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            })
            .filter(|code| code.contains(" = ") || code.starts_with('['))
            .collect()
    }

    #[test]
    fn the_chinese_settings_are_the_english_ones() {
        let english = settings(CONFIG);
        assert!(english.len() > 25, "{english:?}");
        assert_eq!(settings(CONFIG_CHINESE), english);
        let comments = |text: &str| {
            text.lines()
                .filter_map(|line| line.split_once('#').map(|(_, c)| c.to_string()))
                .collect::<String>()
        };
        let chinese = comments(CONFIG_CHINESE);
        assert!(
            !chinese.contains(" the ") && !chinese.contains(" a "),
            "English left in the Chinese comments"
        );
    }

    #[test]
    fn the_example_credit_codes_are_valid() {
        for (_, _, code, ..) in EXAMPLES {
            assert_eq!(crate::credit_code::check(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn example_inspections_end_before_the_as_of_date() {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let csv = example_tasks(as_of);
        assert!(csv.contains(",2026-03-01,未发现问题,"));
        assert!(csv.contains(",2026-02-24,发现问题,已立案查处"));
        assert_eq!(csv.lines().count(), 1 + EXAMPLES.len());
    }
}
