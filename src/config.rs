//! `gongshi.toml`: the site's settings and its disclosure rules. Every field has a default, so a
//! site without the file builds.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::DateValue;
use crate::error::{Error, Result};
use crate::tr;

pub const CONFIG_FILE: &str = "gongshi.toml";

/// The longest period a rule may set, in days.
const MAX_DAYS: u32 = 366;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub site: SiteSettings,
    pub disclosure: Disclosure,
    pub privacy: Privacy,
    pub plan: Plan,
    pub input: Input,
    /// `[columns]`: a field's key (`end`, `unit`, ...) and the header(s) that hold it in this
    /// bureau's exports, beyond the names gongshi knows.
    pub columns: std::collections::BTreeMap<String, Names>,
    pub results: ResultWords,
    /// `[[channel]]`: where else each result must be published (the provincial 行政执法信息
    /// 公示平台, say), and where gongshi learns when it was.
    #[serde(rename = "channel")]
    pub channels: Vec<Channel>,
}

/// A channel (公示渠道) besides the bureau's website, which gongshi builds: each result is due
/// there too, under the same rules, and gongshi reads the day it was published there.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Short name in reports and JSON (`province`).
    pub id: String,
    /// As shown on pages (广东省行政执法信息公示平台).
    pub name: String,
    /// A column of the task exports holding the day a result was published there (or its
    /// names, when exports differ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_column: Option<Names>,
    /// With `date_column`: a column holding why a late publication there was late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason_column: Option<Names>,
    /// Or a CSV file of the site (`data/channels/province.csv`) with columns `id`,
    /// `published_on` and, if needed, `late_reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The working days a result has there, when not the site's (`[disclosure]` and its
    /// periods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_working_days: Option<u32>,
}

impl Channel {
    /// The rules for this channel: the site's, with its own number of working days.
    pub fn rules(&self, site: Rules) -> Rules {
        Rules {
            task_working_days: self.task_working_days.unwrap_or(site.task_working_days),
            ..site
        }
    }
}

/// Checks `[[channel]]`: ids that reports can name, and one source of dates each.
fn check_channels(channels: &[Channel]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for (i, channel) in channels.iter().enumerate() {
        let at = format!("channel[{i}]");
        let id = &channel.id;
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(tr!("config-channel-id", at = &at, id = id));
        }
        if id == "website" {
            return Err(tr!("config-channel-website", at = &at));
        }
        if !seen.insert(id.as_str()) {
            return Err(tr!("config-channel-twice", at = &at, id = id));
        }
        if channel.name.trim().is_empty() {
            return Err(tr!("config-channel-name", at = &at, id = id));
        }
        match (&channel.date_column, &channel.file) {
            (Some(_), Some(_)) => {
                return Err(tr!("config-channel-both", at = &at, id = id));
            }
            (None, None) => {
                return Err(tr!("config-channel-neither", at = &at, id = id));
            }
            (Some(names), None) if names.iter().all(|n| n.trim().is_empty()) => {
                return Err(tr!("config-channel-column-empty", at = &at, id = id));
            }
            (None, Some(file)) => {
                let safe = file.starts_with("data/")
                    && file.ends_with(".csv")
                    && !file.split('/').any(|part| part == ".." || part.is_empty());
                if !safe {
                    return Err(tr!("config-channel-file", at = &at, id = id, file = file));
                }
                if file.starts_with("data/tasks/") {
                    return Err(tr!(
                        "config-channel-file-tasks",
                        at = &at,
                        id = id,
                        file = file
                    ));
                }
                if channel.late_reason_column.is_some() {
                    return Err(tr!("config-channel-late-reason", at = &at, id = id));
                }
            }
            (Some(_), None) => {}
        }
        if let Some(days) = channel.task_working_days
            && !(1..=MAX_DAYS).contains(&days)
        {
            return Err(tr!(
                "config-channel-days",
                at = &at,
                id = id,
                days = days,
                max = MAX_DAYS
            ));
        }
    }
    Ok(())
}

/// One header name or several.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Many(Vec<String>),
}

impl Names {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        match self {
            Names::One(name) => std::slice::from_ref(name).iter(),
            Names::Many(names) => names.iter(),
        }
        .map(String::as_str)
    }
}

