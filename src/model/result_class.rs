//! What a result (检查结果) means: the class records carry, apart from the words that decide it.

use serde::Serialize;

/// The meaning of a 检查结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ResultClass {
    /// 未发现问题, 合格, 正常 ...
    NoProblem,
    /// 发现问题, 存在问题, 不合格, 立案, 责令 ...
    Problem,
    /// The inspection could not be done: 企业已搬迁, 关闭, 停产, 无法检查, 无法联系 ...
    NotInspected,
    /// Not a result yet: 待定, 检查中, or empty. Not publishable.
    Pending,
    /// A word in no class: published as written, and warned about once.
    #[default]
    Unclassified,
}

impl ResultClass {
    /// The class's name in reports and in `gongshi.toml` (`[results]`).
    pub fn key(self) -> &'static str {
        match self {
            ResultClass::NoProblem => "no_problem",
            ResultClass::Problem => "problem",
            ResultClass::NotInspected => "not_inspected",
            ResultClass::Pending => "pending",
            ResultClass::Unclassified => "unclassified",
        }
    }
}
