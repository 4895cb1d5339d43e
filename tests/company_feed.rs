//! Following a company: each company page's Atom feed (`entities/<id>/feed.xml`) and its
//! timeline of inspections, built through the real binary over several days of publication.

mod common;

use std::path::Path;

use common::{fixture, gongshi_in, identities, stderr};

const BASE: &str = "https://example.gov.cn/ps/";
const HEADER: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n";

/// Company A (A-1, A-2, A-3), B (B-1, B-2), and one whose name holds `<&"` (C-1).
const A: &str = "91440300192317458f";
const B: &str = "914403001922038216";
const C: &str = "9144030071526726xg";
const C_NAME: &str = "坪山<某>&\"丙\"化工厂";

fn row(id: &str, entity: &str, code: &str, end: &str, result: &str, handling: &str) -> String {
    let quoted = format!("\"{}\"", entity.replace('"', "\"\""));
    format!(
        "{id},坪山管理局,一般监管对象,废气排放检查,{quoted},{code},{end},{end},{result},{handling}\n"
    )
}

fn a(id: &str, end: &str, result: &str, handling: &str) -> String {
    row(
        id,
        "坪山甲电子有限公司",
        &A.to_uppercase(),
        end,
        result,
        handling,
    )
}

fn b(id: &str, end: &str, result: &str) -> String {
    row(id, "坪山乙五金制品厂", B, end, result, "")
}

/// Builds (and records in the ledger) the site as of `day`, with `rows` as its one export.
fn publish(site: &Path, day: &str, rows: &[String]) {
    std::fs::write(
        site.join("data/tasks/tasks.csv"),
        HEADER.to_string() + &rows.concat(),
    )
    .unwrap();
    let output = gongshi_in(site, &["build", "--as-of", day]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
}

/// A site whose results went public over four builds: A-1 and B-1 on 2025-07-10, A-2 and
/// B-2 on 2025-08-10, A-3 and C-1 on 2025-09-10; A-1 corrected on 2025-09-20.
fn site() -> tempfile::TempDir {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("gongshi.toml"),
        format!("[site]\nbase_url = \"{BASE}\"\n"),
    )
    .unwrap();
    let mut rows = vec![
        a("A-1", "2025-07-01", "发现问题经责令已改正", "已责令改正"),
        b("B-1", "2025-07-02", "未发现问题"),
    ];
    publish(site.path(), "2025-07-10", &rows);
    rows.push(a("A-2", "2025-08-01", "未发现问题", ""));
    rows.push(b("B-2", "2025-08-02", "发现问题待后续处理"));
    publish(site.path(), "2025-08-10", &rows);
    rows.push(a(
        "A-3",
        "2025-09-01",
        "通过登记的住所（经营场所）无法联系",
        "",
    ));
    rows.push(row(
        "C-1",
        C_NAME,
        &C.to_uppercase(),
        "2025-09-02",
        "未发现问题",
        "",
    ));
    publish(site.path(), "2025-09-10", &rows);
    rows[0] = a(
        "A-1",
        "2025-07-01",
        "发现问题经责令已改正",
        "已责令改正，2025-09-15复查合格",
    );
    publish(site.path(), "2025-09-20", &rows);
    site
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An Atom feed as read back: its title, id, updated and links (rel, href), and its entries
/// in order, each as [id, link, title, published, updated].
struct Feed {
    title: String,
    id: String,
    updated: String,
    links: Vec<(String, String)>,
    entries: Vec<[String; 5]>,
}

fn parse_feed(xml: &str) -> Feed {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let text = |node: roxmltree::Node, tag: &str| {
        node.children()
            .find(|n| n.has_tag_name(tag))
            .unwrap_or_else(|| panic!("no <{tag}>"))
            .text()
            .unwrap_or("")
            .to_string()
    };
    Feed {
        title: text(root, "title"),
        id: text(root, "id"),
        updated: text(root, "updated"),
        links: root
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("rel").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect(),
        entries: root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|entry| {
                let link = entry
                    .children()
                    .find(|n| n.has_tag_name("link"))
                    .unwrap()
                    .attribute("href")
                    .unwrap()
                    .to_string();
                [
                    text(entry, "id"),
                    link,
                    text(entry, "title"),
                    text(entry, "published"),
                    text(entry, "updated"),
                ]
            })
            .collect(),
    }
}

fn day(date: &str) -> String {
    format!("{date}T00:00:00+08:00")
}

