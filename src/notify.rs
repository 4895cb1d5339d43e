//! Telling someone (`--notify URL`): a short message in Chinese, POSTed as JSON, when a build or
//! check finds a missed deadline or an invalid row, warns that a year's holiday calendar is
//! missing, or fails. 企业微信 and 钉钉 group robots get the shape they take
//! (`{"msgtype":"text","text":{"content":…}}`); any other address gets [`Message::to_json`].
//!
//! The library sends and says how it went; the command warns on failure, and never changes its
//! exit code for it.

use std::time::Duration;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{ItemKind, Report, Status};

/// How long one notification may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Ids listed in a message, at most.
const SHOWN: usize = 5;

/// The JSON a hook is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 企业微信 and 钉钉 group robots: `{"msgtype":"text","text":{"content":…}}`.
    Robot,
    /// Everything else: [`Message::to_json`].
    Json,
}

/// A `--notify` address, and the shape it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    pub url: String,
    pub shape: Shape,
}

impl Hook {
    /// `https://qyapi.weixin.qq.com/…` and `https://oapi.dingtalk.com/…` are robots; `robot:URL`
    /// and `json:URL` say the shape outright (a relay in front of a robot, say).
    pub fn parse(text: &str) -> Result<Hook> {
        let (shape, url) = if let Some(url) = text.strip_prefix("robot:") {
            (Some(Shape::Robot), url)
        } else if let Some(url) = text.strip_prefix("json:") {
            (Some(Shape::Json), url)
        } else {
            (None, text)
        };
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| Error::Usage(crate::tr!("notify-url", url = text)))?;
        let host = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('@')
            .next()
            .unwrap_or("")
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let shape = shape.unwrap_or(
            if host == "qyapi.weixin.qq.com" || host == "oapi.dingtalk.com" {
                Shape::Robot
            } else {
                Shape::Json
            },
        );
        Ok(Hook {
            url: url.to_string(),
            shape,
        })
    }
}

/// What is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// One line: the site and what went wrong.
    pub title: String,
    /// The whole message, title first: what was missed and what to do.
    pub text: String,
    pub site: String,
    pub as_of: NaiveDate,
    /// Results and summaries late or overdue.
    pub violations: u64,
    /// Invalid rows (and files not read).
    pub errors: u64,
    /// The years whose holiday calendar is missing and needed.
    pub calendar_years: Vec<i32>,
    /// The build or check failed outright.
    pub failed: bool,
}

impl Message {
    /// The message for a report, or `None` when there is nothing to tell: no missed deadline,
    /// no invalid row, no warning about a missing calendar.
    pub fn for_report(report: &Report, site: &str) -> Option<Message> {
        let summary = &report.summary;
        let violations = summary.violations;
        let errors = summary.invalid + summary.unread_files;
        let mut calendar_years: Vec<i32> = report
            .warnings
            .iter()
            .filter(|w| w.file == "data/calendar")
            .filter_map(|w| calendar_year(&w.message))
            .collect();
        calendar_years.sort_unstable();
        calendar_years.dedup();
        if violations == 0 && errors == 0 && calendar_years.is_empty() {
            return None;
        }
        let mut lines = Vec::new();
        let mut what = Vec::new();
        if violations > 0 {
            what.push(format!("逾期/迟报 {violations} 项"));
        }
        if errors > 0 {
            what.push(format!("无效行 {errors} 行"));
        }
        if !calendar_years.is_empty() {
            what.push(format!(
                "缺少{}年节假日安排",
                calendar_years
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        let title = format!("【{site}】双随机公示：{}", what.join("，"));
        lines.push(title.clone());
        lines.push(format!("数据截至 {}", report.as_of));
        if violations > 0 {
            let overdue: Vec<_> = report
                .items
                .iter()
                .filter(|item| item.status.is_violation())
                .collect();
            lines.push(format!(
                "逾期未公示 {} 项，迟报（未说明原因）{} 项：",
                overdue
                    .iter()
                    .filter(|i| i.status == Status::Overdue)
                    .count(),
                overdue.iter().filter(|i| i.status == Status::Late).count()
            ));
            for item in overdue.iter().take(SHOWN) {
                let kind = match item.kind {
                    ItemKind::Task => "检查结果",
                    ItemKind::Quarter => "季度汇总",
                    ItemKind::Plan => "年度抽查计划",
                };
                let deadline = item
                    .deadline
                    .map_or_else(|| "待定".to_string(), |d| d.to_string());
                let state = match (item.status, item.published_on) {
                    (Status::Late, Some(published)) => format!("{published} 公示，迟报"),
                    _ => "尚未公示".to_string(),
                };
                lines.push(format!("· {kind} {}：期限 {deadline}，{state}", item.id));
            }
            if overdue.len() > SHOWN {
                lines.push(format!("· 另有 {} 项，见构建报告", overdue.len() - SHOWN));
            }
            lines.push(
                "处理：请尽快公示以上结果，或在 data/published.csv 中填写 late_reason \
                 说明逾期原因。"
                    .to_string(),
            );
        }
        if errors > 0 {
            lines.push(format!(
                "无效行 {errors} 行：这些行不会公示。处理：按构建报告所列的文件和行号，修正 \
                 data/tasks/ 中的导出文件后重新构建。"
            ));
        }
        for year in &calendar_years {
            lines.push(format!(
                "{year}年节假日安排尚未添加，部分期限无法精确计算。处理：国务院办公厅关于{year}年\
                 部分节假日安排的通知发布后，将全文保存为 notice.txt，运行 gongshi calendar \
                 import notice.txt -o data/calendar/{year}.toml，并提交该文件。"
            ));
        }
        Some(Message {
            title,
            text: lines.join("\n"),
            site: site.to_string(),
            as_of: report.as_of,
            violations,
            errors,
            calendar_years,
            failed: false,
        })
    }

    /// The message for a build or check that stopped with `error`.
    pub fn for_failure(site: &str, as_of: NaiveDate, command: &str, error: &str) -> Message {
        let title = format!("【{site}】双随机公示：gongshi {command} 失败");
        let text = format!(
            "{title}\n数据截至 {as_of}\n错误：{error}\n处理：按错误提示修正后重新运行 gongshi \
             {command}。修正之前，网站保持上一次构建的内容，本次没有公示任何结果。"
        );
        Message {
            title,
            text,
            site: site.to_string(),
            as_of,
            violations: 0,
            errors: 1,
            calendar_years: Vec::new(),
            failed: true,
        }
    }

    /// The generic shape: `title`, `text`, `site`, `as_of`, `violations`, `errors`,
    /// `calendar_years`, `failed`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title,
            "text": self.text,
            "site": self.site,
            "as_of": self.as_of.to_string(),
            "violations": self.violations,
            "errors": self.errors,
            "calendar_years": self.calendar_years,
            "failed": self.failed,
        })
    }