/// `[input]`: how exports are read.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Input {
    /// Columns (headers as exported, or field keys) whose empty cells in a CSV take the value
    /// of the row above: for CSV files saved from sheets with merged cells. Never done unasked,
    /// since an empty task id can also be a real mistake. (Workbooks need none of this: their
    /// merged areas are read as such.)
    pub fill_down: Vec<String>,
}

/// `[results]`: words of the 检查结果 column, by what they mean, beyond the built-in ones.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResultWords {
    /// 未发现问题, 合格, ...
    pub no_problem: Vec<String>,
    /// 发现问题, 不合格, 存在问题, ...
    pub problem: Vec<String>,
    /// 企业已搬迁, 关闭, 停产, 无法检查, ...: the inspection could not be done.
    pub not_inspected: Vec<String>,
    /// 待定, 检查中, ...: not a result yet, so not publishable.
    pub pending: Vec<String>,
}

/// `[plan]`: the targets of the bureau's inspection plan that quarter pages measure against, as
/// they are now; a `[[disclosure.period]]` can state those of an earlier period.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Plan {
    /// Share of the year's tasks to be joint inspections (联合检查, 「全年…不低于」), e.g. 0.30
    /// (Bao'an and Nanshan 2024: 0.15; Pingshan 2023: 0.10).
    pub joint_inspection_share: f64,
    /// Share of the quarter's tasks to be completed by the end of its first, second and third
    /// month, cumulative (30% / 60% / 100%; Pingshan 2023: 35% a month).
    pub monthly_completion: [f64; 3],
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            joint_inspection_share: 0.30,
            monthly_completion: [0.30, 0.60, 1.00],
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteSettings {
    pub title: String,
    /// The bureau (公示单位) named in page footers.
    pub bureau: String,
    /// Absolute URL the site is served from; links in pages stay relative to it.
    pub base_url: String,
    pub description: String,
    /// Folder under `themes/` whose files override the embedded default theme.
    pub theme: String,
    /// How many results the home page lists.
    pub latest_results: usize,
    /// Rows per page of long lists (a quarter's tasks, the companies).
    pub page_size: usize,
    /// 主办单位: the organisation that runs the site, shown in the footer.
    pub organiser: String,
    /// 网站标识码: the site's code in the national register of government websites.
    pub site_code: String,
    /// ICP备案号, e.g. 粤ICP备12345678号, linked to the MIIT registry.
    pub icp: String,
    /// 公网安备 number, e.g. 粤公网安备 44030402001234号.
    pub police_record: String,
    /// Its link; by default the public security registry's page for its 14 digits.
    pub police_record_url: String,
    /// 党政机关网站标识: the badge's image, an http(s) address or a file of the theme's static/.
    pub badge_image: String,
    /// The page the badge links to (its certificate at the registry).
    pub badge_url: String,
}

/// Where the ICP number links: the MIIT registry, where anyone can look it up.
pub const ICP_REGISTRY_URL: &str = "https://beian.miit.gov.cn/";
/// The public security registry's search page, with the record's 14 digits after it.
pub const POLICE_REGISTRY_URL: &str = "https://beian.mps.gov.cn/#/query/webSearch?code=";

impl SiteSettings {
    /// The link of the 公网安备 number: `police_record_url`, or the registry's page for its digits.
    pub fn police_record_link(&self) -> String {
        if !self.police_record_url.is_empty() || self.police_record.is_empty() {
            return self.police_record_url.clone();
        }
        let digits: String = self
            .police_record
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        format!("{POLICE_REGISTRY_URL}{digits}")
    }

