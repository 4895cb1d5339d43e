//! The checks that decide whether a row can be trusted, and the record it becomes.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::{Columns, Field, Row};
use crate::credit_code::{self, CodeProblem};
use crate::dates::{self, Quarter};
use crate::model::{Problem, Record, Text};
use crate::privacy::mask;
use crate::tr;
use crate::url::task_slug;

/// A mobile number (11 digits from 13 to 19) or a valid identity-card number standing alone in
/// a task id. (Other long digit runs are common in platform task ids and are left alone.)
fn holds_personal_number(task_id: &str) -> bool {
    let bytes = task_id.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &task_id[start..i];
        let with_x = run.len() == 17 && matches!(bytes.get(i), Some(b'X' | b'x'));
        let card = if with_x { &task_id[start..=i] } else { run };
        if crate::privacy::is_identity_card(&card.to_ascii_uppercase())
            || (run.len() == 11
                && run.starts_with('1')
                && (b'3'..=b'9').contains(&bytes[start + 1]))
        {
            return true;
        }
    }
    false
}

/// The longest text a field may hold: no inspection record needs more, and a larger one is a
/// broken export (or an attempt to bloat every page that shows it).
pub(crate) const MAX_FIELD_CHARS: usize = 10_000;

/// A cell as published: trimmed, without control characters (NUL, escapes, stray byte-order
/// marks) that would corrupt pages, and with line breaks and tabs kept.
///
/// Full-width digits, X, hyphens and spaces (０-９, Ｘ, －, the ideographic space) become their
/// ASCII forms, so that a number typed in full width is recognised, and masked, like any other.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{feff}' | '０'..='９' | 'Ｘ' | 'ｘ' | '－' | '\u{3000}'
            )
    };
    if !text.chars().any(changes) {
        return Cow::Borrowed(text.trim());
    }
    let cleaned: String = text
        .chars()
        .filter(|&c| !(c.is_control() && c != '\n' && c != '\t') && c != '\u{feff}')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' => 'X',
            'ｘ' => 'x',
            '－' => '-',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect();
    Cow::Owned(cleaned.trim().to_string())
}

/// Inspection dates before this year are taken for typos (双随机、一公开 began in 2015).
pub(crate) const EARLIEST_YEAR: i32 = 2015;

/// Hands out one [`Text`] for each distinct string.
#[derive(Default)]
pub(crate) struct Interner {
    texts: std::collections::HashSet<Text>,
}

impl Interner {
    pub(crate) fn text(&mut self, text: &str) -> Text {
        if let Some(known) = self.texts.get(text) {
            return known.clone();
        }
        let new: Text = text.into();
        self.texts.insert(new.clone());
        new
    }
}

/// Whether a credit-code cell holds a person's number: shaped like an identity card (17
/// digits, then a digit or X) and either valid as one or invalid as a credit code. (The
/// generic masking would also take a valid all-digit credit code for a bank card.)
pub(crate) fn is_personal_code(code: &str) -> bool {
    let id_shaped = code.len() == 18
        && code.as_bytes()[..17].iter().all(u8::is_ascii_digit)
        && matches!(code.as_bytes()[17], b'0'..=b'9' | b'X');
    crate::privacy::is_identity_card(code) || (id_shaped && credit_code::check(code).is_err())
}

/// Where a row was read: a line of a CSV file, or a row of a sheet.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub file: std::sync::Arc<str>,
    pub sheet: Option<std::sync::Arc<str>>,
    pub line: u64,
}

impl Place {
    /// A problem of the row, or of one of its cells when the field's column is known.
    pub(crate) fn problem(
        &self,
        field: Option<Field>,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        let mut problem = Problem::at(&self.file, self.line, field.map(Field::label), message);
        if let Some(sheet) = &self.sheet {
            problem.sheet = Some(sheet.to_string());
            problem.column = column.map(super::table::column_letters);
        }
        problem
    }
}

/// What shapes a record beyond the row itself.
pub(crate) struct RowContext<'a> {
    pub as_of: NaiveDate,
    pub results: &'a crate::result_class::Classifier,
}

