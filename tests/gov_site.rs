//! The government-site conventions (政府网站发展指引), through the binary: the footer items of
//! `[site]`, the 大字版 button, and the company list in pinyin order.

mod common;

use std::path::Path;

use common::*;

const AS_OF: &str = "2025-11-10";

fn build(site: &Path) -> std::process::Output {
    let output = gongshi_in(site, &["build", "--as-of", AS_OF, "--no-ledger"]);
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    output
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join("public").join(path)).unwrap()
}

fn html_pages(site: &Path) -> Vec<(String, String)> {
    tree(&site.join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

const FOOTER: &str = r#"
[site]
organiser = "深圳市生态环境局坪山管理局"
site_code = "4403000001"
icp = "粤ICP备00000000号-1"
police_record = "粤公网安备 44030000000000号"
badge_image = "red.png"
badge_url = "https://bszs.conac.cn/sitename?method=show&id=0"
"#;

/// The minimal fixture with the footer set, and the badge's image in its theme.
fn with_footer() -> tempfile::TempDir {
    let site = fixture("minimal");
    std::fs::write(site.path().join("gongshi.toml"), FOOTER).unwrap();
    let static_dir = site.path().join("themes/default/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("red.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    site
}

#[test]
fn the_footer_shows_each_item_set_with_its_link_on_every_page() {
    let site = with_footer();
    build(site.path());
    let pages = html_pages(site.path());
    assert!(pages.len() > 5);
    assert!(site.path().join("public/red.png").is_file());
    // 404.html, minified on its own, writes attributes its own way: it is checked below.
    for (path, page) in pages.iter().filter(|(path, _)| path != "404.html") {
        let footer = &page[page.find("<footer").unwrap_or_else(|| panic!("{path}"))..];
        for expected in [
            "主办单位：深圳市生态环境局坪山管理局",
            "网站标识码：4403000001",
            "https://beian.miit.gov.cn/",
            ">粤ICP备00000000号-1</a>",
            "https://beian.mps.gov.cn/#/query/webSearch?code=44030000000000",
            ">粤公网安备 44030000000000号</a>",
            // escaped by the template
            "https://bszs.conac.cn/sitename?method=show&amp;id=0",
            "alt=党政机关网站标识",
        ] {
            assert!(footer.contains(expected), "{path}: {expected}\n{footer}");
        }
    }
    // The badge's image is a theme file, reached from each page's own depth.
    let task = pages
        .iter()
        .find(|(path, _)| path.starts_with("tasks/"))
        .unwrap();
    assert!(task.1.contains("src=\"../../red.png\""), "{}", task.1);
    assert!(read(site.path(), "index.html").contains("src=\"./red.png\""));
    let not_found = read(site.path(), "404.html");
    for expected in [
        "主办单位：深圳市生态环境局坪山管理局",
        ">粤ICP备00000000号-1</a>",
        "src=/red.png",
    ] {
        assert!(not_found.contains(expected), "404.html: {expected}");
    }
}

#[test]
fn a_badge_image_missing_from_the_theme_is_named() {
    let site = fixture("minimal");
    std::fs::write(site.path().join("gongshi.toml"), FOOTER).unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("themes/default/static/red.png"), "{err}");
}

#[test]
fn a_footer_item_not_set_is_not_shown() {
    let site = fixture("minimal");
    build(site.path());
    let index = read(site.path(), "index.html");
    for absent in [
        "主办单位",
        "网站标识码",
        "beian",
        "党政机关网站标识",
        "class=gov",
    ] {
        assert!(!index.contains(absent), "{absent}");
    }
    // One item alone, and a 公网安备 link given by the site.
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[site]\npolice_record = \"粤公网安备44030000000000号\"\n\
         police_record_url = \"https://beian.mps.gov.cn/#/query/webSearch?code=44030000000000\"\n",
    )
    .unwrap();
    build(site.path());
    let index = read(site.path(), "index.html");
    assert!(index.contains(">粤公网安备44030000000000号</a>"), "{index}");
    for absent in ["主办单位", "网站标识码", "beian.miit", "党政机关网站标识"] {
        assert!(!index.contains(absent), "{absent}");
    }
}

#[test]
fn a_changed_footer_rewrites_every_page_of_an_incremental_build() {
    let site = with_footer();
    build(site.path());
    let changed = FOOTER.replace("4403000001", "4403000002");
    std::fs::write(site.path().join("gongshi.toml"), changed).unwrap();
    build(site.path());
    for (path, page) in html_pages(site.path()) {
        assert!(page.contains("网站标识码：4403000002"), "{path}");
    }
}

#[test]
fn footer_keys_are_checked_with_what_each_expects() {
    for (toml, expected) in [
        ("site_code = \"44030001\"", "10 characters"),
        ("site_code = \"4403-00001\"", "网站标识码"),
        ("icp = \"12345678\"", "粤ICP备12345678号"),
        ("police_record = \"粤公网安备 4403000000号\"", "14 digits"),
        ("police_record = \"44030000000000\"", "公网安备"),
        (
            "police_record_url = \"https://beian.mps.gov.cn/\"",
            "site.police_record is not",
        ),
        (
            "police_record = \"粤公网安备 44030000000000号\"\npolice_record_url = \"beian.mps.gov.cn\"",
            "http(s)",
        ),
        ("badge_image = \"red.png\"", "go together"),
        (
            "badge_image = \"/red.png\"\nbadge_url = \"https://bszs.conac.cn/\"",
            "static/",
        ),
        (
            "badge_image = \"../red.png\"\nbadge_url = \"https://bszs.conac.cn/\"",
            "static/",
        ),
        (
            "badge_image = \"red.png\"\nbadge_url = \"javascript:alert(1)\"",
            "http(s)",
        ),
    ] {
        let site = fixture("minimal");
        std::fs::write(
            site.path().join("gongshi.toml"),
            format!("[site]\n{toml}\n"),
        )
        .unwrap();
        let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
        assert_eq!(output.status.code(), Some(2), "{toml}");
        let err = stderr(&output);
        assert!(
            err.contains("gongshi.toml") && err.contains(expected),
            "{toml}: {err}"
        );
        assert!(!site.path().join("public").exists(), "{toml}");
    }
    // Letters then digits, as the central bodies' codes are
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[site]\nsite_code = \"bm01000001\"\n",
    )
    .unwrap();
    build(site.path());
    assert!(read(site.path(), "index.html").contains("网站标识码：bm01000001"));
}

