//! Which column holds which field: the platforms' header names, and the site's own.

use std::collections::HashMap;

use crate::error::Error;

/// A column gongshi knows, whatever the export calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    TaskId,
    Unit,
    Category,
    Matter,
    Entity,
    CreditCode,
    Address,
    Inspectors,
    Start,
    End,
    Result,
    Handling,
    Joint,
    JointDepartments,
    Quarter,
    /// 任务名称: the task's name in the plan.
    TaskName,
    /// 抽查类型: 重点检查, 一般检查, 专项检查 ...
    InspectionType,
    /// 检查日期: one date where an export has no start and end (start = end).
    Date,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::TaskId,
        Field::Unit,
        Field::Category,
        Field::Matter,
        Field::Entity,
        Field::CreditCode,
        Field::Address,
        Field::Inspectors,
        Field::Start,
        Field::End,
        Field::Result,
        Field::Handling,
        Field::Joint,
        Field::JointDepartments,
        Field::Quarter,
        Field::TaskName,
        Field::InspectionType,
        Field::Date,
    ];

    /// Header names that mean this field: Chinese as the platforms export them, then English.
    /// Headers are compared after trimming and, for English, ignoring case, spaces and dashes.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::TaskId => &[
                "任务编号",
                "抽查任务编号",
                "检查任务编号",
                "任务id",
                "task_id",
                "taskid",
                "id",
            ],
            Field::Unit => &[
                "执法机构",
                "抽查机关",
                "检查机关",
                "实施单位",
                "执法单位",
                "实施机关",
                "unit",
                "agency",
                "authority",
            ],
            Field::Category => &[
                "监管对象类别",
                "对象类型",
                "检查对象类别",
                "对象类别",
                "category",
            ],
            Field::Matter => &["抽查事项", "检查事项", "matter", "inspection_item"],
            Field::Entity => &[
                "检查对象名称",
                "抽查市场主体名称",
                "企业名称",
                "检查对象",
                "单位名称",
                "entity",
                "entity_name",
                "company",
            ],
            Field::CreditCode => &["统一社会信用代码", "信用代码", "credit_code", "uscc"],
            Field::Address => &["地址", "住所", "经营地址", "检查地址", "address"],
            Field::Inspectors => &["执法人员", "检查人员", "inspectors"],
            Field::Start => &["检查开始日期", "开始日期", "start", "start_date"],
            Field::End => &[
                "检查结束日期",
                "检查完成日期",
                "结束日期",
                "完成日期",
                "end",
                "end_date",
            ],
            Field::Result => &["检查结果", "抽查结果", "result"],
            Field::Handling => &[
                "处理情况",
                "处置情况",
                "处理结果",
                "处置结果",
                "备注",
                "handling",
            ],
            Field::Joint => &["是否联合检查", "joint"],
            Field::JointDepartments => &["联合检查部门", "joint_departments"],
            Field::Quarter => &["所属季度", "抽查批次", "quarter", "batch"],
            Field::TaskName => &["任务名称", "抽查任务名称", "检查任务名称", "task_name"],
            Field::InspectionType => &["抽查类型", "检查类型", "检查方式", "inspection_type"],
            Field::Date => &["检查日期", "抽查日期", "date", "inspection_date"],
        }
    }

    /// The key that names the field in `gongshi.toml` (`[columns]`) and in the open data.
    pub fn key(self) -> &'static str {
        match self {
            Field::TaskId => "task_id",
            Field::Unit => "unit",
            Field::Category => "category",
            Field::Matter => "matter",
            Field::Entity => "entity",
            Field::CreditCode => "credit_code",
            Field::Address => "address",
            Field::Inspectors => "inspectors",
            Field::Start => "start",
            Field::End => "end",
            Field::Result => "result",
            Field::Handling => "handling",
            Field::Joint => "joint",
            Field::JointDepartments => "joint_departments",
            Field::Quarter => "quarter",
            Field::TaskName => "task_name",
            Field::InspectionType => "inspection_type",
            Field::Date => "date",
        }
    }

    /// The field an unknown header seems to mean, by the words it is made of (处理结果 is a
    /// handling, 实施机关 a unit): a column gongshi would show, left unread.
    fn resembled_by(header: &str) -> Option<Field> {
        const WORDS: &[(&str, Field)] = &[
            ("编号", Field::TaskId),
            ("信用代码", Field::CreditCode),
            ("处理", Field::Handling),
            ("处置", Field::Handling),
            ("整改", Field::Handling),
            ("结果", Field::Result),
            ("结论", Field::Result),
            ("机关", Field::Unit),
            ("机构", Field::Unit),
            ("部门", Field::Unit),
            ("单位", Field::Unit),
            ("对象", Field::Entity),
            ("企业", Field::Entity),
            ("名称", Field::Entity),
            ("地址", Field::Address),
            ("事项", Field::Matter),
            ("类别", Field::Category),
            ("开始", Field::Start),
            ("结束", Field::End),
            ("完成", Field::End),
            ("完毕", Field::End),
            ("日期", Field::Date),
            ("时间", Field::Date),
        ];
        let key = normalize_header(header);
        WORDS
            .iter()
            .find(|(word, _)| key.contains(word))
            .map(|&(_, field)| field)
    }

    /// The name used in reports: the usual Chinese header.
    pub fn label(self) -> &'static str {
        self.aliases()[0]
    }

    /// The field a header names, and the rank of its name among the field's aliases (0 is
    /// the most specific: 处理结果 before 备注).
    pub(crate) fn from_header(header: &str) -> Option<(Field, usize)> {
        let key = normalize_header(header);
        Field::ALL.into_iter().find_map(|field| {
            let rank = field.aliases().iter().position(|alias| *alias == key)?;
            Some((field, rank))
        })
    }
}