pub(crate) fn read_row(
    place: &Place,
    record: &csv::StringRecord,
    columns: &Columns,
    context: &RowContext<'_>,
    warnings: &mut Vec<Problem>,
    texts: &mut Interner,
) -> Row {
    let as_of = context.as_of;
    let file = &place.file;
    let line = place.line;
    let at = |field: Field, message: String| {
        place.problem(Some(field), columns.position(field), message)
    };
    let cleaned: [Cow<'_, str>; Field::ALL.len()] = Field::ALL.map(|field| {
        columns
            .position(field)
            .and_then(|i| record.get(i))
            .map_or(Cow::Borrowed(""), clean)
    });
    let get = |field: Field| -> &str { &cleaned[field as usize] };
    let task_id = get(Field::TaskId).to_string();
    let mut errors = Vec::new();
    for field in Field::ALL {
        let text = get(field);
        let length = if text.len() > MAX_FIELD_CHARS {
            text.chars().count()
        } else {
            0
        };
        if length > MAX_FIELD_CHARS {
            errors.push(at(
                field,
                tr!(
                    "ingest-field-too-long",
                    length = length,
                    max = MAX_FIELD_CHARS
                ),
            ));
        }
    }
    let mut error = |field: Option<Field>, message: String| {
        errors.push(place.problem(field, field.and_then(|f| columns.position(f)), message));
    };
    for field in Field::ALL {
        if let Some(excel_error) = EXCEL_ERRORS.iter().find(|e| get(field) == **e) {
            error(Some(field), tr!("ingest-excel-error", value = *excel_error));
        }
    }

    if record.len() < columns.width
        || record
            .iter()
            .skip(columns.width)
            .any(|f| !f.trim().is_empty())
    {
        error(
            None,
            tr!(
                "ingest-field-count",
                expected = columns.width,
                found = record.len()
            ),
        );
    } else if record.len() > columns.width {
        warnings.push(place.problem(
            None,
            None,
            tr!(
                "ingest-trailing-empty",
                count = record.len() - columns.width
            ),
        ));
    }
    if task_id.is_empty() {
        error(Some(Field::TaskId), tr!("ingest-task-id-empty"));
    } else if let Some(message) = excel_scientific(&task_id, "task id") {
        error(Some(Field::TaskId), message);
    } else if task_id
        .parse::<Quarter>()
        .is_ok_and(|quarter| quarter.to_string() == task_id)
    {
        error(
            Some(Field::TaskId),
            tr!("ingest-task-id-quarter", id = &task_id),
        );
    } else if holds_personal_number(&task_id) {
        error(Some(Field::TaskId), tr!("ingest-task-id-personal"));
    } else if record
        .get(columns.position(Field::TaskId).unwrap_or(usize::MAX))
        .is_some_and(|raw| raw.trim().chars().any(char::is_control))
    {
        error(Some(Field::TaskId), tr!("ingest-task-id-control"));
    }

    let mut date = |field: Field| -> Option<NaiveDate> {
        let text = get(field);
        if text.is_empty() {
            return None;
        }
        match dates::parse_date(text) {
            Ok(day) if day.year() < EARLIEST_YEAR => {
                error(
                    Some(field),
                    tr!("ingest-before-earliest", day = day, year = EARLIEST_YEAR),
                );
                None
            }
            Ok(day) => Some(day),
            Err(message) => {
                error(
                    Some(field),
                    tr!(
                        "ingest-date-expected",
                        message = message,
                        formats = tr!("ingest-date-formats")
                    ),
                );
                None
            }
        }
    };
    let mut start = date(Field::Start);
    let mut end = date(Field::End);
    // A single 检查日期, in an export with no end column: the inspection ended that day (and
    // began it, where no start column says otherwise).
    if columns.position(Field::End).is_none()
        && let Some(day) = date(Field::Date)
    {
        end = Some(day);
        if columns.position(Field::Start).is_none() {
            start = Some(day);
        }
    }
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        error(
            Some(Field::End),
            tr!("ingest-end-before-start", end = end, start = start),
        );
    }
    if let Some(end) = end
        && end > as_of
    {
        error(
            Some(Field::End),
            tr!("ingest-end-after-as-of", end = end, as_of = as_of),
        );
    }

    let quarter = match get(Field::Quarter) {
        "" => None,
        text => text
            .parse::<Quarter>()
            .map_err(|m| error(Some(Field::Quarter), m))
            .ok(),
    };

    let mut code = credit_code::normalize(get(Field::CreditCode));
    if let Some(message) = excel_scientific(get(Field::CreditCode), "credit code") {
        error(Some(Field::CreditCode), message);
        code.clear();
    } else if is_personal_code(&code) {
        // Individual businesses sometimes give the owner's identity card instead.
        warnings.push(at(Field::CreditCode, tr!("ingest-credit-code-identity")));
        code = mask(&code).into_owned();
    } else if !code.is_empty() {
        match credit_code::check(&code) {
            Ok(()) => {}
            Err(CodeProblem::Malformed(message)) => error(Some(Field::CreditCode), message),
            Err(CodeProblem::CheckDigit { expected, found }) => warnings.push(at(
                Field::CreditCode,
                tr!(
                    "ingest-credit-code-check",
                    code = &code,
                    found = found.to_string(),
                    expected = expected.to_string()
                ),
            )),
        }
    }

    let joint_text = get(Field::Joint);
    let joint_departments = mask(get(Field::JointDepartments)).into_owned();
    let joint = match joint_text {
        "是" | "Y" | "y" | "yes" | "Yes" | "YES" | "true" | "TRUE" | "1" | "联合" | "联合检查" => {
            true
        }
        "否" | "N" | "n" | "no" | "No" | "NO" | "false" | "FALSE" | "0" | "" | "无" => {
            !joint_departments.is_empty() && joint_departments != "无"
        }
        other => {
            warnings.push(at(Field::Joint, tr!("ingest-joint-word", word = other)));
            !joint_departments.is_empty()
        }
    };

    let result = mask(get(Field::Result));
    let class = context.results.classify(&result);
    let mut text = |text: &str| texts.text(text);
    let entity = text(&mask(get(Field::Entity)));
    let code = text(&code);
    let object = object_of(&code, &entity);
    let record = errors.is_empty().then(|| {
        std::sync::Arc::new(Record {
            slug: task_slug(&task_id),
            own_id: None,
            object: None,
            task_id: task_id.clone(),
            unit: text(&mask(get(Field::Unit))),
            category: text(&mask(get(Field::Category))),
            matter: text(&mask(get(Field::Matter))),
            entity: entity.clone(),
            credit_code: code.clone(),
            address: text(&mask(get(Field::Address))),
            inspectors: text(&mask(get(Field::Inspectors))),
            start,
            end,
            result: text(&result),
            class,
            task_name: text(&mask(get(Field::TaskName))),
            inspection_type: text(&mask(get(Field::InspectionType))),
            handling: text(&mask(get(Field::Handling))),
            joint,
            joint_departments: text(&joint_departments),
            no_joint_column: columns.position(Field::Joint).is_none()
                && columns.position(Field::JointDepartments).is_none(),
            quarter,
        })
    });
    Row {
        file: file.clone(),
        sheet: place.sheet.clone(),
        line,
        task_id,
        object,
        record,
        errors,
        channels: Vec::new(),
        channel_errors: Vec::new(),
    }
}

/// The values Excel shows for a formula that failed.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#DATA!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// What a record is about, to tell the records of one task apart: its credit code, or its
/// name when it has none. `None` when the row names neither.
fn object_of(code: &Text, entity: &Text) -> Option<Text> {
    if !code.is_empty() {
        Some(code.clone())
    } else if !entity.is_empty() {
        Some(entity.clone())
    } else {
        None
    }
}

/// A long number as Excel shows it once its digits are gone (`4.40306E+17`): the value
/// written is lost, and only a new export can give it back.
pub(crate) fn excel_scientific(text: &str, what: &str) -> Option<String> {
    let (mantissa, exponent) = text.trim().split_once(['E', 'e'])?;
    let exponent = exponent.strip_prefix('+')?;
    let looks_like = !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.matches('.').count() <= 1
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit());
    looks_like.then(|| {
        // The callers name the field in English words; said here in the chosen language.
        let what = match what {
            "task id" => tr!("ingest-what-task-id"),
            "credit code" => tr!("ingest-what-credit-code"),
            other => other.to_string(),
        };
        tr!("ingest-excel-scientific", text = text.trim(), what = what)
    })
}
