//! The publication ledger (公示台账), `data/published.csv`: what was published when. gongshi
//! only ever appends to it; the bytes already there are never rewritten.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};

pub const LEDGER_FILE: &str = "data/published.csv";
/// The columns every ledger has; `digest` is optional (ledgers from before it still load).
const REQUIRED: [&str; 4] = ["kind", "id", "published_on", "late_reason"];
const DIGEST: &str = "digest";

/// What a ledger row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A task result's first publication.
    Task,
    /// A quarterly summary's publication.
    Quarter,
    /// A published task result republished with corrected fields (更正).
    Revision,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Task => "task",
            Kind::Quarter => "quarter",
            Kind::Revision => "revision",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub id: String,
    pub published_on: NaiveDate,
    /// Why a late publication was late; non-empty marks it excused.
    pub late_reason: String,
    /// A digest of the published fields (tasks and revisions), to notice corrections.
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
    first: [ById; 3],
    /// Per task id, the latest task or revision row with a digest.
    last_digest: ById,
    /// Per task id, the latest revision row.
    last_revision: ById,
    hasher: std::hash::RandomState,
    /// Whether the file has its header row (a new, or blank, file has not).
    has_header: bool,
    /// Whether the header has a `digest` column (a new file will).
    has_digest: bool,
    /// Where each column is (`kind`, `id`, `published_on`, `late_reason`, `digest`) and how
    /// many there are, so that appended rows follow the file's own header.
    layout: Option<(Vec<usize>, Option<usize>, usize)>,
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
        let text = std::str::from_utf8(original.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&original))
            .map_err(|e| fail(1, format!("not UTF-8 ({e}); save the ledger as UTF-8")))?;
        if text.trim().is_empty() {
            // What a spreadsheet saves for an empty sheet: the header comes with the first row.
            ledger.original = original;
            return Ok(ledger);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = loop {
            match records.next() {
                Some(Ok(record)) if record.iter().all(|f| f.trim().is_empty()) => continue,
                Some(Ok(header)) => break header,
                Some(Err(e)) => return Err(fail(1, e.to_string())),
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
                        format!(
                            "header must name the columns {}; `{name}` is missing",
                            REQUIRED.join(",")
                        ),
                    )
                })
            })
            .collect::<Result<_>>()?;
        let digest_column = column(DIGEST);
        ledger.has_digest = digest_column.is_some();
        ledger.layout = Some((columns.clone(), digest_column, header.len()));
        let mut lines = crate::ingest::LineCounter::new(text.as_bytes());
        for record in records {
            let record = record.map_err(|e| {
                fail(
                    e.position().map_or(0, |p| lines.line_at(p.byte())),
                    e.to_string(),
                )
            })?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let get = |i: usize| record.get(columns[i]).map_or("", str::trim);
            let kind = match get(0) {
                "task" => Kind::Task,
                "quarter" => Kind::Quarter,
                "revision" => Kind::Revision,
                other => {
                    return Err(fail(
                        line,
                        format!("kind \"{other}\": expected task, quarter or revision"),
                    ));
                }
            };
            let id = get(1).to_string();
            if id.is_empty() {
                return Err(fail(line, "empty id".into()));
            }
            let published_on = NaiveDate::parse_from_str(get(2), "%Y-%m-%d").map_err(|_| {
                fail(
                    line,
                    format!(
                        "published_on \"{}\": expected a date such as 2025-10-28",
                        get(2)
                    ),
                )
            })?;
            // Quarter ids are kept in one spelling (2025Q3) so that 2025q3 finds them too.
            let id = match kind {
                Kind::Quarter => id
                    .parse::<crate::dates::Quarter>()
                    .map_err(|m| fail(line, format!("quarter id {m}")))?
                    .to_string(),
                Kind::Task | Kind::Revision => id,
            };
            let digest = digest_column
                .and_then(|i| record.get(i))
                .map_or("", str::trim)
                .to_string();
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

    fn push(&mut self, entry: Entry) {
        let index = self.entries.len();
        let (kind, digest) = (entry.kind, !entry.digest.is_empty());
        self.entries.push(entry);
        let (entries, hasher) = (&self.entries, &self.hasher);
        self.first[kind as usize].point(entries, hasher, index, false);
        if kind != Kind::Quarter && digest {
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

    /// The digest of what was last published for a task, if the ledger recorded one.
    pub fn last_digest(&self, task_id: &str) -> Option<&str> {
        self.last_digest
            .find(&self.entries, &self.hasher, task_id)
            .map(|i| self.entries[i].digest.as_str())
    }

    /// When a task's result was last corrected, if ever.
    pub fn last_revision(&self, task_id: &str) -> Option<NaiveDate> {
        self.last_revision
            .find(&self.entries, &self.hasher, task_id)
            .map(|i| self.entries[i].published_on)
    }

    /// Whether the ledger can record digests (it has the column, or is new).
    pub fn records_digests(&self) -> bool {
        self.has_digest
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
        let mut bytes = self.original.clone();
        // Keep the file's own line endings.
        let crlf = bytes.windows(2).any(|w| w == b"\r\n");
        let newline: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let only_bom = bytes == b"\xef\xbb\xbf";
        if !bytes.is_empty() && !only_bom && !bytes.ends_with(b"\n") {
            bytes.extend_from_slice(newline);
        }
        if !self.has_header {
            bytes.extend_from_slice(REQUIRED.join(",").as_bytes());
            bytes.extend_from_slice(b",");
            bytes.extend_from_slice(DIGEST.as_bytes());
            bytes.extend_from_slice(newline);
        }
        {
            let terminator = if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            };
            let mut writer = csv::WriterBuilder::new()
                .terminator(terminator)
                .from_writer(&mut bytes);
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
            ("kind,id,published_on,late_reason\ntask,A,2025/10/01,\n", 2),
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
            "kind,id,published_on,late_reason,digest\r\ntask,A,2025-10-01,,d1\r\nrevision,A,2025-11-02,,d2\r\ntask,B,2025-10-01,,\r\nrevision,A,2025-12-03,,d3\r\n",
        );
        let ledger = Ledger::load(site.path()).unwrap();
        assert_eq!(
            ledger.get(Kind::Task, "A").unwrap().published_on,
            d("2025-10-01")
        );
        assert_eq!(ledger.last_digest("A"), Some("d3"));
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
                digest: "ff".into(),
            }])
            .unwrap();
        let text = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
        assert!(text.ends_with("\nA-2,,task,2025-10-10,,ff\n"), "{text}");
        let reread = Ledger::load(site.path()).unwrap();
        let entry = reread.get(Kind::Task, "A-2").unwrap();
        assert_eq!(
            (entry.late_reason.as_str(), entry.digest.as_str()),
            ("", "ff")
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
}
