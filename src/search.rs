//! The search index: finds a company by any run of characters of its name (a phrase match, which
//! word segmentation can miss), by its credit code, or by a task id, with no server, in a few
//! small files a phone can afford at a province's scale.
//!
//! A query's answer comes from at most a handful of small files, never from the whole index:
//!
//! - **Frequent phrases** (in at least [`threshold`] companies' names, such as 有限公司 or 五金)
//!   have their answer stored: how many companies, and the first page of them.
//! - **Every other phrase** contains a *minimal infrequent gram* (a run of characters in fewer
//!   than [`threshold`] names whose every shorter run is frequent). Each such gram's complete
//!   list of companies is stored with their names, so the browser checks the whole phrase itself
//!   and the answer is exact.
//! - `dict.bin` lists the frequent phrases (as the longest ones, whose every part is frequent
//!   too), so the browser knows which kind its query is, and which gram to fetch.
//! - Credit codes and task ids are exact keys in their own tables.
//!
//! Files are JSON compressed with gzip (servers need not compress them; browsers decompress with
//! `DecompressionStream`), spread over shards by a hash of their key that `search.js` computes
//! the same way ([`shard_of`]). Shard counts grow with the site in powers of two, so a rebuild
//! with a company changed rewrites only the shards that hold it.

use std::io::Write;

use chrono::NaiveDate;
use hashbrown::HashMap;

/// Companies a phrase's name matches from which its answer is stored rather than its
/// companies: a cold query's gram file holds fewer names than this. A sixteenth of the
/// companies, between 32 and 1000: a small site's files stay small, and a province's frequent
/// phrases stay few.
pub fn threshold(companies: usize) -> usize {
    (companies / 16).clamp(32, 1000)
}

/// Results shown at once, as `search.js` shows them.
pub const PAGE: usize = 20;

/// One company as the search shows it.
pub struct Company<'a> {
    /// Its page, `entities/<id>/`.
    pub id: String,
    pub name: &'a str,
    pub credit_code: &'a str,
    /// The latest inspection's end and result.
    pub latest: Option<NaiveDate>,
    pub result: &'a str,
    pub task_ids: Vec<&'a str>,
}

/// A file of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFile {
    /// The frequent phrases and the shard counts.
    Dict,
    /// Answers and gram lists, by a hash of the phrase.
    Grams(u32),
    /// Companies by page id.
    Companies(u32),
    /// Page ids by task id (and by a credit code that is not a page id): a list, as a task
    /// can have several companies.
    Keys(u32),
}

impl SearchFile {
    /// Its path under the output folder.
    pub fn path(self) -> String {
        match self {
            SearchFile::Dict => "search/dict.bin".into(),
            SearchFile::Grams(n) => format!("search/g/{n:x}.bin"),
            SearchFile::Companies(n) => format!("search/c/{n:x}.bin"),
            SearchFile::Keys(n) => format!("search/k/{n:x}.bin"),
        }
    }
}

struct Gram {
    text: String,
    count: u32,
    /// Every company's ordinal for an infrequent gram; the first [`PAGE`] for a frequent one.
    ordinals: Vec<u32>,
}

/// The index, made once per build; each file is made from it on demand.
pub struct SearchIndex<'a> {
    companies: Vec<Company<'a>>,
    threshold: usize,
    results: Vec<&'a str>,
    result_of: Vec<u32>,
    grams: Vec<Gram>,
    /// The longest frequent phrases, each between newlines.
    frequent: String,
    gram_shards: Vec<Vec<u32>>,
    company_shards: Vec<Vec<u32>>,
    /// Task ids and odd credit codes as the exports give them, with their company.
    key_shards: Vec<Vec<(&'a str, u32)>>,
    /// The characters of task ids and keys: a query with any other cannot be one.
    key_alphabet: String,
}

/// A query's and a name's common form: no whitespace (JavaScript's `\s`), upper case.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_js_space(c))
        .flat_map(char::to_uppercase)
        .collect()
}

fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// FNV-1a over UTF-16 code units, as `search.js` computes it.
pub fn hash(key: &str) -> u32 {
    key.encode_utf16().fold(0x811c_9dc5u32, |h, unit| {
        (h ^ u32::from(unit)).wrapping_mul(0x0100_0193)
    })
}

fn shard_of(key: &str, shards: usize) -> usize {
    hash(key) as usize % shards
}

/// A power of two near `n / per`, at least 1.
fn shard_count(n: usize, per: usize) -> usize {
    (n / per).max(1).next_power_of_two()
}

impl<'a> SearchIndex<'a> {
    /// Indexes `companies`, in the order results are listed.
    pub fn new(mut companies: Vec<Company<'a>>) -> SearchIndex<'a> {
        let names: Vec<Vec<char>> = companies
            .iter()
            .map(|c| normalize(c.name).chars().collect())
            .collect();
        let threshold = threshold(companies.len());
        let (grams, frequent) = grams(&names, threshold);
        drop(names);

        let mut results: Vec<&str> = Vec::new();
        let mut result_index: HashMap<&str, u32> = HashMap::new();
        let result_of = companies
            .iter()
            .map(|c| {
                *result_index.entry(c.result).or_insert_with(|| {
                    results.push(c.result);
                    results.len() as u32 - 1
                })
            })
            .collect();

        let gram_count = shard_count(companies.len(), 40);
        let mut gram_shards = vec![Vec::new(); gram_count];
        for (i, gram) in grams.iter().enumerate() {
            gram_shards[shard_of(&gram.text, gram_count)].push(i as u32);
        }
        let company_count = shard_count(companies.len(), 80);
        let mut company_shards = vec![Vec::new(); company_count];
        for (i, company) in companies.iter().enumerate() {
            company_shards[shard_of(&company.id, company_count)].push(i as u32);
        }
        let tasks: usize = companies.iter().map(|c| c.task_ids.len()).sum();
        let key_count = shard_count(tasks, 160);
        let mut key_shards = vec![Vec::new(); key_count];
        let mut alphabet = std::collections::BTreeSet::new();
        for (i, company) in companies.iter_mut().enumerate() {
            let task_ids = std::mem::take(&mut company.task_ids);
            let code = normalize(company.credit_code);
            let code_is_id = company.id.eq_ignore_ascii_case(&code);
            let sources = task_ids
                .into_iter()
                .chain((!code.is_empty() && !code_is_id).then_some(company.credit_code));
            for source in sources {
                let key = normalize(source);
                if key.is_empty() {
                    continue;
                }
                alphabet.extend(key.chars());
                key_shards[shard_of(&key, key_count)].push((source, i as u32));
            }
        }
        SearchIndex {
            companies,
            threshold,
            results,
            result_of,
            grams,
            frequent,
            gram_shards,
            company_shards,
            key_shards,
            key_alphabet: alphabet.into_iter().collect(),
        }
    }

    /// Every file of the index.
    pub fn files(&self) -> impl Iterator<Item = SearchFile> + '_ {
        std::iter::once(SearchFile::Dict)
            .chain((0..self.gram_shards.len() as u32).map(SearchFile::Grams))
            .chain((0..self.company_shards.len() as u32).map(SearchFile::Companies))
            .chain((0..self.key_shards.len() as u32).map(SearchFile::Keys))
    }

