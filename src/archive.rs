//! The archive of published results (`data/published-records.jsonl`): the fields of each result
//! as it was last published, one JSON line per publication or correction. It only ever grows.
//! It is what keeps a published result on its page when its row leaves the exports (a task
//! deleted on the platform, an export replaced by a narrower one, a row turned invalid): the
//! ledger says when a result went public, the archive what went public.

use std::collections::HashMap;
use std::io::{BufRead, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Record;

pub const ARCHIVE_FILE: &str = "data/published-records.jsonl";

/// A result to archive: the record as published and its digest.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub record: Arc<Record>,
    pub digest: String,
}

/// One line of the archive, as written.
#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a str,
    digest: &'a str,
    archived_on: NaiveDate,
    record: &'a Record,
}

/// The first fields of a line: enough to know whether the rest is needed.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    digest: std::borrow::Cow<'a, str>,
}

#[derive(Deserialize)]
struct LineIn {
    record: Record,
    #[serde(default)]
    archived_on: Option<NaiveDate>,
}

/// One archived version of a result, for its history of corrections.
#[derive(Debug, Clone)]
pub struct Version {
    pub digest: String,
    /// `None` on a line written without its date (edited by hand).
    pub archived_on: Option<NaiveDate>,
    pub record: Arc<Record>,
}

#[derive(Debug, Default)]
pub struct Archive {
    path: PathBuf,
    /// The last archived version of each result that was asked for.
    snapshots: HashMap<String, Arc<Record>>,
    /// Every archived version, oldest first, of the results whose history was asked for.
    history: HashMap<String, Vec<Version>>,
    /// For every archived result, by a hash of its id: a hash of its last digest.
    latest: HashMap<u64, u64>,
    /// Whether the file's last line has no line break (a write cut short).
    unterminated: bool,
    /// Lines that could not be read (a write cut short, a hand edit), by line number.
    pub damaged: Vec<u64>,
}

