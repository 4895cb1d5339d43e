//! Whether the live site is this build (`gongshi verify`). A build records its publications in
//! the ledger, but a result is public only once the deploy put its page online: each result and
//! quarter summary the ledger says is published, and the home page, must answer 200 with this
//! build's page. Every page carries its fingerprint (`<meta name="gongshi-fingerprint">`, see
//! [`crate::site`]), which survives what a host or a CDN does to the bytes (compression,
//! minifying, an injected script): the live page's is compared with the one the site, read as
//! a build reads it, gives the page now.
//!
//! A page that does not answer 200 (or answers with the site's not-found page) is missing; one
//! that answers with another fingerprint, or none, is stale.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Serialize;

use crate::build::{self, Progress};
use crate::error::{Error, Result};
use crate::ledger::{Kind, LEDGER_FILE};
use crate::site::{PageOf, Site, format_fingerprint};
use crate::theme::Theme;

/// The name of the `<meta>` element that carries a page's fingerprint.
pub const FINGERPRINT_META: &str = "gongshi-fingerprint";

/// A page's body is read up to this size (the fingerprint is in its head).
const BODY_LIMIT: u64 = 16 << 20;
/// Further tries after a page got no answer, or a 429, 502, 503 or 504, and the pause before
/// each.
const RETRY_PAUSES: [Duration; 2] = [Duration::from_millis(500), Duration::from_millis(1500)];
/// Pages that got no answer in a row (after their retries) before the site is taken for lost.
const LOST_AFTER: usize = 20;
/// With a wait, how often the pages not live yet are checked again.
const RECHECK_EVERY: Duration = Duration::from_secs(10);

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Pages fetched at once.
    pub jobs: usize,
    /// The longest one request may take.
    pub timeout: Duration,
    /// How long to keep checking pages that are not live yet (a deployment or a CDN that takes
    /// a while); zero checks once.
    pub wait: Duration,
}

/// What a checked page is the page of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A result, by its ledger id.
    Result(String),
    /// A quarter's summary, by its id (`2025Q3`).
    Quarter(String),
    Home,
}

impl What {
    fn kind(&self) -> &'static str {
        match self {
            What::Result(_) => "result",
            What::Quarter(_) => "quarter",
            What::Home => "home",
        }
    }

    fn id(&self) -> Option<&str> {
        match self {
            What::Result(id) | What::Quarter(id) => Some(id),
            What::Home => None,
        }
    }
}

/// A page the live site must have.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its address under the site's: `tasks/ps-1/`, empty for the home page.
    pub path: String,
    pub what: What,
    /// Its fingerprint in this build.
    pub fingerprint: u64,
}

/// What this build says the live site must show.
#[derive(Debug)]
pub struct Expected {
    pub as_of: NaiveDate,
    /// The home page first, then the pages of the results and quarter summaries the ledger
    /// says are published, in the site's order.
    pub pages: Vec<Page>,
    /// The not-found page's fingerprint: a host that answers a missing page with it, and 200,
    /// still does not have the page.
    pub not_found: Option<u64>,
    /// Ledger rows this build makes no page for (its report says why, under MISSING): they
    /// cannot be checked.
    pub not_built: Vec<Unbuilt>,
    /// `[site] base_url`.
    pub base_url: String,
}

/// A ledger row this build makes no page for.
#[derive(Debug, Clone, Serialize)]
pub struct Unbuilt {
    pub kind: &'static str,
    pub id: String,
}