    /// `file` as JSON, before compression.
    pub fn json(&self, file: SearchFile) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 * 1024);
        match file {
            SearchFile::Dict => {
                let dict = serde_json::json!({
                    "v": 1,
                    "t": self.threshold,
                    "p": PAGE,
                    "n": self.companies.len(),
                    "g": self.gram_shards.len(),
                    "c": self.company_shards.len(),
                    "k": self.key_shards.len(),
                    "a": self.key_alphabet,
                    "r": self.results,
                    "f": self.frequent,
                });
                serde_json::to_writer(&mut out, &dict).expect("JSON in memory");
            }
            SearchFile::Grams(n) => {
                out.push(b'{');
                for (i, &g) in self.gram_shards[n as usize].iter().enumerate() {
                    let gram = &self.grams[g as usize];
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(&mut out, &gram.text);
                    let _ = write!(out, ":[{},[", gram.count);
                    for (j, &ordinal) in gram.ordinals.iter().enumerate() {
                        if j > 0 {
                            out.push(b',');
                        }
                        self.write_record(&mut out, ordinal);
                    }
                    out.extend_from_slice(b"]]");
                }
                out.push(b'}');
            }
            SearchFile::Companies(n) => {
                out.push(b'{');
                for (i, &ordinal) in self.company_shards[n as usize].iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(&mut out, &self.companies[ordinal as usize].id);
                    out.push(b':');
                    self.write_record(&mut out, ordinal);
                }
                out.push(b'}');
            }
            SearchFile::Keys(n) => {
                let mut keys: Vec<(String, u32)> = self.key_shards[n as usize]
                    .iter()
                    .map(|&(source, ordinal)| (normalize(source), ordinal))
                    .collect();
                keys.sort_unstable();
                keys.dedup();
                // A task with several companies: its id leads to each of them.
                out.push(b'{');
                for (i, group) in keys.chunk_by(|a, b| a.0 == b.0).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(&mut out, &group[0].0);
                    out.extend_from_slice(b":[");
                    for (j, (_, ordinal)) in group.iter().enumerate() {
                        if j > 0 {
                            out.push(b',');
                        }
                        write_str(&mut out, &self.companies[*ordinal as usize].id);
                    }
                    out.push(b']');
                }
                out.push(b'}');
            }
        }
        out
    }

    /// `[ordinal, name, credit code, latest end, result's index]`, and the page id when it is
    /// not the credit code in lower case.
    fn write_record(&self, out: &mut Vec<u8>, ordinal: u32) {
        let company = &self.companies[ordinal as usize];
        let _ = write!(out, "[{ordinal},");
        write_str(out, company.name);
        out.push(b',');
        write_str(out, company.credit_code);
        out.push(b',');
        let date = company.latest.map(|d| d.to_string()).unwrap_or_default();
        write_str(out, &date);
        let _ = write!(out, ",{}", self.result_of[ordinal as usize]);
        if !company.id.eq_ignore_ascii_case(company.credit_code) {
            out.push(b',');
            write_str(out, &company.id);
        }
        out.push(b']');
    }

    /// `file` as it is written: gzip, made the same way each time (no name, no time).
    pub fn write(json: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        let mut encoder = flate2::GzBuilder::new()
            .mtime(0)
            .write(out, flate2::Compression::new(6));
        encoder.write_all(json)?;
        encoder.finish()?;
        Ok(())
    }
}

fn write_str(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("JSON in memory");
}