    /// Checks the footer keys (政府网站发展指引), with what each expects.
    fn check_footer(&mut self) -> Result<(), String> {
        for value in [
            &mut self.organiser,
            &mut self.site_code,
            &mut self.icp,
            &mut self.police_record,
            &mut self.police_record_url,
            &mut self.badge_image,
            &mut self.badge_url,
        ] {
            *value = value.trim().to_string();
        }
        let code = &self.site_code;
        if !code.is_empty() {
            let letters = code.chars().take_while(char::is_ascii_alphabetic).count();
            let ok = code.len() == 10
                && letters <= 4
                && code[letters..].chars().all(|c| c.is_ascii_digit());
            if !ok {
                return Err(tr!("config-site-code", code = code));
            }
        }
        let icp = &self.icp;
        if !(icp.is_empty() || icp.contains("ICP备") || icp.contains("ICP证")) {
            return Err(tr!("config-icp", icp = icp, registry = ICP_REGISTRY_URL));
        }
        let record = &self.police_record;
        if !record.is_empty() {
            let digits = record.chars().filter(char::is_ascii_digit).count();
            if !record.contains("公网安备") || digits != 14 {
                return Err(tr!("config-police-record", record = record));
            }
        } else if !self.police_record_url.is_empty() {
            return Err(tr!("config-police-url-alone"));
        }
        if self.badge_image.is_empty() != self.badge_url.is_empty() {
            return Err(tr!("config-badge-together"));
        }
        for (key, value) in [
            ("police_record_url", &self.police_record_url),
            ("badge_url", &self.badge_url),
        ] {
            if !value.is_empty() && !is_http(value) {
                return Err(tr!("config-not-http", key = key, value = value));
            }
        }
        let image = &self.badge_image;
        if !image.is_empty() && !is_http(image) && !is_theme_file(image) {
            return Err(tr!("config-badge-image", image = image));
        }
        Ok(())
    }
}

/// An absolute http(s) address with a host.
fn is_http(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// A relative path within the site's output, as a theme's static file has.
fn is_theme_file(value: &str) -> bool {
    !value.starts_with('/')
        && !value.contains("://")
        && !value.contains('\\')
        && !value.contains(char::is_whitespace)
        && value
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            title: "双随机、一公开 抽查结果公示".into(),
            bureau: String::new(),
            base_url: "/".into(),
            description: String::new(),
            theme: "default".into(),
            latest_results: 20,
            page_size: 100,
            organiser: String::new(),
            site_code: String::new(),
            icp: String::new(),
            police_record: String::new(),
            police_record_url: String::new(),
            badge_image: String::new(),
            badge_url: String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Privacy {
    /// Inspector names (执法人员) are personal data; publish them only where the bureau decided to.
    pub publish_inspectors: bool,
}

/// From when the quarterly summary's 13 days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarterAnchor {
    /// 每季度结束后: the quarter's last day.
    QuarterEnd,
    /// 在双随机检查任务全部结束后 (Nanshan): the day the quarter's last task ended.
    LastTaskEnd,
}

/// The rules in force for one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rules {
    pub task_working_days: u32,
    /// Whether the period's quarters owe a quarterly summary by a deadline (Pingshan's 2023 plan
    /// set none): without one, a quarter's page still shows its figures, but no deadline.
    pub quarter_summary: bool,
    pub quarter_natural_days: u32,
    pub quarter_anchor: QuarterAnchor,
    pub roll_forward: bool,
    pub warn_within_working_days: u32,
    /// Whether each year's inspection plan (年度双随机抽查计划) must be published by
    /// `annual_plan_due` of that year (Bao'an: 「第一季度…公示年度双随机检查计划」).
    pub annual_plan: bool,
    pub annual_plan_due: MonthDay,
}

/// A day of every year, written `"03-31"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// The last day of the first quarter: the annual plan's default deadline.
    pub const END_OF_Q1: MonthDay = MonthDay { month: 3, day: 31 };

    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl std::str::FromStr for MonthDay {
    type Err = String;

    fn from_str(text: &str) -> Result<MonthDay, String> {
        let refuse = || tr!("config-month-day", text = text);
        let (month, day) = text.trim().split_once('-').ok_or_else(refuse)?;
        let month: u32 = month.parse().map_err(|_| refuse())?;
        let day: u32 = day.parse().map_err(|_| refuse())?;
        // Every year has it: 2023 has no February 29.
        NaiveDate::from_ymd_opt(2023, month, day).ok_or_else(refuse)?;
        Ok(MonthDay { month, day })
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<MonthDay, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            task_working_days: 18,
            quarter_summary: true,
            quarter_natural_days: 13,
            quarter_anchor: QuarterAnchor::QuarterEnd,
            roll_forward: true,
            warn_within_working_days: 3,
            annual_plan: false,
            annual_plan_due: MonthDay::END_OF_Q1,
        }
    }
}

