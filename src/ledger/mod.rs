//! The publication ledger (公示台账), `data/published.csv`: what was published when. gongshi
//! only ever appends to it; the bytes already there are never rewritten.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::tr;

mod import;
mod withdraw;

pub use import::{Imported, import};
pub use withdraw::withdraw;

pub const LEDGER_FILE: &str = "data/published.csv";
/// The columns every ledger has; `digest` is optional (ledgers from before it still load).
const REQUIRED: [&str; 4] = ["kind", "id", "published_on", "late_reason"];
const DIGEST: &str = "digest";

/// What a ledger row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A task result's first publication.
    Task,
    /// A quarterly summary's first publication.
    Quarter,
    /// A published task result republished with corrected fields (更正), or a published
    /// quarterly summary whose tasks changed (by the quarter's id).
    Revision,
    /// A published task result taken down on purpose (撤回); `late_reason` holds why.
    Withdrawn,
    /// A year's inspection plan's first publication (年度抽查计划), by the year (`2026`).
    Plan,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Task => "task",
            Kind::Quarter => "quarter",
            Kind::Revision => "revision",
            Kind::Withdrawn => "withdrawn",
            Kind::Plan => "plan",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "task" => Kind::Task,
            "quarter" => Kind::Quarter,
            "revision" => Kind::Revision,
            "withdrawn" => Kind::Withdrawn,
            "plan" => Kind::Plan,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub id: String,
    pub published_on: NaiveDate,
    /// Why a late publication was late (non-empty marks it excused), or why a result was
    /// withdrawn.
    pub late_reason: String,
    /// A digest of what was published (a task's fields, a quarter's tasks), to notice
    /// corrections.
    pub digest: String,
}

/// Rows of the ledger by id, as row numbers: the ids themselves stay in the rows (a province's
/// ledger holds millions).
#[derive(Debug, Default)]
struct ById(hashbrown::HashTable<u32>);

impl ById {
    fn find(&self, entries: &[Entry], hasher: &std::hash::RandomState, id: &str) -> Option<usize> {
        use std::hash::BuildHasher;
        self.0
            .find(hasher.hash_one(id), |&i| entries[i as usize].id == id)
            .map(|&i| i as usize)
    }