/// The grams to store (frequent phrases with their first page, minimal infrequent grams with
/// all their companies) and the longest frequent phrases, level by level: a run of `k`
/// characters is a candidate only where both its runs of `k - 1` are frequent.
fn grams(names: &[Vec<char>], threshold: usize) -> (Vec<Gram>, String) {
    const NONE: u32 = u32::MAX;
    struct Candidate {
        text: String,
        /// The candidate one character shorter at either end (previous level's ids).
        prefix: u32,
        suffix: u32,
        count: u32,
        last: u32,
        ordinals: Vec<u32>,
        frequent: bool,
        /// A longer frequent phrase contains it.
        extended: bool,
    }
    let mut out = Vec::new();
    let mut longest = Vec::new();
    // For each name and start, the frequent phrase of the current length there (or NONE).
    let mut at: Vec<Vec<u32>> = names.iter().map(|n| vec![NONE; n.len()]).collect();
    let mut previous: Vec<Candidate> = Vec::new();
    for length in 1.. {
        let mut level: Vec<Candidate> = Vec::new();
        let mut ids: HashMap<(u32, char), u32> = HashMap::new();
        let mut next: Vec<Vec<u32>> = Vec::with_capacity(names.len());
        for (ordinal, name) in names.iter().enumerate() {
            let ordinal = ordinal as u32;
            let here = &at[ordinal as usize];
            let starts = (name.len() + 1).saturating_sub(length);
            let mut found = vec![NONE; starts];
            for (start, slot) in found.iter_mut().enumerate() {
                let (prefix, suffix) = if length == 1 {
                    (NONE, NONE)
                } else {
                    (here[start], here[start + 1])
                };
                if length > 1 && (prefix == NONE || suffix == NONE) {
                    continue;
                }
                let last = name[start + length - 1];
                let id = *ids.entry((prefix, last)).or_insert_with(|| {
                    let mut text = if prefix == NONE {
                        String::new()
                    } else {
                        previous[prefix as usize].text.clone()
                    };
                    text.push(last);
                    level.push(Candidate {
                        text,
                        prefix,
                        suffix,
                        count: 0,
                        last: NONE,
                        ordinals: Vec::new(),
                        frequent: false,
                        extended: false,
                    });
                    level.len() as u32 - 1
                });
                let candidate = &mut level[id as usize];
                if candidate.last != ordinal {
                    candidate.last = ordinal;
                    candidate.count += 1;
                    if candidate.ordinals.len() < threshold {
                        candidate.ordinals.push(ordinal);
                    }
                }
                *slot = id;
            }
            next.push(found);
        }
        let mut any_frequent = false;
        for candidate in &mut level {
            candidate.frequent = candidate.count as usize >= threshold;
            if candidate.frequent {
                any_frequent = true;
                candidate.ordinals.truncate(crate::search::PAGE);
                for shorter in [candidate.prefix, candidate.suffix] {
                    if shorter != NONE {
                        previous[shorter as usize].extended = true;
                    }
                }
            }
        }
        for candidate in previous.drain(..) {
            if candidate.frequent && !candidate.extended {
                longest.push(candidate.text.clone());
            }
            out.push(Gram {
                text: candidate.text,
                count: candidate.count,
                ordinals: candidate.ordinals,
            });
        }
        for found in &mut next {
            for id in found.iter_mut() {
                if *id != NONE && !level[*id as usize].frequent {
                    *id = NONE;
                }
            }
        }
        at = next;
        previous = level;
        if !any_frequent {
            break;
        }
    }
    for candidate in previous {
        out.push(Gram {
            text: candidate.text,
            count: candidate.count,
            ordinals: candidate.ordinals,
        });
    }
    longest.sort();
    let mut frequent = String::from("\n");
    for text in longest {
        frequent.push_str(&text);
        frequent.push('\n');
    }
    (out, frequent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company<'a>(id: &'a str, name: &'a str) -> Company<'a> {
        Company {
            id: id.to_string(),
            name,
            credit_code: "",
            latest: None,
            result: "未发现问题",
            task_ids: vec![id],
        }
    }

    #[test]
    fn the_hash_is_fnv1a_over_utf16() {
        // Values from the reference FNV-1a 32 on the UTF-16 code units.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
    }

    #[test]
    fn whitespace_goes_and_letters_go_up() {
        assert_eq!(normalize(" 深圳 市\u{3000}abc\tß "), "深圳市ABCSS");
    }

    #[test]
    fn a_small_site_stores_every_gram_with_all_its_companies() {
        let index = SearchIndex::new(vec![company("a", "达创电子"), company("b", "达创五金")]);
        let texts: Vec<&str> = index.grams.iter().map(|g| g.text.as_str()).collect();
        // Nothing is frequent: every character is a minimal infrequent gram.
        assert_eq!(index.frequent, "\n");
        assert!(texts.contains(&"达") && texts.contains(&"金"));
        let da = index.grams.iter().find(|g| g.text == "达").unwrap();
        assert_eq!((da.count, da.ordinals.clone()), (2, vec![0, 1]));
    }
}