/// Reads the site as a build for `as_of` does, and works out the page of every result and
/// quarter summary the ledger says is published, and of the home page, with its fingerprint.
/// Nothing is rendered but the home page, to make sure that the theme puts the fingerprint in
/// the pages.
pub fn expected(site: &Path, as_of: NaiveDate) -> Result<Expected> {
    crate::ingest::check_site(site)?;
    let loaded = build::load(site, as_of)?;
    let theme = Theme::for_site(site, &loaded.config.site.theme)?;
    let built = Site::new(&loaded.assessment, &loaded.content, &loaded.config, &theme)?;
    let ledger = &loaded.ledger;
    let mut pages = Vec::new();
    let mut not_found = None;
    for file in built.files() {
        let what = match built.page_of(file) {
            Some(PageOf::Result(id)) if ledger.get(Kind::Task, id).is_some() => {
                What::Result(id.to_string())
            }
            Some(PageOf::Quarter(id)) if ledger.get(Kind::Quarter, id).is_some() => {
                What::Quarter(id.to_string())
            }
            Some(PageOf::Home) => {
                let fingerprint = built.produce(file, None)?;
                let html = built.bytes(file)?;
                if fingerprint_in(&html) != Some(fingerprint) {
                    return Err(Error::Usage(crate::tr!(
                        "verify-no-fingerprint-meta",
                        meta = FINGERPRINT_META,
                        variable = crate::site::FINGERPRINT_VARIABLE
                    )));
                }
                pages.insert(
                    0,
                    Page {
                        path: String::new(),
                        what: What::Home,
                        fingerprint,
                    },
                );
                continue;
            }
            Some(PageOf::NotFound) => {
                not_found = Some(built.produce(file, None)?);
                continue;
            }
            _ => continue,
        };
        let path = built.path(file);
        pages.push(Page {
            path: path.strip_suffix("index.html").unwrap_or(&path).to_string(),
            what,
            fingerprint: built.produce(file, None)?,
        });
    }
    let with_pages: HashSet<(&'static str, &str)> = pages
        .iter()
        .filter_map(|page| Some((page.what.kind(), page.what.id()?)))
        .collect();
    let with_pages = &with_pages;
    let not_built = [(Kind::Task, "result"), (Kind::Quarter, "quarter")]
        .into_iter()
        .flat_map(|(kind, name)| {
            ledger
                .first_rows(kind)
                .filter(move |entry| !with_pages.contains(&(name, entry.id.as_str())))
                .map(move |entry| Unbuilt {
                    kind: name,
                    id: entry.id.clone(),
                })
        })
        .collect();
    Ok(Expected {
        as_of,
        pages,
        not_found,
        not_built,
        base_url: loaded.config.site.base_url.clone(),
    })
}

/// The address to check: `--url`, or else `[site] base_url` when that is a whole address;
/// always ending in `/`, so that page paths go under it.
pub fn address(url: Option<&str>, base_url: &str) -> Result<String> {
    let given = url.is_some();
    let url = url.unwrap_or(base_url).trim();
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    let web =
        scheme.is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    if !web || url.contains(char::is_whitespace) {
        return Err(Error::Usage(if given {
            crate::tr!("verify-url-given", url = url)
        } else {
            crate::tr!("verify-url-none", url = url)
        }));
    }
    let url = url.split('#').next().unwrap_or(url);
    if url.contains('?') {
        return Err(Error::Usage(crate::tr!("verify-url-query", url = url)));
    }
    let url = url.strip_suffix("index.html").unwrap_or(url);
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The fingerprint a page carries, if it carries one: the `content` of its
/// `<meta name="gongshi-fingerprint">`, quoted or not (a minifier may drop the quotes).
pub fn fingerprint_in(html: &[u8]) -> Option<u64> {
    let html = String::from_utf8_lossy(html);
    let mut rest = html.as_ref();
    while let Some(at) = rest.find(FINGERPRINT_META) {
        let tag_start = rest[..at].rfind('<')?;
        let tag_end = at + rest[at..].find('>')?;
        let tag = &rest[tag_start..tag_end];
        rest = &rest[tag_end..];
        if !tag[1..]
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("meta")
        {
            continue;
        }
        let Some(content) = tag.find("content=") else {
            continue;
        };
        let value = tag[content + "content=".len()..].trim_start_matches(['"', '\'']);
        let digits: String = value.chars().take_while(char::is_ascii_hexdigit).collect();
        if digits.len() == 16 {
            return u64::from_str_radix(&digits, 16).ok();
        }
    }
    None
}

/// What the live site answered for a page.
#[derive(Debug, Clone)]
enum Answer {
    Current,
    /// Another build's page (`None`: a page without a fingerprint).
    Stale(Option<u64>),
    /// Another answer than 200, or the not-found page.
    Missing {
        status: Option<u16>,
        reason: String,
    },
    /// No answer at all (a connection refused, a timeout).
    Silent(String),
}

/// A page that is not live as this build made it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub url: String,
    /// `result`, `quarter` or `home`.
    pub page: &'static str,
    pub id: Option<String>,
    /// The HTTP status, when it answered with another than 200.
    pub status: Option<u16>,
    pub reason: String,
    /// The fingerprint it carries on the live site (stale pages), if any.
    pub live_fingerprint: Option<String>,
    /// Its fingerprint in this build.
    pub fingerprint: String,
}

/// What `gongshi verify` found.
#[derive(Debug, Serialize)]
pub struct Verification {
    pub url: String,
    pub as_of: NaiveDate,
    /// Pages checked: the home page, and the results and quarter summaries the ledger says are
    /// published.
    pub checked: usize,
    pub results: usize,
    pub quarters: usize,
    /// Pages live as this build made them.
    pub current: usize,
    pub missing: Vec<Problem>,
    pub stale: Vec<Problem>,
    /// Ledger rows this build makes no page for.
    pub not_built: Vec<Unbuilt>,
}

impl Verification {
    /// Whether a page is missing or stale.
    pub fn has_problems(&self) -> bool {
        !self.missing.is_empty() || !self.stale.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a verification serialises") + "\n"
    }

    /// The text report: the counts, the first `shown` missing and stale pages, and the verdict
    /// with what to do.
    pub fn to_text(&self, shown: usize) -> String {
        use std::fmt::Write as _;
        let mut text = crate::tr!(
            "verify-heading",
            url = &self.url,
            as_of = self.as_of,
            checked = self.checked,
            results = self.results,
            quarters = self.quarters
        ) + "\n";
        for (title, problems) in [
            (crate::tr!("verify-missing"), &self.missing),
            (crate::tr!("verify-stale"), &self.stale),
        ] {
            if problems.is_empty() {
                continue;
            }
            let _ = writeln!(text, "\n{title}: {}", problems.len());
            for problem in problems.iter().take(shown) {
                let what = match &problem.id {
                    Some(id) if problem.page == "quarter" => {
                        crate::tr!("verify-page-quarter", id = id)
                    }
                    Some(id) => crate::tr!("verify-page-result", id = id),
                    None => crate::tr!("verify-page-home"),
                };
                let _ = writeln!(text, "  {}  {what}: {}", problem.url, problem.reason);
            }
            if problems.len() > shown {
                let _ = writeln!(
                    text,
                    "  {}",
                    crate::tr!("verify-more", count = problems.len() - shown)
                );
            }
        }
        if !self.not_built.is_empty() {
            let _ = writeln!(
                text,
                "\n{}",
                crate::tr!(
                    "verify-not-built",
                    count = self.not_built.len(),
                    ledger = LEDGER_FILE
                )
            );
        }
        text.push('\n');
        if self.has_problems() {
            let _ = writeln!(
                text,
                "{}",
                crate::tr!(
                    "verify-not-live",
                    missing = self.missing.len(),
                    stale = self.stale.len(),
                    ledger = LEDGER_FILE
                )
            );
            if self.current == 0 && self.missing.iter().any(|p| p.page == "home") {
                let _ = writeln!(
                    text,
                    "  {}",
                    crate::tr!("verify-no-page-answered", url = &self.url)
                );
            }
        } else {
            let _ = writeln!(
                text,
                "{}",
                crate::tr!("verify-live", checked = self.checked)
            );
        }
        text
    }
}

/// Checks the live site at `url` (see [`address`]) against `expected`. The home page is asked
/// first: a site that gives no answer at all is an error ([`Error::Unreachable`]), said once,
/// as is one that stops answering on the way.
pub fn verify(
    url: &str,
    expected: &Expected,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Verification> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(options.timeout))
        .user_agent(format!("gongshi/{} verify", env!("CARGO_PKG_VERSION")))
        .max_idle_connections_per_host(options.jobs.max(1))
        .build()
        .into();
    let checker = Checker {
        agent,
        url,
        not_found: expected.not_found,
    };
    let pages = &expected.pages;
    let started = Instant::now();
    let waited = |started: Instant| started.elapsed() >= options.wait;
    let Some(home) = pages.first() else {
        return Err(Error::Usage(crate::tr!("verify-no-home")));
    };
    // The home page first: a site that does not answer is said once.
    let home = loop {
        match checker.ask(home) {
            Answer::Silent(message) if waited(started) => {
                return Err(Error::Unreachable {
                    url: url.to_string(),
                    message,
                });
            }
            Answer::Silent(_) => std::thread::sleep(pause(options.wait, started)),
            answer => break answer,
        }
    };
    let mut answers: Vec<Answer> = vec![Answer::Current; pages.len()];
    answers[0] = home;
    let mut pending: Vec<usize> = (1..pages.len()).collect();
    let mut stage = "verify";
    loop {
        progress.start(stage, pending.len());
        for (i, answer) in checker.ask_all(pages, &pending, options.jobs, progress)? {
            answers[i] = answer;
        }
        pending = (0..pages.len())
            .filter(|&i| !matches!(answers[i], Answer::Current))
            .collect();
        if pending.is_empty() || waited(started) {
            break;
        }
        std::thread::sleep(pause(options.wait, started));
        stage = "recheck";
    }
    progress.finish();
    let mut verification = Verification {
        url: url.to_string(),
        as_of: expected.as_of,
        checked: pages.len(),
        results: count(pages, |w| matches!(w, What::Result(_))),
        quarters: count(pages, |w| matches!(w, What::Quarter(_))),
        current: 0,
        missing: Vec::new(),
        stale: Vec::new(),
        not_built: expected.not_built.clone(),
    };
    for (page, answer) in pages.iter().zip(answers) {
        let problem = |status, reason: String, live: Option<u64>| Problem {
            url: format!("{url}{}", page.path),
            page: page.what.kind(),
            id: page.what.id().map(str::to_string),
            status,
            reason,
            live_fingerprint: live.map(format_fingerprint),
            fingerprint: format_fingerprint(page.fingerprint),
        };
        match answer {
            Answer::Current => verification.current += 1,
            Answer::Missing { status, reason } => {
                verification.missing.push(problem(status, reason, None));
            }
            Answer::Silent(message) => verification.missing.push(problem(
                None,
                crate::tr!("verify-no-answer", message = message),
                None,
            )),
            Answer::Stale(None) => verification.stale.push(problem(
                Some(200),
                crate::tr!("verify-no-fingerprint"),
                None,
            )),
            Answer::Stale(Some(live)) => verification.stale.push(problem(
                Some(200),
                crate::tr!(
                    "verify-other-build",
                    live = format_fingerprint(live),
                    built = format_fingerprint(page.fingerprint)
                ),
                Some(live),
            )),
        }
    }
    Ok(verification)
}