    /// Points row `index`'s id at it: if the id has no row yet, or (with `replace`) always.
    fn point(
        &mut self,
        entries: &[Entry],
        hasher: &std::hash::RandomState,
        index: usize,
        replace: bool,
    ) {
        use hashbrown::hash_table::Entry as Slot;
        use std::hash::BuildHasher;
        let id = entries[index].id.as_str();
        let hash_of = |&i: &u32| hasher.hash_one(entries[i as usize].id.as_str());
        match self.0.entry(
            hasher.hash_one(id),
            |&i| entries[i as usize].id == id,
            hash_of,
        ) {
            Slot::Occupied(mut slot) => {
                if replace {
                    *slot.get_mut() = index as u32;
                }
            }
            Slot::Vacant(slot) => {
                slot.insert(index as u32);
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct Ledger {
    path: PathBuf,
    /// The file as read, so appending never touches what was there.
    original: Vec<u8>,
    entries: Vec<Entry>,
    /// Per kind (as a number), the first row of each id.
    first: [ById; 5],
    /// Per task or quarter id, the latest row with a digest.
    last_digest: ById,
    /// Per task or quarter id, the latest revision row.
    last_revision: ById,
    hasher: std::hash::RandomState,
    /// Whether the file has its header row (a new, or blank, file has not).
    has_header: bool,
    /// Whether the header has a `digest` column (a new file will).
    has_digest: bool,
    /// Where each column is (`kind`, `id`, `published_on`, `late_reason`, `digest`) and how
    /// many there are, so that appended rows follow the file's own header.
    layout: Option<(Vec<usize>, Option<usize>, usize)>,
    /// The file's encoding: appended rows are written in it (a ledger saved by Excel on a
    /// Chinese Windows is GBK).
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Whether the file's lines end in CRLF (appended ones will too).
    crlf: bool,
    /// Whether the file's last line has no line break yet.
    unterminated: bool,
    /// Digests that cannot be what gongshi wrote (a spreadsheet turned them into numbers).
    pub damaged_digests: usize,
}

/// Decodes a ledger as task ledgers are decoded (UTF-8 with or without BOM, UTF-16 with BOM,
/// GBK/GB18030), and says which encoding it is in.
fn decode(bytes: &[u8]) -> Result<(String, &'static encoding_rs::Encoding), (u64, String)> {
    // The same decision as the decoding's: GBK that happens to be valid UTF-8 (坪山 is
    // C6 BA C9 BD) is GBK, and rows appended to it must be GBK too, or the next reading would
    // take the whole file for UTF-8.
    let encoding = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => encoding,
        None if std::str::from_utf8(bytes).is_ok() && crate::ingest::reads_as_utf8(bytes) => {
            encoding_rs::UTF_8
        }
        None => encoding_rs::GB18030,
    };
    match crate::ingest::decode(bytes) {
        Ok((text, _)) => Ok((text, encoding)),
        Err(message) => {
            // The first line that is neither UTF-8 nor GBK.
            let line = bytes
                .split(|&b| b == b'\n')
                .position(|line| {
                    std::str::from_utf8(line).is_err()
                        && encoding_rs::GB18030
                            .decode_without_bom_handling_and_without_replacement(line)
                            .is_none()
                })
                .map_or(1, |i| i as u64 + 1);
            Err((line, tr!("ledger-not-decodable", message = message)))
        }
    }
}

/// An id as a spreadsheet shows a long number it took it for (`4.40300E+17`): the digits are
/// gone, and with them the task.
fn spreadsheet_number(id: &str) -> bool {
    let upper = id.to_ascii_uppercase();
    let Some((mantissa, exponent)) = upper.split_once("E+") else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    mantissa_ok && digits(exponent)
}

/// A digest as gongshi writes it: 16 hexadecimal digits.
fn well_formed_digest(digest: &str) -> bool {
    digest.len() == 16 && digest.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Ledger {
    /// Reads `<site>/data/published.csv`; a missing file is an empty ledger. A malformed ledger
    /// is fatal: its line is named and the file is left alone.
    pub fn load(site: &Path) -> Result<Ledger> {
        let path = site.join(LEDGER_FILE);
        let original = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut ledger = Ledger {
            path,
            has_digest: true,
            ..Ledger::default()
        };
        if original.is_empty() {
            return Ok(ledger);
        }
        let fail = |line: u64, message: String| Error::Input {
            path: LEDGER_FILE.into(),
            line,
            message,
        };
        let (text, encoding) = decode(&original).map_err(|(line, m)| fail(line, m))?;
        ledger.encoding = Some(encoding);
        ledger.crlf = text.contains("\r\n");
        ledger.unterminated = !text.is_empty() && !text.ends_with('\n');
        let text = text.as_str();
        if text.trim().is_empty() {
            // What a spreadsheet saves for an empty sheet: the header comes with the first row.
            ledger.original = original;
            return Ok(ledger);
        }
        let mut rows = crate::ingest::CsvRows::new(text, b',');
        let header = loop {
            match rows.next_row() {
                Some(Ok(_)) if rows.record().iter().all(|f| f.trim().is_empty()) => continue,
                Some(Ok(_)) => break rows.record().clone(),
                Some(Err((line, e))) => return Err(fail(line, e)),
                None => {
                    ledger.original = original;
                    return Ok(ledger);
                }
            }
        };
        ledger.has_header = true;
        let column = |name: &str| header.iter().position(|h| h.trim() == name);
        let columns: Vec<usize> = REQUIRED
            .iter()
            .map(|name| {
                column(name).ok_or_else(|| {
                    fail(
                        1,
                        tr!(
                            "ledger-header-missing-column",
                            columns = REQUIRED.join(","),
                            name = *name,
                        ),
                    )
                })
            })
            .collect::<Result<_>>()?;
        let digest_column = column(DIGEST);
        ledger.has_digest = digest_column.is_some();
        ledger.layout = Some((columns.clone(), digest_column, header.len()));
        while let Some(row) = rows.next_row() {
            let line = row.map_err(|(line, e)| fail(line, e))?;
            let record = rows.record();
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let get = |i: usize| record.get(columns[i]).map_or("", str::trim);
            let kind = Kind::parse(get(0))
                .ok_or_else(|| fail(line, tr!("ledger-bad-kind", kind = get(0))))?;
            let id = get(1).to_string();
            if id.is_empty() {
                return Err(fail(line, tr!("ledger-empty-id")));
            }
            if spreadsheet_number(&id) {
                return Err(fail(line, tr!("ledger-id-spreadsheet-number", id = &id)));
            }
            // Spreadsheets rewrite dates in their own way (2025/10/1): read them as exports are.
            let published_on = crate::dates::parse_date(get(2))
                .map_err(|m| fail(line, tr!("ledger-bad-date", message = m)))?;
            // Quarter ids are kept in one spelling (2025Q3) so that 2025q3 finds them too.
            let id = match kind {
                Kind::Quarter => id
                    .parse::<crate::dates::Quarter>()
                    .map_err(|m| fail(line, tr!("ledger-bad-quarter", message = m)))?
                    .to_string(),
                Kind::Plan => match plan_year(&id) {
                    Some(year) => year.to_string(),
                    None => return Err(fail(line, tr!("ledger-bad-plan-year", id = &id))),
                },
                Kind::Task | Kind::Revision | Kind::Withdrawn => id,
            };
            let mut digest = digest_column
                .and_then(|i| record.get(i))
                .map_or("", str::trim)
                .to_string();
            if !digest.is_empty() && !well_formed_digest(&digest) {
                ledger.damaged_digests += 1;
                digest.clear();
            }
            ledger.push(Entry {
                kind,
                id,
                published_on,
                late_reason: get(3).to_string(),
                digest,
            });
        }
        ledger.original = original;
        Ok(ledger)
    }

    /// The first `plan` row of each year, in file order.
    pub fn plans(&self) -> impl Iterator<Item = &Entry> {
        self.first_rows(Kind::Plan)
    }

    fn push(&mut self, entry: Entry) {
        let index = self.entries.len();
        let (kind, digest) = (entry.kind, !entry.digest.is_empty());
        self.entries.push(entry);
        let (entries, hasher) = (&self.entries, &self.hasher);
        self.first[kind as usize].point(entries, hasher, index, false);
        if matches!(kind, Kind::Task | Kind::Quarter | Kind::Revision) && digest {
            self.last_digest.point(entries, hasher, index, true);
        }
        if kind == Kind::Revision {
            self.last_revision.point(entries, hasher, index, true);
        }
    }

    /// The first publication of an item, if any.
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Entry> {
        self.first[kind as usize]
            .find(&self.entries, &self.hasher, id)
            .map(|i| &self.entries[i])
    }

    /// The first row of each id of `kind`, in the ledger's order.
    pub fn first_rows(&self, kind: Kind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |entry| {
            entry.kind == kind
                && self
                    .get(kind, &entry.id)
                    .is_some_and(|first| std::ptr::eq(first, *entry))
        })
    }

    /// The digest of what was last published for a task (or quarter), if the ledger recorded
    /// one.
    pub fn last_digest(&self, id: &str) -> Option<&str> {
        self.last_digest
            .find(&self.entries, &self.hasher, id)
            .map(|i| self.entries[i].digest.as_str())
    }

    /// When a task's result (or a quarter's summary) was last revised, if ever.
    pub fn last_revision(&self, id: &str) -> Option<NaiveDate> {
        self.last_revision
            .find(&self.entries, &self.hasher, id)
            .map(|i| self.entries[i].published_on)
    }

    /// Whether the ledger can record digests (it has the column, or is new).
    pub fn records_digests(&self) -> bool {
        self.has_digest
    }

    /// The ledger's part of the report: notes on digests it cannot use.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.damaged_digests > 0 {
            notes.push(tr!(
                "ledger-damaged-digests",
                count = self.damaged_digests,
                ledger = LEDGER_FILE,
            ));
        }
        if !self.records_digests() {
            notes.push(tr!(
                "ledger-no-digest-column",
                ledger = LEDGER_FILE,
                archive = crate::archive::ARCHIVE_FILE,
            ));
        }
        notes
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Appends `new` rows to the file (creating it with its header if needed), through a
    /// temporary file and a rename so that a crash leaves either the old or the new file.
    pub fn append(&self, new: &[Entry]) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        // Keep the file's own line endings.
        let crlf = self.crlf;
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut added: Vec<u8> = Vec::new();
        if self.unterminated {
            added.extend_from_slice(newline.as_bytes());
        }
        if !self.has_header {
            added.extend_from_slice(REQUIRED.join(",").as_bytes());
            added.extend_from_slice(b",");
            added.extend_from_slice(DIGEST.as_bytes());
            added.extend_from_slice(newline.as_bytes());
        }
        {
            let terminator = if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            };
            let mut writer = csv::WriterBuilder::new()
                .terminator(terminator)
                .from_writer(&mut added);
            // Rows follow the file's own header: its column order, its extra columns (left
            // empty), and no digest where it has no such column.
            let default_layout = (vec![0, 1, 2, 3], Some(4), 5);
            let (columns, digest_column, width) = self.layout.as_ref().unwrap_or(&default_layout);
            for entry in new {
                let date = entry.published_on.to_string();
                let mut row = vec![""; *width];
                let values = [
                    entry.kind.as_str(),
                    entry.id.as_str(),
                    date.as_str(),
                    entry.late_reason.as_str(),
                ];
                for (&column, value) in columns.iter().zip(values) {
                    row[column] = value;
                }
                if let Some(column) = digest_column {
                    row[*column] = entry.digest.as_str();
                }
                writer
                    .write_record(row)
                    .map_err(|e| Error::io(&self.path, e.into()))?;
            }
            writer.flush().map_err(|e| Error::io(&self.path, e))?;
        }
        let added = String::from_utf8(added).expect("rows are written from text");
        let mut bytes = self.original.clone();
        bytes.extend_from_slice(&encode(&added, self.encoding.unwrap_or(encoding_rs::UTF_8)));
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let temp = dir.join(format!(".published.csv.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&temp, &self.path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Error::io(&self.path, e)
        })
    }
}

