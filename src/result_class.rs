//! What a result (检查结果) means, whatever words a bureau writes it in: the quarter figures,
//! the red marking and what may be published go by these classes, not by the words.

use std::collections::HashMap;

use crate::model::ResultClass;

/// Results that are not a result yet, as whole words.
pub const PENDING_WORDS: &[&str] = &[
    "待定",
    "检查中",
    "待检查",
    "正在检查",
    "进行中",
    "未完成",
    "待录入",
    "待填写",
    "暂无",
];
/// A result that begins with one of these found no problem.
pub const NO_PROBLEM_PREFIXES: &[&str] = &[
    "未发现问题",
    "未发现违法",
    "未发现环境违法",
    "未发现异常",
    "未见异常",
    "无问题",
    "无违法",
    "合格",
    "符合",
    "正常",
];
/// A result that holds one of these found a problem.
pub const PROBLEM_WORDS: &[&str] = &[
    "发现问题",
    "存在问题",
    "不合格",
    "不符合",
    "立案",
    "不配合",
    "拒绝",
    "责令",
    "处罚",
    "违法",
    "整改",
];
/// A result that holds one of these could not be inspected.
pub const NOT_INSPECTED_WORDS: &[&str] = &[
    "搬迁",
    "关闭",
    "停产",
    "停业",
    "歇业",
    "注销",
    "无法检查",
    "无法联系",
    "查无",
    "未开展",
    "未发现开展",
];

/// Classifies results: the site's own words first (whole results, `[results]` in
/// `gongshi.toml`), then the built-in words, in the order pending, no problem, problem, could
/// not be inspected.
#[derive(Debug, Clone, Default)]
pub struct Classifier {
    site_words: HashMap<String, ResultClass>,
}

impl Classifier {
    pub fn new(words: &crate::config::ResultWords) -> Result<Classifier, String> {
        let mut site_words = HashMap::new();
        for (class, list) in [
            (ResultClass::NoProblem, &words.no_problem),
            (ResultClass::Problem, &words.problem),
            (ResultClass::NotInspected, &words.not_inspected),
            (ResultClass::Pending, &words.pending),
        ] {
            for word in list {
                let word = word.trim();
                if word.is_empty() {
                    return Err(crate::tr!("results-word-empty", class = class.key()));
                }
                if let Some(other) = site_words.insert(word.to_string(), class)
                    && other != class
                {
                    return Err(crate::tr!(
                        "results-word-twice",
                        word = word,
                        first = other.key(),
                        second = class.key()
                    ));
                }
            }
        }
        Ok(Classifier { site_words })
    }

    pub fn classify(&self, result: &str) -> ResultClass {
        let result = result.trim();
        if result.is_empty() {
            return ResultClass::Pending;
        }
        if let Some(class) = self.site_words.get(result) {
            return *class;
        }
        let bare = result.trim_end_matches(['。', '.', '；', ';']);
        if PENDING_WORDS.contains(&bare) {
            ResultClass::Pending
        } else if NO_PROBLEM_PREFIXES.iter().any(|w| result.starts_with(w)) {
            ResultClass::NoProblem
        } else if PROBLEM_WORDS.iter().any(|w| result.contains(w)) {
            ResultClass::Problem
        } else if NOT_INSPECTED_WORDS.iter().any(|w| result.contains(w)) {
            ResultClass::NotInspected
        } else {
            ResultClass::Unclassified
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResultClass::*;

    #[test]
    fn the_built_in_words_classify_what_exports_say() {
        let classifier = Classifier::default();
        for (result, class) in [
            ("未发现问题", NoProblem),
            ("合格", NoProblem),
            ("未发现环境违法行为", NoProblem),
            ("发现问题经责令已改正", Problem),
            ("发现问题待后续处理", Problem),
            ("不合格", Problem),
            ("存在问题", Problem),
            ("立案查处", Problem),
            ("不配合检查情节严重", Problem),
            ("企业已搬迁，无法检查", NotInspected),
            ("未发现开展本次抽查涉及的经营活动", NotInspected),
            ("通过登记的住所（经营场所）无法联系", NotInspected),
            ("停产", NotInspected),
            ("待定", Pending),
            ("检查中", Pending),
            ("", Pending),
            ("  ", Pending),
            ("见附件", Unclassified),
        ] {
            assert_eq!(classifier.classify(result), class, "{result}");
        }
    }

    #[test]
    fn a_site_adds_its_own_words_and_they_come_first() {
        let words = crate::config::ResultWords {
            no_problem: vec!["符合要求".into()],
            problem: vec!["见附件".into()],
            pending: vec!["已受理".into()],
            ..Default::default()
        };
        let classifier = Classifier::new(&words).unwrap();
        assert_eq!(classifier.classify("见附件"), Problem);
        assert_eq!(classifier.classify("已受理"), Pending);
        assert_eq!(classifier.classify("未发现问题"), NoProblem);

        let twice = crate::config::ResultWords {
            no_problem: vec!["合格".into()],
            problem: vec!["合格".into()],
            ..Default::default()
        };
        let err = Classifier::new(&twice).unwrap_err();
        assert!(err.contains("合格") && err.contains("no_problem"), "{err}");
    }
}