/// `[disclosure]`: the current rules and, in `[[disclosure.period]]`, the rules that applied
/// until a date. (Fields are spelled out rather than flattened: serde cannot deny unknown keys
/// through `flatten`, and a mistyped rule must not pass silently.)
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    pub task_working_days: Option<u32>,
    pub quarter_summary: Option<bool>,
    pub quarter_natural_days: Option<u32>,
    pub quarter_anchor: Option<QuarterAnchor>,
    pub roll_forward: Option<bool>,
    pub warn_within_working_days: Option<u32>,
    pub annual_plan: Option<bool>,
    pub annual_plan_due: Option<MonthDay>,
    #[serde(default, rename = "period")]
    pub periods: Vec<Period>,
}

/// `[[disclosure.period]]`: every rule that differed until a date, the plan's targets
/// included; what it leaves out comes from `[disclosure]` and `[plan]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(skip_serializing)]
    until: DateValue,
    #[serde(skip_deserializing)]
    pub until_date: Option<NaiveDate>,
    pub task_working_days: Option<u32>,
    pub quarter_summary: Option<bool>,
    pub quarter_natural_days: Option<u32>,
    pub quarter_anchor: Option<QuarterAnchor>,
    pub roll_forward: Option<bool>,
    pub warn_within_working_days: Option<u32>,
    pub annual_plan: Option<bool>,
    pub annual_plan_due: Option<MonthDay>,
    pub joint_inspection_share: Option<f64>,
    pub monthly_completion: Option<[f64; 3]>,
}

/// Fills the rules a table states over `base`.
macro_rules! overlay {
    ($table:expr, $base:expr) => {{
        let table = $table;
        let base: Rules = $base;
        Rules {
            task_working_days: table.task_working_days.unwrap_or(base.task_working_days),
            quarter_summary: table.quarter_summary.unwrap_or(base.quarter_summary),
            quarter_natural_days: table
                .quarter_natural_days
                .unwrap_or(base.quarter_natural_days),
            quarter_anchor: table.quarter_anchor.unwrap_or(base.quarter_anchor),
            roll_forward: table.roll_forward.unwrap_or(base.roll_forward),
            warn_within_working_days: table
                .warn_within_working_days
                .unwrap_or(base.warn_within_working_days),
            annual_plan: table.annual_plan.unwrap_or(base.annual_plan),
            annual_plan_due: table.annual_plan_due.unwrap_or(base.annual_plan_due),
        }
    }};
}

impl Disclosure {
    /// The rules for something dated `day` (a task's end date, a quarter's last day): the first
    /// period whose `until` is on or after it, else the current rules. A period states only what
    /// differed; the rest comes from the current rules.
    pub fn rules_for(&self, day: NaiveDate) -> Rules {
        let current = self.current();
        self.period_for(day)
            .map_or(current, |p| overlay!(p, current))
    }

    /// The first period whose `until` is on or after `day`, if any.
    fn period_for(&self, day: NaiveDate) -> Option<&Period> {
        self.periods
            .iter()
            .find(|p| p.until_date.is_some_and(|until| day <= until))
    }

    /// The rules in force now (outside every period).
    pub fn current(&self) -> Rules {
        overlay!(self, Rules::default())
    }
}

impl Config {
    /// The plan's targets for something dated `day` (a quarter's last day): its period's, where
    /// it states them, else `[plan]`'s.
    pub fn plan_for(&self, day: NaiveDate) -> Plan {
        let current = &self.plan;
        match self.disclosure.period_for(day) {
            Some(period) => Plan {
                joint_inspection_share: period
                    .joint_inspection_share
                    .unwrap_or(current.joint_inspection_share),
                monthly_completion: period
                    .monthly_completion
                    .unwrap_or(current.monthly_completion),
            },
            None => current.clone(),
        }
    }