#[test]
fn every_page_has_the_large_text_button_hidden_until_its_script_runs() {
    let site = fixture("minimal");
    build(site.path());
    assert!(site.path().join("public/large-text.js").is_file());
    for (path, page) in html_pages(site.path()) {
        if path == "404.html" {
            assert!(page.contains(">大字版</button>") && page.contains("large-text.js>"));
            continue;
        }
        assert!(
            page.contains(
                "<button type=button id=large-text class=large-text-toggle aria-pressed=false \
                 hidden>大字版</button>"
            ),
            "{path}"
        );
        // in <head>, without defer: the stored choice applies before the first paint
        let head = &page[..page.find("</head>").unwrap()];
        assert!(head.contains("large-text.js\"></script>"), "{path}");
    }
}

/// Names whose code-point order (中 4E2D, 北 5317, 长 957F, 阿 963F) is not their pinyin order.
const COMPANIES: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling
P-1,坪山管理局,一般监管对象,废气排放检查,中山化工有限公司,,2025-09-01,2025-09-02,未发现问题,
P-2,坪山管理局,一般监管对象,废气排放检查,北方印染厂,,2025-09-01,2025-09-02,未发现问题,
P-3,坪山管理局,一般监管对象,废气排放检查,长城电镀厂,,2025-09-01,2025-09-02,未发现问题,
P-4,坪山管理局,一般监管对象,废气排放检查,阿尔法涂料厂,,2025-09-01,2025-09-02,未发现问题,
P-5,坪山管理局,一般监管对象,废气排放检查,ABB电气（深圳）有限公司,,2025-09-01,2025-09-02,未发现问题,
P-6,坪山管理局,一般监管对象,废气排放检查,3M中国有限公司,,2025-09-01,2025-09-02,未发现问题,
P-7,坪山管理局,一般监管对象,废气排放检查,中国石化坪山加油站,,2025-09-01,2025-09-02,未发现问题,
";

#[test]
fn the_company_list_is_in_pinyin_order_across_its_pages() {
    let site = minimal_with(COMPANIES);
    std::fs::write(site.path().join("gongshi.toml"), "[site]\npage_size = 4\n").unwrap();
    build(site.path());
    let pages = [
        read(site.path(), "entities/index.html"),
        read(site.path(), "entities/page/2/index.html"),
    ];
    let listed: Vec<(usize, usize, &str)> = [
        "3M中国有限公司",
        "ABB电气（深圳）有限公司",
        "阿尔法涂料厂",
        "北方印染厂",
        // 长 as the crate reads it first: zhǎng, so among the zh names, before zhong
        "长城电镀厂",
        // zhong guo before zhong shan
        "中国石化坪山加油站",
        "中山化工有限公司",
    ]
    .into_iter()
    .map(|name| {
        let (page, text) = pages
            .iter()
            .enumerate()
            .find(|(_, text)| text.contains(name))
            .unwrap_or_else(|| panic!("{name} listed"));
        (page, text.find(name).unwrap(), name)
    })
    .collect();
    assert!(
        listed
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
        "{listed:?}"
    );
    assert_eq!(listed[3].0, 0, "four a page");
    assert_eq!(listed[4].0, 1);
}