    /// The body `hook` is sent.
    pub fn body(&self, shape: Shape) -> String {
        let value = match shape {
            Shape::Robot => serde_json::json!({
                "msgtype": "text",
                "text": { "content": self.text },
            }),
            Shape::Json => self.to_json(),
        };
        value.to_string()
    }
}

/// The year in a calendar warning (each names `data/calendar/<year>.toml`).
fn calendar_year(message: &str) -> Option<i32> {
    let at = message.find("data/calendar/")? + "data/calendar/".len();
    message.get(at..at + 4)?.parse().ok()
}

/// POSTs the message to the hook; what went wrong, if anything (an answer other than 2xx, or a
/// robot's `errcode` other than 0).
pub fn send(hook: &Hook, message: &Message, timeout: Duration) -> std::result::Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(format!("gongshi/{} notify", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .post(&hook.url)
        .header("Content-Type", "application/json; charset=utf-8")
        .send(message.body(hook.shape))
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let answer = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    if !status.is_success() {
        return Err(crate::tr!(
            "notify-status",
            status = status.to_string(),
            answer = answer.trim()
        ));
    }
    if hook.shape == Shape::Robot
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(&answer)
        && let Some(code) = value.get("errcode").and_then(serde_json::Value::as_i64)
        && code != 0
    {
        let said = value
            .get("errmsg")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        return Err(crate::tr!(
            "notify-refused",
            code = code.to_string(),
            said = said
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_are_told_by_their_host_or_a_prefix() {
        let shape = |url: &str| Hook::parse(url).unwrap().shape;
        assert_eq!(
            shape("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"),
            Shape::Robot
        );
        assert_eq!(
            shape("https://oapi.dingtalk.com/robot/send?access_token=T"),
            Shape::Robot
        );
        assert_eq!(shape("https://hooks.example.gov.cn/gongshi"), Shape::Json);
        assert_eq!(shape("robot:http://127.0.0.1:8080/relay"), Shape::Robot);
        let hook = Hook::parse("json:https://oapi.dingtalk.com/x").unwrap();
        assert_eq!(
            (hook.shape, hook.url.as_str()),
            (Shape::Json, "https://oapi.dingtalk.com/x")
        );
        assert!(Hook::parse("qyapi.weixin.qq.com/x").is_err());
    }

    #[test]
    fn the_calendar_year_is_read_from_the_warning() {
        assert_eq!(
            calendar_year("… run `gongshi calendar import notice.txt -o data/calendar/2027.toml`"),
            Some(2027)
        );
        assert_eq!(calendar_year("no year"), None);
    }

    #[test]
    fn a_robot_gets_text_content() {
        let message = Message::for_failure(
            "坪山",
            NaiveDate::from_ymd_opt(2025, 10, 9).unwrap(),
            "build",
            "x",
        );
        let body: serde_json::Value = serde_json::from_str(&message.body(Shape::Robot)).unwrap();
        assert_eq!(body["msgtype"], "text");
        assert!(body["text"]["content"].as_str().unwrap().contains("失败"));
    }
}