pub(crate) fn normalize_header(header: &str) -> String {
    let trimmed = header.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '*');
    if trimmed.is_ascii() {
        trimmed
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    } else {
        trimmed.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

pub(crate) fn missing_column(file: &str, line: u64, field: Field) -> Error {
    Error::Input {
        path: file.into(),
        line,
        message: crate::tr!(
            "ingest-missing-column",
            field = field.label(),
            aliases = field.aliases().join(&crate::tr!("ingest-list-separator"))
        ),
    }
}

/// Headers a site maps to fields in `gongshi.toml` (`[columns]`), as compared.
#[derive(Debug, Default, Clone)]
pub struct ColumnNames(HashMap<String, Field>);

impl ColumnNames {
    /// Checks `[columns]`: every key a field, every header given to one field only.
    pub fn from_config(
        columns: &std::collections::BTreeMap<String, crate::config::Names>,
    ) -> Result<ColumnNames, String> {
        let mut map = HashMap::new();
        for (key, names) in columns {
            let field = Field::ALL
                .into_iter()
                .find(|f| f.key() == key)
                .ok_or_else(|| {
                    let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                    crate::tr!(
                        "ingest-columns-not-a-field",
                        key = key,
                        fields = keys.join(&crate::tr!("ingest-list-separator"))
                    )
                })?;
            for name in names.iter() {
                let header = normalize_header(name);
                if header.is_empty() {
                    return Err(crate::tr!("ingest-columns-empty-name", key = key));
                }
                if let Some(other) = map.insert(header, field)
                    && other != field
                {
                    return Err(crate::tr!(
                        "ingest-columns-twice",
                        name = name,
                        other = other.key(),
                        key = key
                    ));
                }
            }
        }
        Ok(ColumnNames(map))
    }

    pub(crate) fn field(&self, header: &str) -> Option<Field> {
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&normalize_header(header)).copied()
    }
}

/// Which column holds which field.
pub(crate) struct Columns {
    pub(crate) index: HashMap<Field, usize>,
    /// `index` by [`Field`] as a number, for reading rows.
    positions: [Option<usize>; Field::ALL.len()],
    pub(crate) width: usize,
    pub(crate) unknown: Vec<(String, usize)>,
    /// Columns of a field that another column gives (备注 after 处理结果): not read.
    pub(crate) passed_over: Vec<(usize, Field)>,
    /// Columns with an empty header.
    pub(crate) unnamed: Vec<usize>,
    /// The header as compared: to spot it again further down.
    pub(crate) keys: Vec<String>,
    /// The header as written.
    names: Vec<String>,
    pub(crate) warnings: Vec<String>,
}