#[test]
fn a_company_feed_lists_exactly_its_results_newest_change_first() {
    let site = site();
    let feed = parse_feed(&read(site.path(), &format!("entities/{A}/feed.xml")));
    assert_eq!(feed.title, "坪山甲电子有限公司 检查结果");
    assert_eq!(feed.id, format!("{BASE}entities/{A}/"));
    assert_eq!(feed.updated, day("2025-09-20"), "its newest change");
    assert!(
        feed.links
            .contains(&("self".into(), format!("{BASE}entities/{A}/feed.xml")))
    );
    assert!(
        feed.links
            .contains(&("alternate".into(), format!("{BASE}entities/{A}/")))
    );
    let ids: Vec<&str> = feed.entries.iter().map(|e| e[0].as_str()).collect();
    // By the day each last changed: A-1 corrected on 09-20, A-3 published on 09-10, A-2 on
    // 08-10 (not by inspection date, which would be ).
    assert_eq!(
        ids,
        [
            format!("{BASE}tasks/a-1/"),
            format!("{BASE}tasks/a-3/"),
            format!("{BASE}tasks/a-2/"),
        ]
    );
    for entry in &feed.entries {
        assert_eq!(entry[0], entry[1], "an entry's id is its page");
    }
    let [_, _, title, published, updated] = &feed.entries[0];
    assert!(title.starts_with("【更正】坪山甲电子有限公司："), "{title}");
    assert_eq!(published, &day("2025-07-10"), "first published");
    assert_eq!(updated, &day("2025-09-20"), "corrected");
    let [_, _, title, published, updated] = &feed.entries[1];
    assert!(!title.contains("更正"), "{title}");
    assert_eq!(
        (published, updated),
        (&day("2025-09-10"), &day("2025-09-10"))
    );

    let feed = parse_feed(&read(site.path(), &format!("entities/{B}/feed.xml")));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(
        ids,
        [format!("{BASE}tasks/b-2/"), format!("{BASE}tasks/b-1/")]
    );
    assert_eq!(feed.updated, day("2025-08-10"));

    // An entry reads as in the site feed: the same id, title and dates.
    let site_feed = parse_feed(&read(site.path(), "feed.xml"));
    for entry in &feed.entries {
        assert!(site_feed.entries.contains(entry), "{entry:?}");
    }
    // Company feeds are files of the site, but not pages of the sitemap.
    assert!(!read(site.path(), "sitemap.xml").contains("feed.xml"));
}

#[test]
fn a_company_name_is_escaped_in_its_feed_and_page() {
    let site = site();
    let xml = read(site.path(), &format!("entities/{C}/feed.xml"));
    assert!(!xml.contains("<某>") && !xml.contains("&\""), "{xml}");
    let feed = parse_feed(&xml);
    assert_eq!(feed.title, format!("{C_NAME} 检查结果"));
    assert_eq!(feed.entries.len(), 1);
    assert!(
        feed.entries[0][2].starts_with(C_NAME),
        "{:?}",
        feed.entries[0]
    );

    let page = read(site.path(), &format!("entities/{C}/index.html"));
    assert!(!page.contains("<某>") && !page.contains("&\""), "{page}");
    let escaped = "坪山&lt;某&gt;&amp;&quot;丙&quot;化工厂";
    assert!(
        page.contains(&format!(
            "<link rel=alternate type=application/atom+xml title=\"{escaped} 检查结果\" href=\"../../entities/{C}/feed.xml\">"
        )),
        "{page}"
    );
}