fn key(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// A record read back from the archive, held to what a row read from an export would give:
/// the file sits in the repository, where anyone with access could edit it. Its page address
/// comes from its id, never from the file, and its text is cleaned and masked again.
fn sanitized(mut record: Record, known_by_task_id: bool) -> Record {
    if crate::ingest::is_personal_code(&record.credit_code) {
        record.credit_code = crate::privacy::mask(&record.credit_code).as_ref().into();
    }
    for field in [
        &mut record.unit,
        &mut record.category,
        &mut record.matter,
        &mut record.entity,
        &mut record.address,
        &mut record.inspectors,
        &mut record.result,
        &mut record.handling,
        &mut record.joint_departments,
        &mut record.task_name,
        &mut record.inspection_type,
    ] {
        let cleaned = crate::ingest::clean(field);
        let masked = crate::privacy::mask(&cleaned);
        if *masked != **field {
            *field = masked.as_ref().into();
        }
    }
    // The object comes from the record's own fields, as a row gives it.
    let object = record
        .object
        .take()
        .map(|_| crate::model::Text::from(record.object_text()));
    if known_by_task_id {
        // Published as its task's only object: its page is the task's.
        crate::ingest::set_identity(&mut record, None);
        record.object = object;
    } else {
        crate::ingest::set_identity(&mut record, object);
    }
    record.class = crate::result_class::Classifier::default().classify(&record.result);
    record
}

impl Archive {
    /// Classifies the kept results with the site's own result words.
    pub fn classify(&mut self, classifier: &crate::result_class::Classifier) {
        for snapshot in self.snapshots.values_mut() {
            let class = classifier.classify(&snapshot.result);
            if snapshot.class != class {
                Arc::make_mut(snapshot).class = class;
            }
        }
    }

    /// Reads `<site>/data/published-records.jsonl`, keeping the last version of the results
    /// `wanted` names (the few whose rows no longer give them), every version of those
    /// `history` names (the corrected ones), and only the digests of the others. A missing file
    /// is an empty archive.
    pub fn load(
        site: &Path,
        wanted: &dyn Fn(&str) -> bool,
        history: &dyn Fn(&str) -> bool,
    ) -> Result<Archive> {
        let path = site.join(ARCHIVE_FILE);
        let mut archive = Archive {
            path: path.clone(),
            ..Archive::default()
        };
        let mut snapshots = HashMap::new();
        let mut versions = HashMap::new();
        let mut latest = HashMap::new();
        let scan = scan(&path, &mut |head, full| {
            match full(wanted(&head.id) || history(&head.id)) {
                Line::Broken => return,
                Line::Full(full) => {
                    keep(head, *full, wanted, history, &mut snapshots, &mut versions)
                }
                Line::NotAsked => {}
            }
            latest.insert(key(&head.id), key(&head.digest));
        })?;
        archive.snapshots = snapshots;
        archive.history = versions;
        archive.latest = latest;
        archive.unterminated = scan.unterminated;
        archive.damaged = scan.damaged;
        Ok(archive)
    }

    /// Reads every version of the results `ids` names as well (corrected for the first time by
    /// this build): a second pass over the file, on the days a correction comes in.
    pub fn load_history(&mut self, ids: &std::collections::HashSet<&str>) -> Result<()> {
        let ids: std::collections::HashSet<&str> = ids
            .iter()
            .copied()
            .filter(|id| !self.history.contains_key(*id))
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let history = |id: &str| ids.contains(id);
        let mut versions = HashMap::new();
        let mut unused = HashMap::new();
        scan(&self.path, &mut |head, full| {
            if let Line::Full(full) = full(history(&head.id)) {
                keep(
                    head,
                    *full,
                    &|_| false,
                    &history,
                    &mut unused,
                    &mut versions,
                );
            }
        })?;
        self.history.extend(versions);
        Ok(())
    }

    /// Every archived version of `id`, oldest first, if its history was asked for.
    pub fn versions(&self, id: &str) -> &[Version] {
        self.history.get(id).map_or(&[], Vec::as_slice)
    }

    /// The result as last archived, if it was asked for when loading.
    pub fn snapshot(&self, id: &str) -> Option<&Arc<Record>> {
        self.snapshots.get(id)
    }

    /// Whether the archive holds any version of `id`.
    pub fn has(&self, id: &str) -> bool {
        self.latest.contains_key(&key(id))
    }

    /// Whether the archive's last version of `id` has this digest.
    pub fn holds(&self, id: &str, digest: &str) -> bool {
        self.latest.get(&key(id)) == Some(&key(digest))
    }

    /// Appends `snapshots`, dated `today`, in one write; inspector names only where the site
    /// publishes them.
    pub fn append(
        &self,
        snapshots: &[Snapshot],
        today: NaiveDate,
        publish_inspectors: bool,
    ) -> Result<()> {
        if snapshots.is_empty() {
            return Ok(());
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // Appended, not rewritten, and streamed: the archive of a province is large, and so is
        // a first build's. A write cut short leaves a last line without its line break, which
        // the next read skips and the next append closes.
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| Error::io(&self.path, e))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let io = |e: std::io::Error| Error::io(&self.path, e);
        if self.unterminated {
            out.write_all(b"\n").map_err(io)?;
        }
        for snapshot in snapshots {
            let blanked;
            let record = if publish_inspectors || snapshot.record.inspectors.is_empty() {
                &*snapshot.record
            } else {
                blanked = Record {
                    inspectors: "".into(),
                    ..(*snapshot.record).clone()
                };
                &blanked
            };
            serde_json::to_writer(
                &mut out,
                &LineOut {
                    id: record.id(),
                    digest: &snapshot.digest,
                    archived_on: today,
                    record,
                },
            )
            .map_err(|e| io(e.into()))?;
            out.write_all(b"\n").map_err(io)?;
        }
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)
    }
}