impl Columns {
    pub(crate) fn from_header(header: &csv::StringRecord, names: &ColumnNames) -> Columns {
        let mut index: HashMap<Field, usize> = HashMap::new();
        // The rank of the name each field was found under (a site's own name ranks first).
        let mut ranks: HashMap<Field, usize> = HashMap::new();
        let mut unknown = Vec::new();
        let mut passed_over = Vec::new();
        let mut unnamed = Vec::new();
        let mut warnings = Vec::new();
        let letters = super::table::column_letters;
        for (i, name) in header.iter().enumerate() {
            let found = names
                .field(name)
                .map(|field| (field, 0))
                .or_else(|| Field::from_header(name).map(|(field, rank)| (field, rank + 1)));
            match found {
                Some((field, rank)) => match (index.get(&field).copied(), ranks.get(&field)) {
                    // The site's own name for a field is what it asked for.
                    (Some(first), Some(&first_rank)) if rank == 0 && first_rank > 0 => {
                        index.insert(field, i);
                        ranks.insert(field, 0);
                        passed_over.push((first, field));
                    }
                    // Otherwise the first column wins, as it always has: a file read before is
                    // read the same way. The same name twice is worth a warning; another name
                    // for the field (备注 after 处理结果) is listed as not read.
                    (Some(first), Some(&first_rank)) => {
                        if first_rank == rank {
                            warnings.push(crate::tr!(
                                "ingest-columns-both",
                                first = letters(first),
                                second = letters(i),
                                field = field.label()
                            ));
                        } else {
                            passed_over.push((i, field));
                        }
                    }
                    _ => {
                        index.insert(field, i);
                        ranks.insert(field, rank);
                    }
                },
                None if normalize_header(name).is_empty() => unnamed.push(i),
                None => unknown.push((name.trim().to_string(), i)),
            }
        }
        unknown.sort_by_key(|(_, i)| *i);
        passed_over.sort_unstable();
        Columns {
            passed_over,
            positions: Field::ALL.map(|field| index.get(&field).copied()),
            index,
            width: header.len(),
            unknown,
            unnamed,
            keys: header.iter().map(normalize_header).collect(),
            names: header.iter().map(str::to_string).collect(),
            warnings,
        }
    }

    /// Unknown columns that look like a field gongshi shows and has no column for, such as
    /// 处理结果 where the export has no 处理情况: the pages would show that field blank.
    pub(crate) fn lookalikes(&self) -> impl Iterator<Item = (&str, usize, Field)> {
        self.unknown.iter().filter_map(|(name, i)| {
            let field = Field::resembled_by(name)?;
            let missing = self.position(field).is_none()
                && !(field == Field::Date
                    && self.position(Field::End).is_some()
                    && self.position(Field::Start).is_some());
            missing.then_some((name.as_str(), *i, field))
        })
    }

    /// Whether `row`, just under the header, is the header's second row: it names fields (开始日期
    /// and 结束日期 under a 检查日期 spanning both), and holds no task id of its own. If so, the
    /// two rows as one: the lower name where it names a field, else the upper.
    pub(crate) fn second_header_row(
        &self,
        row: &csv::StringRecord,
        names: &ColumnNames,
    ) -> Option<csv::StringRecord> {
        let below = Columns::from_header(row, names);
        if below.index.is_empty() {
            return None;
        }
        if let Some(i) = self.position(Field::TaskId) {
            let id = row.get(i).map(normalize_header).unwrap_or_default();
            if !id.is_empty() && self.keys.get(i) != Some(&id) {
                return None;
            }
        }
        let width = row.len().max(self.keys.len());
        let mut combined = csv::StringRecord::new();
        for i in 0..width {
            let lower = row.get(i).unwrap_or("");
            let named = names.field(lower).is_some() || Field::from_header(lower).is_some();
            combined.push_field(if named {
                lower
            } else {
                self.names.get(i).map_or("", String::as_str)
            });
        }
        Some(combined)
    }

    /// The header of column `i` as written.
    pub(crate) fn header_name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", |name| name.trim())
    }

    pub(crate) fn position(&self, field: Field) -> Option<usize> {
        self.positions[field as usize]
    }

    pub(crate) fn is_header(&self, record: &csv::StringRecord) -> bool {
        // Most rows are told apart by their first cell.
        let first = |record: &csv::StringRecord| {
            let (Some(cell), Some(key)) = (record.get(0), self.keys.first()) else {
                return true;
            };
            normalize_header(cell) == *key
        };
        record.len() >= self.keys.len()
            && first(record)
            && record
                .iter()
                .zip(&self.keys)
                .all(|(field, key)| normalize_header(field) == *key)
    }
}