#[test]
fn a_company_page_links_its_feed_and_shows_its_timeline() {
    let site = site();
    let page = read(site.path(), &format!("entities/{A}/index.html"));
    assert!(
        page.contains(&format!(
            "<link rel=alternate type=application/atom+xml title=\"坪山甲电子有限公司 检查结果\" href=\"../../entities/{A}/feed.xml\">"
        )),
        "{page}"
    );
    // The site's own feed is still there, before it.
    assert!(page.contains("title=最新公示结果 href=\"../../feed.xml\">"));
    assert!(page.contains(&format!(
        "<a href=\"../../entities/{A}/feed.xml\" type=application/atom+xml>订阅此企业的检查结果（Atom）</a>"
    )));

    // Every inspection, oldest first, each with its date, its class in words and its page.
    let start = page.find("<section class=timeline").expect("a timeline");
    let timeline = &page[start..start + page[start..].find("</section>").unwrap()];
    assert!(
        timeline.contains("<h2 id=timeline>检查时间线</h2>"),
        "{timeline}"
    );
    let items: Vec<&str> = timeline.split("<li").skip(1).collect();
    assert_eq!(items.len(), 3, "{timeline}");
    let expected = [
        ("a-1", "2025-07-01", "tl-problem", "发现问题"),
        ("a-2", "2025-08-01", "tl-no_problem", "未发现问题"),
        ("a-3", "2025-09-01", "tl-not_inspected", "未能检查"),
    ];
    for (item, (slug, end, class, words)) in items.iter().zip(expected) {
        assert!(item.contains(&format!("class=\"{class}\"")), "{item}");
        assert!(
            item.contains(&format!("href=\"../../tasks/{slug}/\"")),
            "{item}"
        );
        assert!(
            item.contains(&format!("<time datetime=\"{end}\">{end}</time>")),
            "{item}"
        );
        assert!(item.contains(&format!("</span> {words}</span>")), "{item}");
    }
    // A problem is red and says so in words.
    assert!(
        items[0].contains("class=\"tl-class problem\""),
        "{}",
        items[0]
    );
    assert!(!items[1].contains("tl-class problem"), "{}", items[1]);
    assert!(!timeline.contains("最近 12 次"), "no cap for three");
}

#[test]
fn a_long_history_shows_its_latest_twelve_with_the_count() {
    let site = fixture("minimal");
    let rows: String = (1..=14)
        .map(|k| {
            a(
                &format!("A-{k:02}"),
                &format!("2025-08-{k:02}"),
                "未发现问题",
                "",
            )
        })
        .collect();
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        HEADER.to_string() + &rows,
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-11-10", "--no-ledger"],
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let page = read(site.path(), &format!("entities/{A}/index.html"));
    let start = page.find("<section class=timeline").unwrap();
    let timeline = &page[start..start + page[start..].find("</section>").unwrap()];
    assert_eq!(timeline.matches("<li").count(), 12, "{timeline}");
    assert!(
        timeline.contains("最近 12 次检查（共 14 次，全部见下表）"),
        "{timeline}"
    );
    // The table below still lists all fourteen.
    assert_eq!(
        page.matches("<tr><th scope=row><time").count(),
        14,
        "{page}"
    );
    let dates: Vec<&str> = timeline
        .split("<time datetime=\"")
        .skip(1)
        .map(|s| &s[..10])
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
    // The two left out are the two oldest.
    assert_eq!(dates.first(), Some(&"2025-08-03"), "{dates:?}");
    assert_eq!(dates.last(), Some(&"2025-08-14"), "{dates:?}");
}

#[test]
fn a_rebuild_rewrites_only_the_feeds_of_companies_whose_results_changed() {
    let site = site();
    let public = site.path().join("public");
    let feeds = |ids: &std::collections::BTreeMap<String, (u64, i64, i64)>| {
        ids.iter()
            .filter(|(path, _)| path.starts_with("entities/") && path.ends_with("/feed.xml"))
            .map(|(path, id)| (path.clone(), *id))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let before = identities(&public);
    assert_eq!(feeds(&before).len(), 3, "{:?}", before.keys());

    // A day later, nothing changed: no feed is written (the dated pages are).
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-21"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let after = identities(&public);
    assert_eq!(feeds(&after), feeds(&before));
    assert_ne!(
        after["index.html"], before["index.html"],
        "the home page is dated"
    );

    // B-1 corrected: B's feed is rewritten, A's and C's are left alone.
    let csv = site.path().join("data/tasks/tasks.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let corrected = text.replace(
        "B-1,坪山管理局,一般监管对象,废气排放检查,\"坪山乙五金制品厂\",914403001922038216,2025-07-02,2025-07-02,未发现问题,",
        "B-1,坪山管理局,一般监管对象,废气排放检查,\"坪山乙五金制品厂\",914403001922038216,2025-07-02,2025-07-02,未发现问题,经复核无异常",
    );
    assert_ne!(corrected, text);
    std::fs::write(&csv, corrected).unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-22"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let latest = identities(&public);
    let rewritten: Vec<String> = feeds(&latest)
        .into_iter()
        .filter(|(path, id)| after[path] != *id)
        .map(|(path, _)| path)
        .collect();
    assert_eq!(rewritten, [format!("entities/{B}/feed.xml")]);
    let feed = parse_feed(&read(site.path(), &format!("entities/{B}/feed.xml")));
    assert_eq!(feed.entries[0][0], format!("{BASE}tasks/b-1/"));
    assert_eq!(feed.updated, day("2025-09-22"));
}