/// `text` in the ledger's own encoding. encoding_rs writes no UTF-16, so that is done here.
fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    if encoding == encoding_rs::UTF_16LE {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else if encoding == encoding_rs::UTF_16BE {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    } else {
        // GB18030 maps every character, so nothing is lost or replaced.
        encoding.encode(text).0.into_owned()
    }
}

/// The year a `plan` row is for: four digits, 2000 to 2100.
pub fn plan_year(id: &str) -> Option<i32> {
    let year: i32 = id.trim().parse().ok()?;
    (id.trim().len() == 4 && (2000..=2100).contains(&year)).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with_ledger(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join(LEDGER_FILE), text).unwrap();
        dir
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_columns_by_name_and_keeps_the_first_publication() {
        let site = site_with_ledger(
            "id,kind,late_reason,published_on\nA-1,task,,2025-10-01\nA-1,task,,2025-12-01\n2025q3,quarter,系统故障,2025-10-20\n",
        );
        let ledger = Ledger::load(site.path()).unwrap();
        assert_eq!(
            ledger.get(Kind::Task, "A-1").unwrap().published_on,
            d("2025-10-01")
        );
        assert_eq!(
            ledger.get(Kind::Quarter, "2025Q3").unwrap().late_reason,
            "系统故障"
        );
        assert!(ledger.get(Kind::Quarter, "A-1").is_none());
    }

    #[test]
    fn malformed_ledgers_name_the_line() {
        for (text, line) in [
            ("kind,id,published_on\n", 1),
            (
                "kind,id,published_on,late_reason\ntask,A,2025-10-01,\nbook,B,2025-10-01,\n",
                3,
            ),
            ("kind,id,published_on,late_reason\ntask,A,2025/10/41,\n", 2),
            (
                "kind,id,published_on,late_reason\nquarter,2025Q5,2025-10-01,\n",
                2,
            ),
            ("kind,id,published_on,late_reason\ntask,,2025-10-01,\n", 2),
        ] {
            let site = site_with_ledger(text);
            match Ledger::load(site.path()) {
                Err(Error::Input { line: l, .. }) => assert_eq!(l, line, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn appending_keeps_every_byte_already_there() {
        let before = "kind,id,published_on,late_reason\r\ntask,A-1,2025-10-01,\"原因,含逗号\"";
        let site = site_with_ledger(before);
        let ledger = Ledger::load(site.path()).unwrap();
        let new = Entry {
            kind: Kind::Quarter,
            id: "2025Q3".into(),
            published_on: d("2025-10-10"),
            late_reason: String::new(),
            digest: String::new(),
        };
        ledger.append(std::slice::from_ref(&new)).unwrap();
        let after = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
        assert!(after.starts_with(before), "{after}");
        assert!(
            after.ends_with("\r\nquarter,2025Q3,2025-10-10,\r\n"),
            "{after:?}"
        );
        let reread = Ledger::load(site.path()).unwrap();
        assert_eq!(reread.entries().len(), 2);
        assert_eq!(reread.get(Kind::Quarter, "2025Q3"), Some(&new));
    }

    #[test]
    fn a_blank_ledger_gets_its_header_after_what_is_there() {
        for (blank, kept) in [
            ("\u{feff}", "\u{feff}"),
            ("\n", "\n"),
            ("  \r\n", "  \r\n"),
            ("\"\"\n", "\"\"\n"),
        ] {
            let site = site_with_ledger(blank);
            let ledger = Ledger::load(site.path()).unwrap();
            let entry = Entry {
                kind: Kind::Task,
                id: "A".into(),
                published_on: d("2025-10-10"),
                late_reason: String::new(),
                digest: String::new(),
            };
            ledger.append(&[entry]).unwrap();
            let text = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
            assert!(text.starts_with(kept), "{text:?}");
            let reread = Ledger::load(site.path()).unwrap();
            assert_eq!(reread.entries().len(), 1, "{text:?}");
        }
    }

    #[test]
    fn revisions_carry_the_latest_digest_and_keep_the_first_date() {
        let site = site_with_ledger(
            "kind,id,published_on,late_reason,digest\r\ntask,A,2025-10-01,,00000000000000d1\r\nrevision,A,2025-11-02,,00000000000000d2\r\ntask,B,2025-10-01,,\r\nrevision,A,2025-12-03,,00000000000000d3\r\n",
        );
        let ledger = Ledger::load(site.path()).unwrap();
        assert_eq!(
            ledger.get(Kind::Task, "A").unwrap().published_on,
            d("2025-10-01")
        );
        assert_eq!(ledger.last_digest("A"), Some("00000000000000d3"));
        assert_eq!(ledger.last_revision("A"), Some(d("2025-12-03")));
        assert_eq!(
            ledger.last_digest("B"),
            None,
            "rows without a digest are not tracked"
        );
        assert!(ledger.records_digests());
        let legacy = site_with_ledger("kind,id,published_on,late_reason\ntask,A,2025-10-01,\n");
        assert!(!Ledger::load(legacy.path()).unwrap().records_digests());
    }

    #[test]
    fn appended_rows_follow_the_header_order_and_extra_columns() {
        let site = site_with_ledger(
            "id,note,kind,published_on,late_reason,digest\nA-1,n,task,2025-10-09,,\n",
        );
        let ledger = Ledger::load(site.path()).unwrap();
        ledger
            .append(&[Entry {
                kind: Kind::Task,
                id: "A-2".into(),
                published_on: d("2025-10-10"),
                late_reason: String::new(),
                digest: "00000000000000ff".into(),
            }])
            .unwrap();
        let text = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
        assert!(
            text.ends_with("\nA-2,,task,2025-10-10,,00000000000000ff\n"),
            "{text}"
        );
        let reread = Ledger::load(site.path()).unwrap();
        let entry = reread.get(Kind::Task, "A-2").unwrap();
        assert_eq!(
            (entry.late_reason.as_str(), entry.digest.as_str()),
            ("", "00000000000000ff")
        );
    }

    #[test]
    fn a_new_ledger_gets_its_header() {
        let site = tempfile::tempdir().unwrap();
        let ledger = Ledger::load(site.path()).unwrap();
        assert!(ledger.entries().is_empty());
        ledger
            .append(&[Entry {
                kind: Kind::Task,
                id: "A,1".into(),
                published_on: d("2025-10-10"),
                late_reason: String::new(),
                digest: "ab12".into(),
            }])
            .unwrap();
        let text = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
        assert_eq!(
            text,
            "kind,id,published_on,late_reason,digest\ntask,\"A,1\",2025-10-10,,ab12\n"
        );
    }

    fn entry(kind: Kind, id: &str, day: &str) -> Entry {
        Entry {
            kind,
            id: id.into(),
            published_on: d(day),
            late_reason: String::new(),
            digest: String::new(),
        }
    }

    /// What Excel on a Chinese Windows saves: GBK, CRLF, its own date format.
    #[test]
    fn a_ledger_saved_by_excel_reads_and_grows_in_its_own_encoding() {
        let text = "kind,id,published_on,late_reason\r\ntask,坪山-1,2025/10/1,\r\nquarter,2025Q3,2025/10/9,系统故障\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("data")).unwrap();
        std::fs::write(site.path().join(LEDGER_FILE), &gbk).unwrap();
        let ledger = Ledger::load(site.path()).unwrap();
        assert_eq!(
            ledger.get(Kind::Task, "坪山-1").unwrap().published_on,
            d("2025-10-01")
        );
        assert_eq!(
            ledger.get(Kind::Quarter, "2025Q3").unwrap().late_reason,
            "系统故障"
        );
        ledger
            .append(&[entry(Kind::Task, "坪山-2", "2025-10-10")])
            .unwrap();
        let bytes = std::fs::read(site.path().join(LEDGER_FILE)).unwrap();
        assert!(bytes.starts_with(&gbk), "the bytes already there stay");
        let (added, _, errors) = encoding_rs::GBK.decode(&bytes[gbk.len()..]);
        assert!(!errors, "the new row is GBK too");
        assert_eq!(added, "task,坪山-2,2025-10-10,\r\n");
        let reread = Ledger::load(site.path()).unwrap();
        assert_eq!(reread.entries().len(), 3);
    }

    /// A GBK ledger whose every character is also a two-byte UTF-8 sequence (坪山): rows
    /// appended to it are GBK, so the next reading still reads it as GBK.
    #[test]
    fn gbk_that_looks_like_utf8_grows_as_gbk() {
        let text = "kind,id,published_on,late_reason\r\ntask,坪山-1,2025/9/30,\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(
            std::str::from_utf8(&gbk).is_ok(),
            "the premise: valid UTF-8 too"
        );
        let site = site_with_ledger("");
        std::fs::write(site.path().join(LEDGER_FILE), &gbk).unwrap();
        let ledger = Ledger::load(site.path()).unwrap();
        let mut withdrawn = entry(Kind::Withdrawn, "坪山-1", "2025-10-10");
        withdrawn.late_reason = "录入错误".into();
        ledger
            .append(&[entry(Kind::Task, "坪山-2", "2025-10-10"), withdrawn])
            .unwrap();
        let reread = Ledger::load(site.path()).unwrap();
        assert_eq!(
            reread.get(Kind::Task, "坪山-1").unwrap().published_on,
            d("2025-09-30")
        );
        assert_eq!(
            reread.get(Kind::Withdrawn, "坪山-1").unwrap().late_reason,
            "录入错误"
        );
        assert!(reread.get(Kind::Task, "坪山-2").is_some());
    }

    #[test]
    fn a_utf16_ledger_grows_in_utf16() {
        let text = "\u{feff}kind\tid\tpublished_on\tlate_reason\n";
        let mut bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let site = site_with_ledger("");
        std::fs::write(site.path().join(LEDGER_FILE), &bytes).unwrap();
        // Tab-separated, as Excel saves "Unicode text": one column, so the header is refused
        // with its line named rather than misread.
        assert!(matches!(
            Ledger::load(site.path()),
            Err(Error::Input { line: 1, .. })
        ));
        bytes = "\u{feff}kind,id,published_on,late_reason\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(site.path().join(LEDGER_FILE), &bytes).unwrap();
        let ledger = Ledger::load(site.path()).unwrap();
        ledger
            .append(&[entry(Kind::Task, "甲", "2025-10-10")])
            .unwrap();
        let reread = Ledger::load(site.path()).unwrap();
        assert_eq!(
            reread.get(Kind::Task, "甲").unwrap().published_on,
            d("2025-10-10")
        );
    }

    #[test]
    fn a_byte_that_is_no_text_is_named_on_its_line() {
        let site = site_with_ledger("");
        std::fs::write(
            site.path().join(LEDGER_FILE),
            b"kind,id,published_on,late_reason\ntask,A\xff\xff,2025-10-01,\n",
        )
        .unwrap();
        match Ledger::load(site.path()) {
            Err(Error::Input { line, message, .. }) => {
                assert_eq!(line, 2, "{message}");
                assert!(message.contains("UTF-8 or GBK"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ids_a_spreadsheet_turned_into_numbers_are_refused() {
        let site = site_with_ledger(
            "kind,id,published_on,late_reason\ntask,A-1,2025-10-01,\ntask,4.40301E+17,2025-10-01,\n",
        );
        match Ledger::load(site.path()) {
            Err(Error::Input { line, message, .. }) => {
                assert_eq!(line, 3);
                assert!(message.contains("4.40301E+17"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(spreadsheet_number("4.40301E+17"));
        assert!(spreadsheet_number("1E+20"));
        assert!(!spreadsheet_number("PS-2025E+1"));
        assert!(!spreadsheet_number("2025Q3"));
    }

    #[test]
    fn digests_a_spreadsheet_changed_are_not_tracked() {
        let site = site_with_ledger(
            "kind,id,published_on,late_reason,digest\ntask,A,2025-10-01,,1.23457E+14\ntask,B,2025-10-01,,329229afbfabd4fc\n",
        );
        let ledger = Ledger::load(site.path()).unwrap();
        assert_eq!(ledger.damaged_digests, 1);
        assert_eq!(ledger.last_digest("A"), None);
        assert_eq!(ledger.last_digest("B"), Some("329229afbfabd4fc"));
    }
}
