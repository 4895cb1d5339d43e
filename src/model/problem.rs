//! A problem with the input, and where it is: what every stage reports and every output shows.

use serde::{Deserialize, Serialize};

/// A problem with the input, pointing at the file and line it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    /// The sheet of a workbook the row is in; `line` is then its row number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// In a sheet, the column letters of the field's cell (`C`), so that the place reads
    /// `file.xlsx:Sheet1!C7`, as people name cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    /// The channel (`[[channel]]` id) a problem is about: a date there that cannot be right,
    /// which holds nothing back on the website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

impl Problem {
    pub fn at(file: &str, line: u64, field: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: Some(line),
            column: None,
            field: field.map(str::to_string),
            message: message.into(),
            channel: None,
        }
    }

    pub fn in_file(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: None,
            column: None,
            field: None,
            message: message.into(),
            channel: None,
        }
    }

    /// `file:line`, or in a workbook `file:Sheet1!C7` (a cell) or `file:Sheet1!7:7` (a row).
    pub fn location(&self) -> String {
        match (&self.sheet, self.line) {
            (Some(sheet), Some(line)) => {
                let sheet = sheet_reference(sheet);
                match &self.column {
                    Some(column) => format!("{}:{sheet}!{column}{line}", self.file),
                    None => format!("{}:{sheet}!{line}:{line}", self.file),
                }
            }
            (Some(sheet), None) => {
                format!("{}:{}", self.file, sheet_reference(sheet))
            }
            (None, Some(line)) => format!("{}:{line}", self.file),
            (None, None) => self.file.clone(),
        }
    }

    /// The message after the field it is about: `field: message`, or the message alone.
    pub fn field_message(&self) -> String {
        match &self.field {
            Some(field) => crate::tr!("problem-field", field = field, message = &self.message),
            None => self.message.clone(),
        }
    }
}

/// A sheet's name as a cell reference writes it: quoted when it holds spaces or punctuation
/// (`'My Sheet'!C7`), plain when only letters, digits and `_` (Chinese included).
fn sheet_reference(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_named_as_excel_names_them() {
        assert_eq!(sheet_reference("Sheet1"), "Sheet1");
        assert_eq!(sheet_reference("抽查结果"), "抽查结果");
        assert_eq!(sheet_reference("Sheet 2"), "'Sheet 2'");
        assert_eq!(sheet_reference("Bob's"), "'Bob''s'");
    }
}
