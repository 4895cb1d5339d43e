//! Every message gongshi says exists in English and in Chinese, with the same variables, and
//! every message the code names exists. The language itself is tried through the binary.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gongshi::i18n::Language;

/// The messages of one language: id → the variables it uses.
fn messages(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (file, text) in language.sources() {
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let starts_entry = line.starts_with(|c: char| c.is_ascii_alphabetic());
            if starts_entry {
                let (id, _) = line
                    .split_once(" =")
                    .unwrap_or_else(|| panic!("{file}: not an entry: {line}"));
                let id = id.trim().to_string();
                assert!(
                    out.insert(id.clone(), BTreeSet::new()).is_none(),
                    "{}/{file}: {id} defined twice",
                    language.tag()
                );
                current = Some(id);
            }
            let id = current.as_ref().expect("an entry");
            let variables = out.get_mut(id).expect("entry");
            let mut rest = line;
            while let Some(at) = rest.find('$') {
                rest = &rest[at + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !name.is_empty() {
                    variables.insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn every_message_is_in_both_languages_with_the_same_variables() {
    let english = messages(Language::English);
    let chinese = messages(Language::Chinese);
    // Chinese also holds the help texts, whose English is in src/cli.rs (tested there).
    let help = |id: &&String| id.starts_with("cli-gongshi") || id.starts_with("cli--");
    let only_english: Vec<&String> = english
        .keys()
        .filter(|id| !chinese.contains_key(*id))
        .collect();
    let only_chinese: Vec<&String> = chinese
        .keys()
        .filter(|id| !help(id) && !english.contains_key(*id))
        .collect();
    assert!(only_english.is_empty(), "no Chinese for {only_english:?}");
    assert!(only_chinese.is_empty(), "no English for {only_chinese:?}");
    let differ: Vec<String> = english
        .iter()
        .filter(|(id, vars)| chinese.get(*id).is_some_and(|zh| zh != *vars))
        .map(|(id, vars)| format!("{id}: en {vars:?}, zh-CN {:?}", chinese[id]))
        .collect();
    assert!(
        differ.is_empty(),
        "variables differ:\n{}",
        differ.join("\n")
    );
    assert!(english.len() > 50, "only {} messages read", english.len());
}

/// Every `tr!("id"` and `message(…, "id"` in the source names a message that exists.
#[test]
fn every_message_the_code_names_exists() {
    let english = messages(Language::English);
    let chinese = messages(Language::Chinese);
    let mut named = BTreeSet::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        for (at, _) in text.match_indices("tr!(") {
            // `include_str!(` is not a message.
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = text[at + 4..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let id: String = rest.chars().take_while(|c| *c != '"').collect();
            named.insert((entry.path().display().to_string(), id));
        }
        let mut rest = text.as_str();
        while let Some(at) = rest.find("(language, \"") {
            rest = &rest[at + "(language, \"".len()..];
            let id: String = rest.chars().take_while(|c| *c != '"').collect();
            named.insert((entry.path().display().to_string(), id));
        }
    }
    assert!(named.len() > 30, "only {} names found", named.len());
    let unknown: Vec<String> = named
        .iter()
        .filter(|(_, id)| !english.contains_key(id) || !chinese.contains_key(id))
        .map(|(file, id)| format!("{file}: {id}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "messages no file defines:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn the_report_speaks_the_locale() {
    let site = common::fixture("minimal");
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let mut command = common::command_on(None, &["check", "--as-of", "2026-01-15"]);
        command
            .arg("--site")
            .arg(site.path())
            .args(["--color", "never"])
            .args(args);
        for (k, v) in envs {
            command.env(k, v);
        }
        let output = command.output().expect("run");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let english = run(&[], &[]);
    assert!(
        english.contains("gongshi report as of 2026-01-15"),
        "{english}"
    );
    let chinese = run(&[("LANG", "zh_CN.UTF-8")], &[]);
    assert!(
        chinese.contains("gongshi 报告，截至 2026-01-15"),
        "{chinese}"
    );
    assert!(chinese.contains("已公示"), "{chinese}");
    assert!(!chinese.contains("published"), "{chinese}");
    // --lang outranks the locale, both ways.
    assert_eq!(run(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]), english);
    assert_eq!(run(&[], &["--lang", "zh-CN"]), chinese);
    // JSON keys and statuses stay English in any language.
    let json = run(&[("LANG", "zh_CN.UTF-8")], &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(value["summary"]["published"].is_u64());
    assert!(
        value["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|item| item["status"].as_str().is_some_and(|s| s.is_ascii()))
    );
}

/// Deadlines, the ledger and the CI formats speak the locale; statuses, ids and the JUnit
/// structure stay as they are.
#[test]
fn assess_messages_speak_the_locale() {
    let site = common::fixture("minimal");
    let run = |chinese: bool, format: &str| {
        let mut command = common::command_on(None, &["check", "--as-of", "2027-11-20"]);
        command
            .arg("--site")
            .arg(site.path())
            .args(["--color", "never", "--format", format]);
        if chinese {
            command.env("LANG", "zh_CN.UTF-8");
        }
        let output = command.output().expect("run");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let english = run(false, "text");
    assert!(
        english.contains("2028 has no holiday calendar yet"),
        "{english}"
    );
    assert!(english.contains("joint inspections are not counted in 2025Q3: tasks of it"));
    let chinese = run(true, "text");
    assert!(chinese.contains("2028 年尚无工作日历"), "{chinese}");
    assert!(chinese.contains("data/calendar/2028.toml"), "{chinese}");
    assert!(
        chinese.contains("2025Q3 未统计联合检查：该季度"),
        "{chinese}"
    );
    assert!(!chinese.contains("has no holiday calendar"), "{chinese}");

    let junit = run(true, "junit");
    assert!(
        junit.contains(
            "<failure type=\"late\" message=\"任务 M-1：检查结果于 2027-11-20 公示（公示期限为 \
             2025-09-26，逾期 785 天），data/published.csv 中未填写 late_reason\"/>"
        ),
        "{junit}"
    );
    assert!(junit.contains("<testsuite name=\"quarters\""), "{junit}");
    let english_junit = run(false, "junit");
    assert!(
        english_junit.contains(
            "message=\"task M-1: result published 2027-11-20 (785 days after its deadline \
             2025-09-26) with no late_reason in data/published.csv\""
        ),
        "{english_junit}"
    );
    let github = run(true, "github");
    assert!(
        github.contains("title=任务 M-1：late::任务 M-1：检查结果于"),
        "{github}"
    );
}

#[test]
fn ingest_messages_speak_the_locale() {
    let header = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n";
    let row = "M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,\
               2025-09-01,2025-09-02,未发现问题,\n";
    let site = common::minimal_with(&format!("{header}{row}{row},,,,,,,,,\n合计,,,,,,,,,\n"));
    let run = |envs: &[(&str, &str)]| {
        let mut command = common::command_on(None, &["check", "--as-of", "2026-01-15"]);
        command
            .arg("--site")
            .arg(site.path())
            .args(["--color", "never"]);
        for (k, v) in envs {
            command.env(k, v);
        }
        let output = command.output().expect("run");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let english = run(&[]);
    for said in [
        "task id \"M-1\" is on 2 rows, which cannot be told apart: data/tasks/tasks.csv:2, \
         data/tasks/tasks.csv:3; fix the export so that each task appears once",
        "task id \"M-1\" again: see data/tasks/tasks.csv:2, which lists every row",
        "data/tasks/tasks.csv: 1 blank row(s) skipped",
        "data/tasks/tasks.csv: line(s) 5 skipped as a totals row (合计), not a record",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    let chinese = run(&[("LANG", "zh_CN.UTF-8")]);
    for said in [
        "任务编号“M-1”出现在 2 行中，无法区分：data/tasks/tasks.csv:2、data/tasks/tasks.csv:3；\
         请修改导出文件，使每个任务只出现一次",
        "任务编号“M-1”重复：见 data/tasks/tasks.csv:2，该处列出了所有行",
        "data/tasks/tasks.csv：跳过 1 个空行",
        "data/tasks/tasks.csv：第 5 行是合计行（合计），已跳过，不作为记录",
    ] {
        assert!(chinese.contains(said), "{said}\n{chinese}");
    }
    assert!(!chinese.contains("cannot be told apart"), "{chinese}");
    assert!(!chinese.contains("skipped"), "{chinese}");
    // A folder that is no site, refused before anything is read.
    let nowhere = site.path().join("nowhere");
    let refused = |envs: &[(&str, &str)]| {
        let mut command = common::command_on(None, &["check", "--as-of", "2026-01-15"]);
        command.arg("--site").arg(&nowhere);
        for (k, v) in envs {
            command.env(k, v);
        }
        let output = command.output().expect("run");
        String::from_utf8(output.stderr).expect("utf-8")
    };
    let english = refused(&[]);
    assert!(
        english.contains("does not exist; check --site"),
        "{english}"
    );
    let chinese = refused(&[("LANG", "zh_CN.UTF-8")]);
    assert!(chinese.contains("不存在；请检查 --site"), "{chinese}");
}

/// gongshi.toml, channel files, content pages and --notify refuse in the user's language.
#[test]
fn config_messages_speak_the_locale() {
    let site = common::fixture("minimal");
    let run = |toml: &str, chinese: bool, args: &[&str]| {
        std::fs::write(site.path().join("gongshi.toml"), toml).expect("write gongshi.toml");
        let mut command = common::command_on(None, &["check", "--as-of", "2026-01-15"]);
        command
            .arg("--site")
            .arg(site.path())
            .args(["--color", "never"])
            .args(args);
        if chinese {
            command.env("LANG", "zh_CN.UTF-8");
        }
        let output = command.output().expect("run");
        format!(
            "{}{}",
            String::from_utf8(output.stdout).expect("utf-8"),
            String::from_utf8(output.stderr).expect("utf-8")
        )
    };
    let icp = "[site]\nicp = \"12345678\"\n";
    let english = run(icp, false, &[]);
    assert!(
        english.contains("site.icp = \"12345678\": expected the ICP number as registered"),
        "{english}"
    );
    let chinese = run(icp, true, &[]);
    assert!(
        chinese.contains("错误：gongshi.toml：site.icp = \"12345678\"：应为备案的 ICP 备案号"),
        "{chinese}"
    );
    assert!(!chinese.contains("expected"), "{chinese}");

    // The toml crate's own words stay English; gongshi's hint does not.
    let misplaced = "[disclosure]\njoint_inspection_share = 0.1\n";
    let chinese = run(misplaced, true, &[]);
    assert!(
        chinese.contains("建议：现行的计划目标写在 [plan] 中"),
        "{chinese}"
    );
    let english = run(misplaced, false, &[]);
    assert!(
        english.contains("help: the plan's targets in force now go in [plan]"),
        "{english}"
    );

    let channel = "[[channel]]\nid = \"province\"\nname = \"省平台\"\n\
                   file = \"data/channels/province.csv\"\n";
    let english = run(channel, false, &[]);
    assert!(
        english.contains("not found: it holds the days results were published on 省平台"),
        "{english}"
    );
    let chinese = run(channel, true, &[]);
    assert!(
        chinese.contains("找不到此文件：它记录各条结果在省平台公示的日期"),
        "{chinese}"
    );

    let english = run("", false, &["--notify", "ftp://robot"]);
    assert!(
        english.contains("--notify ftp://robot: expected an http:// or https:// address"),
        "{english}"
    );
    let chinese = run("", true, &["--notify", "ftp://robot"]);
    assert!(
        chinese.contains("--notify ftp://robot：应为 http:// 或 https:// 地址"),
        "{chinese}"
    );
}

/// The holiday calendar's messages: a notice refused sentence by sentence, a calendar file
/// with mistakes, a year described, and dates and quarters that do not parse, in exports and
/// on the command line.
#[test]
fn calendar_messages_speak_the_locale() {
    let dir = tempfile::tempdir().expect("a folder");
    let run = |chinese: bool, args: &[&str]| {
        let mut command = common::command_on(None, args);
        command.current_dir(dir.path());
        if chinese {
            command.env("LANG", "zh_CN.UTF-8");
        }
        let output = command.output().expect("run");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        format!("{stdout}{stderr}")
    };
    // MADE UP: 2027-01-01 is a Friday, 2月6日至12日 is 7 days, 2027-02-03 a Wednesday.
    std::fs::write(
        dir.path().join("notice.txt"),
        "国务院办公厅关于2027年部分节假日安排的通知\n\
         经国务院批准，现将2027年元旦和春节放假调休日期的具体安排通知如下。\n\
         一、元旦：1月1日（周四）放假，共1天。\n\
         二、春节：2月6日至12日放假调休，共8天。2月3日（星期三）上班。\n",
    )
    .expect("write");
    let english = run(false, &["calendar", "import", "notice.txt"]);
    for said in [
        "「一、元旦：1月1日（周四）放假，共1天。」: It says 周四 for 1月1日, but 2027-01-01 is a \
         Friday (星期五). Is the notice for another year, or is this a typo?",
        "「二、春节：2月6日至12日放假调休，共8天。」: It says 共8天, but 2027-02-06 to 2027-02-12 \
         has 7 days.",
        "「2月3日（星期三）上班。」: 2027-02-03 is a Wednesday (星期三). A make-up working day \
         (上班) must be a Saturday or Sunday.",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    let chinese = run(true, &["calendar", "import", "notice.txt"]);
    for said in [
        "「一、元旦：1月1日（周四）放假，共1天。」：1月1日注明“周四”，但 2027-01-01 是星期五。\
         是不是其他年份的通知，或者有笔误？",
        "「二、春节：2月6日至12日放假调休，共8天。」：文中写“共8天”，但 2027-02-06 至 \
         2027-02-12 共 7 天。",
        "「2月3日（星期三）上班。」：2027-02-03 是星期三。调休上班日必须是周六或周日。",
    ] {
        assert!(chinese.contains(said), "{said}\n{chinese}");
    }
    assert!(!chinese.contains("It says"), "{chinese}");
    assert!(!chinese.contains("Saturday"), "{chinese}");

    // A calendar file written by hand, with two mistakes.
    std::fs::write(
        dir.path().join("2027.toml"),
        "year = 2027\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\n\
         [[holiday]]\nname = \"春节\"\ndays = [\"2027-02-12/2027-02-06\"]\n\
         makeup_workdays = [2027-02-03]\n",
    )
    .expect("write");
    let english = run(false, &["calendar", "check", "2027.toml"]);
    for said in [
        "春节: range \"2027-02-12/2027-02-06\" ends before it starts",
        "春节: make-up working day 2027-02-03 is a Wed, not a weekend day: it is a working day \
         anyway",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    let chinese = run(true, &["calendar", "check", "2027.toml"]);
    for said in [
        "春节：日期范围“2027-02-12/2027-02-06”的结束日期早于开始日期",
        "春节：调休上班日 2027-02-03 是周三，不是周末：这一天本来就是工作日",
    ] {
        assert!(chinese.contains(said), "{said}\n{chinese}");
    }
    assert!(!chinese.contains("ends before"), "{chinese}");

    // A built-in year, described.
    let english = run(false, &["calendar", "2025"]);
    for said in [
        "(built into gongshi)",
        "off 2025-10-01 周三 – 2025-10-08 周三 (8 days); make-up working days 2025-09-28 周日, \
         2025-10-11 周六",
        "248 working days in 2025",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    let chinese = run(true, &["calendar", "2025"]);
    for said in [
        "（gongshi 内置）",
        "放假 2025-10-01 周三 – 2025-10-08 周三（共 8 天）；调休上班 2025-09-28 周日、\
         2025-10-11 周六",
        "2025 年共有 248 个工作日",
    ] {
        assert!(chinese.contains(said), "{said}\n{chinese}");
    }
    assert!(!chinese.contains("working days"), "{chinese}");

    // Dates and quarters that do not parse: on the command line, and in an export.
    let english = run(false, &["deadline", "task", "2025-02-30"]);
    assert!(
        english.contains("\"2025-02-30\" does not exist in the calendar"),
        "{english}"
    );
    let chinese = run(true, &["deadline", "task", "2025-02-30"]);
    assert!(chinese.contains("“2025-02-30”这一天不存在"), "{chinese}");
    let english = run(false, &["deadline", "quarter", "2025Q5"]);
    assert!(
        english.contains("\"2025Q5\" is not a quarter such as 2025Q3 or 2025年第三季度"),
        "{english}"
    );
    let chinese = run(true, &["deadline", "quarter", "2025Q5"]);
    assert!(
        chinese.contains("“2025Q5”不是季度：季度应写作 2025Q3 或 2025年第三季度"),
        "{chinese}"
    );
    assert!(!chinese.contains("is not a quarter"), "{chinese}");

    let header =
        "task_id,unit,category,matter,entity,credit_code,start,end,result,handling,quarter\n";
    let site = common::minimal_with(&format!(
        "{header}M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,\
         2025-09-01,2025-09-31,未发现问题,,2025年第五季度\n"
    ));
    let check = |chinese: bool| {
        let mut command = common::command_on(None, &["check", "--as-of", "2026-01-15"]);
        command
            .arg("--site")
            .arg(site.path())
            .args(["--color", "never"]);
        if chinese {
            command.env("LANG", "zh_CN.UTF-8");
        }
        let output = command.output().expect("run");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let english = check(false);
    for said in [
        "\"2025-09-31\" does not exist in the calendar",
        "\"2025年第五季度\" is not a quarter such as 2025Q3 or 2025年第三季度",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    let chinese = check(true);
    for said in [
        "“2025-09-31”这一天不存在",
        "“2025年第五季度”不是季度：季度应写作 2025Q3 或 2025年第三季度",
    ] {
        assert!(chinese.contains(said), "{said}\n{chinese}");
    }
    assert!(!chinese.contains("does not exist"), "{chinese}");
}

/// Usage errors: clap's English, and Chinese with the same usage line and exit code.
#[test]
fn usage_errors_speak_the_locale() {
    let run = |chinese: bool, args: &[&str]| {
        let mut command = common::command_on(None, args);
        if chinese {
            command.env("LANG", "zh_CN.UTF-8");
        }
        let output = command.output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        String::from_utf8(output.stderr).expect("utf-8")
    };
    let english = run(false, &["biuld"]);
    assert!(
        english.contains("error: unrecognized subcommand 'biuld'"),
        "{english}"
    );
    for (args, said) in [
        (
            &["biuld"][..],
            "错误：没有这个子命令：'biuld'\n  提示：有相近的：'build'\n\n用法：gongshi [OPTIONS] <COMMAND>",
        ),
        (&["build", "--foo"], "错误：没有这个参数：'--foo'"),
        (
            &["check", "--format", "xml"],
            "错误：'--format <FORMAT>' 不接受值 'xml'（可用的值：text、json、junit、github）",
        ),
        (
            &["deadline", "task"],
            "错误：缺少必需的参数：<DATE>...\n\n用法：gongshi deadline task <DATE>...",
        ),
    ] {
        let chinese = run(true, args);
        assert!(chinese.contains(said), "{said}\n{chinese}");
        assert!(
            chinese.ends_with("更多信息请运行 '--help'。\n"),
            "{chinese}"
        );
        assert!(!chinese.contains("error:"), "{chinese}");
    }
}