/// What a pass over the archive found wrong with the file.
struct Scan {
    unterminated: bool,
    /// Lines that could not be read, by line number.
    damaged: Vec<u64>,
}

/// A whole line, as [`scan`] gives it.
enum Line {
    NotAsked,
    Full(Box<LineIn>),
    /// It does not parse, or names another result than its head: damaged, and reported.
    Broken,
}

/// Calls `each` with every line's head, and a function that parses the whole line when asked
/// (`true`).
/// What [`scan`] calls for each line: its head, and how to read the rest when needed.
type EachLine<'f> = dyn FnMut(&Head<'_>, &dyn Fn(bool) -> Line) + 'f;

fn scan(path: &Path, each: &mut EachLine<'_>) -> Result<Scan> {
    let mut found = Scan {
        unterminated: false,
        damaged: Vec::new(),
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        if read == 0 {
            break;
        }
        number += 1;
        found.unterminated = !line.ends_with(b"\n");
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text.trim(),
            Err(_) => {
                found.damaged.push(number);
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let Ok(head) = serde_json::from_str::<Head>(text) else {
            found.damaged.push(number);
            continue;
        };
        let broken = std::cell::Cell::new(false);
        let full = |asked: bool| -> Line {
            if !asked {
                return Line::NotAsked;
            }
            match serde_json::from_str::<LineIn>(text) {
                // Known by its task id, or (one of a task's several objects) by task id and
                // object.
                Ok(full)
                    if full.record.task_id == head.id
                        || full.record.object.as_ref().is_some_and(|object| {
                            head.id == crate::ingest::object_id(&full.record.task_id, object)
                        }) =>
                {
                    Line::Full(Box::new(full))
                }
                _ => {
                    broken.set(true);
                    Line::Broken
                }
            }
        };
        each(&head, &full);
        if broken.get() {
            found.damaged.push(number);
        }
    }
    Ok(found)
}

/// Keeps a parsed line: as the last version of a `wanted` result, and in the history of one
/// whose `history` was asked for.
fn keep(
    head: &Head<'_>,
    full: LineIn,
    wanted: &dyn Fn(&str) -> bool,
    history: &dyn Fn(&str) -> bool,
    snapshots: &mut HashMap<String, Arc<Record>>,
    versions: &mut HashMap<String, Vec<Version>>,
) {
    let alone = full.record.task_id == head.id;
    let record = Arc::new(sanitized(full.record, alone));
    if history(&head.id) {
        versions
            .entry(head.id.to_string())
            .or_default()
            .push(Version {
                digest: head.digest.to_string(),
                archived_on: full.archived_on,
                record: Arc::clone(&record),
            });
    }
    if wanted(&head.id) {
        snapshots.insert(head.id.to_string(), record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, result: &str) -> Arc<Record> {
        Arc::new(Record {
            task_id: id.into(),
            own_id: None,
            object: None,
            class: Default::default(),
            task_name: "".into(),
            inspection_type: "".into(),
            slug: crate::url::task_slug(id),
            unit: "坪山管理局".into(),
            category: "重点排污单位".into(),
            matter: "排污许可".into(),
            entity: "某公司".into(),
            credit_code: "91440300192317458F".into(),
            address: "".into(),
            inspectors: "张三".into(),
            start: None,
            end: NaiveDate::from_ymd_opt(2025, 9, 26),
            result: result.into(),
            handling: "".into(),
            joint: false,
            joint_departments: "".into(),
            no_joint_column: false,
            quarter: Some("2025Q3".parse().unwrap()),
        })
    }

    #[test]
    fn the_last_version_comes_back_and_the_file_only_grows() {
        let site = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let empty = Archive::load(site.path(), &|_| true, &|_| false).unwrap();
        empty
            .append(
                &[
                    Snapshot {
                        record: record("A-1", "未发现问题"),
                        digest: "0000000000000001".into(),
                    },
                    Snapshot {
                        record: record("B-1", "未发现问题"),
                        digest: "0000000000000002".into(),
                    },
                ],
                today,
                false,
            )
            .unwrap();
        let first = std::fs::read(site.path().join(ARCHIVE_FILE)).unwrap();
        let archive = Archive::load(site.path(), &|id| id == "A-1", &|_| false).unwrap();
        assert!(archive.holds("A-1", "0000000000000001"));
        assert!(archive.holds("B-1", "0000000000000002"));
        assert!(archive.snapshot("B-1").is_none(), "only what was asked for");
        let a = archive.snapshot("A-1").unwrap();
        assert_eq!(&*a.result, "未发现问题");
        assert_eq!(&*a.inspectors, "", "inspectors only where published");
        archive
            .append(
                &[Snapshot {
                    record: record("A-1", "发现问题经责令已改正"),
                    digest: "0000000000000003".into(),
                }],
                today,
                false,
            )
            .unwrap();
        let second = std::fs::read(site.path().join(ARCHIVE_FILE)).unwrap();
        assert!(second.starts_with(&first));
        let archive = Archive::load(site.path(), &|_| true, &|_| false).unwrap();
        assert!(!archive.holds("A-1", "0000000000000001"));
        assert!(archive.holds("A-1", "0000000000000003"));
        assert_eq!(
            &*archive.snapshot("A-1").unwrap().result,
            "发现问题经责令已改正"
        );
    }

    /// A hand-edited line cannot choose where its page goes, nor publish a personal number.
    #[test]
    fn an_edited_line_is_held_to_what_an_export_would_give() {
        let site = tempfile::tempdir().unwrap();
        let path = site.path().join(ARCHIVE_FILE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut line = serde_json::to_value(LineOut {
            id: "A-1",
            digest: "0000000000000001",
            archived_on: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            record: &record("A-1", "未发现问题"),
        })
        .unwrap();
        line["record"]["slug"] = "../../../etc".into();
        line["record"]["handling"] = "联系13812345678\u{0}".into();
        line["record"]["credit_code"] = "914403001922038216".into();
        let mut other = line.clone();
        other["id"] = "B-1".into();
        std::fs::write(&path, format!("{line}\n{other}\n")).unwrap();
        let archive = Archive::load(site.path(), &|_| true, &|_| false).unwrap();
        let a = archive.snapshot("A-1").unwrap();
        assert_eq!(a.slug, "a-1");
        assert_eq!(&*a.handling, "联系138****5678");
        assert_eq!(
            &*a.credit_code, "914403001922038216",
            "a valid credit code stays"
        );
        assert!(
            archive.snapshot("B-1").is_none(),
            "a line whose id is not its record's"
        );
        assert_eq!(archive.damaged, [2]);
    }

    #[test]
    fn a_write_cut_short_is_skipped_and_closed() {
        let site = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let snapshot = |id| Snapshot {
            record: record(id, "未发现问题"),
            digest: "0000000000000001".into(),
        };
        Archive::load(site.path(), &|_| true, &|_| false)
            .unwrap()
            .append(&[snapshot("A-1")], today, true)
            .unwrap();
        let path = site.path().join(ARCHIVE_FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(b"{\"id\":\"B-1\",\"dig");
        std::fs::write(&path, &bytes).unwrap();
        let archive = Archive::load(site.path(), &|_| true, &|_| false).unwrap();
        assert_eq!(archive.damaged, [2]);
        archive.append(&[snapshot("C-1")], today, true).unwrap();
        let archive = Archive::load(site.path(), &|_| true, &|_| false).unwrap();
        assert_eq!(archive.damaged, [2]);
        assert!(archive.snapshot("C-1").is_some() && archive.snapshot("A-1").is_some());
        assert_eq!(&*archive.snapshot("A-1").unwrap().inspectors, "张三");
    }
}