    /// Reads `<site>/gongshi.toml`, or the defaults when there is none.
    pub fn load(site: &Path) -> Result<Config> {
        let path = site.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text).map_err(|message| Error::config(CONFIG_FILE, message)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| with_help(e.to_string()))?;
        for (i, period) in config.disclosure.periods.iter_mut().enumerate() {
            let until = period
                .until
                .date()
                .map_err(|e| tr!("config-period-until", index = i, message = e))?;
            period.until_date = Some(until);
        }
        let sorted = config
            .disclosure
            .periods
            .windows(2)
            .all(|w| w[0].until_date < w[1].until_date);
        if !sorted {
            return Err(tr!("config-periods-unsorted"));
        }
        let mut all_rules = vec![config.disclosure.current()];
        all_rules.extend(
            config
                .disclosure
                .periods
                .iter()
                .map(|p| overlay!(p, config.disclosure.current())),
        );
        if all_rules.iter().any(|r| r.task_working_days == 0) {
            return Err(tr!("config-working-days-zero"));
        }
        let too_long = all_rules.iter().any(|r| {
            r.task_working_days > MAX_DAYS
                || r.quarter_natural_days > MAX_DAYS
                || r.warn_within_working_days > MAX_DAYS
        });
        if too_long {
            return Err(tr!("config-days-too-long", max = MAX_DAYS));
        }
        if config.site.latest_results == 0 || config.site.page_size == 0 {
            return Err(tr!("config-page-sizes-zero"));
        }
        let plans = std::iter::once(("plan".to_string(), config.plan.clone())).chain(
            config.disclosure.periods.iter().enumerate().map(|(i, p)| {
                let day = p.until_date.expect("set above");
                (format!("disclosure.period[{i}]"), config.plan_for(day))
            }),
        );
        for (table, plan) in plans {
            let shares =
                std::iter::once(plan.joint_inspection_share).chain(plan.monthly_completion);
            if shares.into_iter().any(|v| !(0.0..=1.0).contains(&v)) {
                return Err(tr!("config-shares", table = &table));
            }
            if plan.monthly_completion.windows(2).any(|w| w[1] < w[0]) {
                return Err(tr!(
                    "config-monthly-not-cumulative",
                    table = &table,
                    values = format!("{:?}", plan.monthly_completion)
                ));
            }
        }
        check_channels(&config.channels)?;
        config.site.check_footer()?;
        let base = &config.site.base_url;
        if !(base.starts_with("https://") || base.starts_with("http://") || base.starts_with('/')) {
            return Err(tr!("config-base-url", base = base));
        }
        if config.site.theme.is_empty()
            || !config
                .site
                .theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(tr!("config-theme-name", theme = &config.site.theme));
        }
        Ok(config)
    }
}