fn count(pages: &[Page], what: impl Fn(&What) -> bool) -> usize {
    pages.iter().filter(|page| what(&page.what)).count()
}

/// How long to pause before checking again, within the wait.
fn pause(wait: Duration, started: Instant) -> Duration {
    RECHECK_EVERY.min(wait.saturating_sub(started.elapsed()))
}

struct Checker<'a> {
    agent: ureq::Agent,
    url: &'a str,
    not_found: Option<u64>,
}

impl Checker<'_> {
    /// Asks for the pages `which`, `jobs` at a time. A site that stops answering (pages in a row
    /// with no answer at all) is [`Error::Unreachable`].
    fn ask_all(
        &self,
        pages: &[Page],
        which: &[usize],
        jobs: usize,
        progress: &dyn Progress,
    ) -> Result<Vec<(usize, Answer)>> {
        let next = AtomicUsize::new(0);
        let unanswered_in_row = AtomicUsize::new(0);
        let lost = AtomicBool::new(false);
        let last_failure = Mutex::new(String::new());
        let answers = Mutex::new(Vec::with_capacity(which.len()));
        std::thread::scope(|scope| {
            for _ in 0..jobs.clamp(1, which.len().max(1)) {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while !lost.load(Ordering::Relaxed) {
                        let Some(&i) = which.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        let answer = self.ask(&pages[i]);
                        if let Answer::Silent(message) = &answer {
                            if unanswered_in_row.fetch_add(1, Ordering::Relaxed) + 1 >= LOST_AFTER {
                                lost.store(true, Ordering::Relaxed);
                            }
                            *last_failure.lock().unwrap_or_else(|e| e.into_inner()) =
                                message.clone();
                        } else {
                            unanswered_in_row.store(0, Ordering::Relaxed);
                        }
                        mine.push((i, answer));
                        progress.advance(1);
                    }
                    answers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(mine);
                });
            }
        });
        if lost.into_inner() {
            let message = last_failure.into_inner().unwrap_or_else(|e| e.into_inner());
            return Err(Error::Unreachable {
                url: self.url.to_string(),
                message: crate::tr!("verify-stopped", count = LOST_AFTER, message = message),
            });
        }
        let mut answers = answers.into_inner().unwrap_or_else(|e| e.into_inner());
        answers.sort_by_key(|(i, _)| *i);
        Ok(answers)
    }

    /// Asks for one page, again after a pause when it got no answer or a 429, 502, 503 or 504.
    fn ask(&self, page: &Page) -> Answer {
        let url = format!("{}{}", self.url, page.path);
        let mut answer = self.fetch(&url, page.fingerprint);
        for pause in RETRY_PAUSES {
            let again = match &answer {
                Answer::Silent(_) => true,
                Answer::Missing {
                    status: Some(status),
                    ..
                } => matches!(status, 429 | 502 | 503 | 504),
                _ => false,
            };
            if !again {
                break;
            }
            std::thread::sleep(pause);
            answer = self.fetch(&url, page.fingerprint);
        }
        answer
    }

    fn fetch(&self, url: &str, fingerprint: u64) -> Answer {
        let mut response = match self.agent.get(url).call() {
            Ok(response) => response,
            Err(error) => return Answer::Silent(error.to_string()),
        };
        let status = response.status();
        if status != 200 {
            return Answer::Missing {
                status: Some(status.as_u16()),
                reason: format!(
                    "HTTP {}{}",
                    status.as_u16(),
                    status
                        .canonical_reason()
                        .map(|r| format!(" {r}"))
                        .unwrap_or_default()
                ),
            };
        }
        let body = match response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_vec()
        {
            Ok(body) => body,
            Err(error) => {
                return Answer::Silent(crate::tr!("verify-reading", error = error.to_string()));
            }
        };
        match fingerprint_in(&body) {
            Some(live) if live == fingerprint => Answer::Current,
            Some(live) if Some(live) == self.not_found => Answer::Missing {
                status: Some(200),
                reason: crate::tr!("verify-not-found-page"),
            },
            live => Answer::Stale(live),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_fingerprint_is_read_however_the_tag_is_written() {
        let value = 0x0123_4567_89ab_cdef;
        for html in [
            "<head><meta name=gongshi-fingerprint content=0123456789abcdef></head>",
            "<head><meta name=\"gongshi-fingerprint\" content=\"0123456789abcdef\"></head>",
            "<head><META content='0123456789abcdef' name='gongshi-fingerprint'/></head>",
            "<p>gongshi-fingerprint</p><meta name=gongshi-fingerprint content=\"0123456789abcdef\">",
        ] {
            assert_eq!(fingerprint_in(html.as_bytes()), Some(value), "{html}");
        }
        for html in [
            "<html><head></head></html>",
            "<meta name=gongshi-fingerprint content=\"\">",
            "<meta name=gongshi-fingerprint content=\"0123\">",
            "<meta name=gongshi-fingerprint content=\"0123456789abcdef0\">",
            "<p>gongshi-fingerprint content=0123456789abcdef</p>",
        ] {
            assert_eq!(fingerprint_in(html.as_bytes()), None, "{html}");
        }
    }

    #[test]
    fn an_address_ends_in_a_slash_and_is_a_web_address() {
        let ok = |url: &str| address(Some(url), "/").unwrap();
        assert_eq!(ok("https://example.gov.cn"), "https://example.gov.cn/");
        assert_eq!(
            ok("https://example.gov.cn/gongshi"),
            "https://example.gov.cn/gongshi/"
        );
        assert_eq!(
            ok(" http://127.0.0.1:8000/a/b/ "),
            "http://127.0.0.1:8000/a/b/"
        );
        assert_eq!(ok("https://x.cn/g/index.html"), "https://x.cn/g/");
        assert_eq!(ok("https://x.cn/g/#top"), "https://x.cn/g/");
        assert_eq!(
            address(None, "https://example.gov.cn/shuangsuiji/").unwrap(),
            "https://example.gov.cn/shuangsuiji/"
        );
        for url in [
            "example.gov.cn",
            "ftp://x.cn/",
            "https://x.cn/?a=1",
            "/gongshi/",
        ] {
            assert!(address(Some(url), "/").is_err(), "{url}");
        }
        let error = address(None, "/").unwrap_err().to_string();
        assert!(error.contains("--url"), "{error}");
    }
}