/// A TOML error with a hint where a key is in the wrong table.
fn with_help(message: String) -> String {
    let help = if (message.contains("unknown field `joint_inspection_share`")
        || message.contains("unknown field `monthly_completion`"))
        && message.contains("`period`")
    {
        tr!("config-hint-plan-in-period")
    } else if message.contains("unknown field `period`") {
        tr!("config-hint-period")
    } else if message.contains("unknown field `quarter_summary`") {
        tr!("config-hint-quarter-summary")
    } else {
        return message;
    };
    format!(
        "{}\n{}",
        message.trim_end(),
        tr!("config-help", help = help)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn empty_file_gives_the_legal_defaults() {
        let config = Config::parse("").unwrap();
        let rules = config.disclosure.rules_for(d("2025-01-01"));
        assert_eq!(rules, Rules::default());
        assert_eq!(rules.task_working_days, 18);
        assert_eq!(rules.quarter_natural_days, 13);
        assert!(!config.privacy.publish_inspectors);
    }

    #[test]
    fn periods_pick_rules_by_date_and_inherit_the_rest() {
        let config = Config::parse(
            r#"
[disclosure]
task_working_days = 18
quarter_anchor = "last_task_end"
warn_within_working_days = 5

[[disclosure.period]]
until = "2022-12-31"
task_working_days = 15

[[disclosure.period]]
until = 2023-12-31
task_working_days = 20
"#,
        )
        .unwrap();
        let rules = |day| config.disclosure.rules_for(d(day));
        assert_eq!(rules("2022-06-01").task_working_days, 15);
        assert_eq!(rules("2023-01-01").task_working_days, 20);
        assert_eq!(rules("2023-12-31").task_working_days, 20);
        assert_eq!(rules("2024-01-01").task_working_days, 18);
        assert_eq!(
            rules("2023-05-05").quarter_anchor,
            QuarterAnchor::LastTaskEnd
        );
        assert_eq!(rules("2023-05-05").warn_within_working_days, 5);
    }

    /// Pingshan's plans: 2023 had 20 working days, no quarterly summary, joint inspections 10%
    /// of the year's tasks and 35% of the quarter's tasks a month (seed 000); Bao'an 2024 15%
    /// (seed 002); Shenzhen 2025 30% and 30/60/100% (seed 001).
    #[test]
    fn every_rule_and_target_goes_by_period() {
        let config = Config::parse(
            r#"
[plan]
joint_inspection_share = 0.30
monthly_completion = [0.30, 0.60, 1.00]

[[disclosure.period]]
until = 2023-12-31
task_working_days = 20
quarter_summary = false
joint_inspection_share = 0.10
monthly_completion = [0.35, 0.70, 1.00]

[[disclosure.period]]
until = 2024-12-31
joint_inspection_share = 0.15
"#,
        )
        .unwrap();
        let rules = |day| config.disclosure.rules_for(d(day));
        let plan = |day| config.plan_for(d(day));
        assert!(!rules("2023-12-31").quarter_summary);
        assert_eq!(rules("2023-12-31").task_working_days, 20);
        assert!(rules("2024-03-31").quarter_summary);
        assert_eq!(rules("2024-03-31").task_working_days, 18);
        assert_eq!(plan("2023-09-30").joint_inspection_share, 0.10);
        assert_eq!(plan("2023-09-30").monthly_completion, [0.35, 0.70, 1.00]);
        assert_eq!(plan("2024-09-30").joint_inspection_share, 0.15);
        assert_eq!(plan("2024-09-30").monthly_completion, [0.30, 0.60, 1.00]);
        assert_eq!(plan("2025-09-30"), config.plan);
        let none = Config::parse("[disclosure]\nquarter_summary = false\n").unwrap();
        assert!(!none.disclosure.rules_for(d("2025-01-01")).quarter_summary);
    }

    #[test]
    fn mistakes_are_refused_with_the_key_named() {
        for (text, expected) in [
            (
                "[disclosure]\ntask_working_dayz = 18\n",
                "task_working_dayz",
            ),
            (
                "[disclosure]\nquarter_anchor = \"quarter_start\"\n",
                "quarter_start",
            ),
            ("[[disclosure.period]]\nuntil = \"2023-02-30\"\n", "until"),
            (
                "[[disclosure.period]]\nuntil = \"2024-01-01\"\n[[disclosure.period]]\nuntil = \"2023-01-01\"\n",
                "in order",
            ),
            ("[disclosure]\ntask_working_days = 0\n", "at least 1"),
            (
                "[disclosure]\nquarter_natural_days = 4294967295\n",
                "more than 366",
            ),
            ("[site]\ntheme = \"../x\"\n", "site.theme"),
            ("[site]\nbase_url = \"javascript:alert(1)//\"\n", "base_url"),
            (
                "[privacy]\npublish_inspectors = \"yes\"\n",
                "publish_inspectors",
            ),
            (
                "[disclosure]\njoint_inspection_share = 0.1\n",
                "in force now go in [plan]",
            ),
            ("[[plan.period]]\nuntil = 2023-12-31\n", "go there too"),
            (
                "[plan]\nquarter_summary = false\n",
                "quarter_summary goes in",
            ),
            (
                "[[disclosure.period]]\nuntil = 2023-12-31\nquarter_summary = \"no\"\n",
                "quarter_summary",
            ),
            (
                "[[disclosure.period]]\nuntil = 2023-12-31\njoint_inspection_share = 10\n",
                "disclosure.period[0]: shares are written as fractions",
            ),
            (
                "[plan]\nmonthly_completion = [0.35, 0.30, 1.0]\n",
                "plan.monthly_completion = [0.35, 0.3, 1.0]: the targets are cumulative",
            ),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
