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
//! the same way ([`hash`]). Shard counts grow with the site in powers of two, so a rebuild with a
//! company changed rewrites only the shards that hold it. A gram shard that would hold more than
//! [`part_limit`] companies is split in parts by more bits of the same hash, which `dict.bin`
//! names: the hash spreads grams evenly, not their lists, and a few long lists can meet.
//!
//! The index keeps only ordinals: the site model holds the companies ([`Companies`]), and each
//! file is made from both when it is written.

use std::io::Write;

use chrono::NaiveDate;
use hashbrown::HashMap;

/// Companies a phrase's name matches from which its answer is stored rather than its
/// companies. A sixteenth of the companies, between 32 and 1000: a small site's files stay
/// small, and a province's frequent phrases stay few.
pub fn threshold(companies: usize) -> usize {
    (companies / 16).clamp(32, 1000)
}

/// The most companies a gram file lists (twice the [`threshold`]): a gram's own list is
/// shorter than the threshold, so a shard split fine enough always gets under it.
pub fn part_limit(threshold: usize) -> usize {
    2 * threshold
}

/// Results shown at once, as `search.js` shows them.
pub const PAGE: usize = 20;

/// One company as the search shows it.
pub struct Company<'a> {
    /// Its page, `entities/<id>/`.
    pub id: &'a str,
    pub name: &'a str,
    pub credit_code: &'a str,
    /// The latest inspection's end and result.
    pub latest: Option<NaiveDate>,
    pub result: &'a str,
}

/// The companies to index, by ordinal: their order in the results.
pub trait Companies {
    fn count(&self) -> usize;
    fn company(&self, ordinal: u32) -> Company<'_>;
    /// The company's `n`th task id, from 0 until there is none.
    fn task_id(&self, ordinal: u32, n: usize) -> Option<&str>;
}

/// A file of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFile {
    /// The frequent phrases and the shard counts.
    Dict,
    /// Answers and gram lists, by a hash of the phrase: a shard, or one of its `parts`.
    Grams { shard: u32, part: u32, parts: u32 },
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
            SearchFile::Grams {
                shard, parts: 1, ..
            } => format!("search/g/{shard:x}.bin"),
            SearchFile::Grams { shard, part, .. } => format!("search/g/{shard:x}-{part:x}.bin"),
            SearchFile::Companies(n) => format!("search/c/{n:x}.bin"),
            SearchFile::Keys(n) => format!("search/k/{n:x}.bin"),
        }
    }
}

struct Gram {
    text: String,
    count: u32,
    /// Every company's ordinal for an infrequent gram; the first [`PAGE`] for a frequent one.
    ordinals: Box<[u32]>,
}

/// The source of a key: a task id of the company (its `n`), or its credit code.
const CREDIT_CODE: u32 = u32::MAX;

/// The index, made once per build; each file is made from it and the companies on demand.
pub struct SearchIndex {
    companies: usize,
    threshold: usize,
    results: Vec<String>,
    /// Each company's record, as [`write_record`] writes it:
    /// `records[record_starts[ordinal]..record_starts[ordinal + 1]]`.
    records: Vec<u8>,
    record_starts: Vec<usize>,
    grams: Vec<Gram>,
    /// The longest frequent phrases, each between newlines.
    frequent: String,
    gram_shards: Vec<Vec<u32>>,
    /// The shards split in parts, and in how many (a power of two).
    gram_parts: std::collections::BTreeMap<u32, u32>,
    company_shards: Vec<Vec<u32>>,
    /// Keys by shard: `keys[key_starts[n]..key_starts[n + 1]]`, each (ordinal, source).
    key_starts: Vec<u32>,
    keys: Vec<(u32, u32)>,
    /// The characters of task ids and keys: a query with any other cannot be one.
    key_alphabet: String,
}

/// A query's and a name's common form: no whitespace (JavaScript's `\s`), upper case.
pub fn normalize(text: &str) -> String {
    normalized(text).collect()
}

fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|&c| !is_js_space(c))
        .flat_map(char::to_uppercase)
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

/// The part of a split shard: the hash's bits above the shard's.
fn part_of(hash: u32, shards: usize, parts: u32) -> u32 {
    (hash as usize / shards) as u32 % parts
}

/// A power of two near `n / per`, at least 1.
fn shard_count(n: usize, per: usize) -> usize {
    (n / per).max(1).next_power_of_two()
}

impl SearchIndex {
    /// Indexes `companies`.
    pub fn new(companies: &impl Companies) -> SearchIndex {
        let count = companies.count();
        let threshold = threshold(count);
        let (grams, frequent) = {
            let mut chars = Vec::new();
            let mut starts = Vec::with_capacity(count + 1);
            for ordinal in 0..count as u32 {
                starts.push(chars.len() as u32);
                chars.extend(normalized(companies.company(ordinal).name));
            }
            starts.push(chars.len() as u32);
            grams(&chars, &starts, threshold)
        };

        // In text order, so that a new company shifts no result's index (and rewrites no file
        // it is not in) unless it brings a result no company had.
        let results: Vec<String> = (0..count as u32)
            .map(|ordinal| companies.company(ordinal).result)
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        // Each record is made once: a file lists a company once per gram of its name, and most
        // of a build's files are unchanged and made only to be fingerprinted.
        let mut records = Vec::with_capacity(count * 96);
        let mut record_starts = Vec::with_capacity(count + 1);
        for ordinal in 0..count as u32 {
            record_starts.push(records.len());
            write_record(&mut records, &companies.company(ordinal), &results);
        }
        record_starts.push(records.len());

        let gram_count = shard_count(count, 40);
        let mut gram_shards = vec![Vec::new(); gram_count];
        for (i, gram) in grams.iter().enumerate() {
            gram_shards[shard_of(&gram.text, gram_count)].push(i as u32);
        }
        // Grams come in the order the names first have them; a file lists them by text, so that
        // a new name reorders no file it is not in.
        for shard in &mut gram_shards {
            shard.sort_unstable_by(|&a, &b| grams[a as usize].text.cmp(&grams[b as usize].text));
        }
        let limit = part_limit(threshold);
        let mut gram_parts = std::collections::BTreeMap::new();
        for (shard, list) in gram_shards.iter().enumerate() {
            let hashes: Vec<(u32, usize)> = list
                .iter()
                .map(|&g| {
                    let gram = &grams[g as usize];
                    (hash(&gram.text), gram.ordinals.len())
                })
                .collect();
            let mut parts = 1u32;
            // Two grams never share every bit of a hash that differs: the loop ends there.
            while parts < 1 << 16 {
                let mut sizes = vec![0usize; parts as usize];
                for &(h, len) in &hashes {
                    sizes[part_of(h, gram_count, parts) as usize] += len;
                }
                if sizes.iter().all(|&size| size <= limit) {
                    break;
                }
                parts *= 2;
            }
            if parts > 1 {
                gram_parts.insert(shard as u32, parts);
            }
        }

        let company_count = shard_count(count, 80);
        let mut company_shards = vec![Vec::new(); company_count];
        for ordinal in 0..count as u32 {
            let id = companies.company(ordinal).id;
            company_shards[shard_of(id, company_count)].push(ordinal);
        }

        // Keys in two passes, so that they take no more room than they need: their shards
        // first, then the keys in the shards' order. Only the first pass normalizes them.
        let mut ascii = [false; 128];
        let mut other = std::collections::BTreeSet::new();
        let mut key_shard: Vec<u32> = Vec::new();
        let key_sources = |ordinal: u32| {
            let company = companies.company(ordinal);
            let code_is_id = normalized(company.credit_code)
                .map(|c| c.to_ascii_lowercase())
                .eq(company.id.chars().map(|c| c.to_ascii_lowercase()));
            (0u32..)
                .map_while(move |n| companies.task_id(ordinal, n as usize).map(|id| (n, id)))
                .chain((!code_is_id).then_some((CREDIT_CODE, company.credit_code)))
                .filter(|(_, text)| normalized(text).next().is_some())
        };
        let tasks: usize = (0..count as u32)
            .map(|o| {
                (0..)
                    .take_while(|&n| companies.task_id(o, n).is_some())
                    .count()
            })
            .sum();
        let key_count = shard_count(tasks, 160);
        let mut sizes = vec![0u32; key_count];
        let mut key = String::new();
        for ordinal in 0..count as u32 {
            for (_, text) in key_sources(ordinal) {
                key.clear();
                key.extend(normalized(text));
                for c in key.chars() {
                    match ascii.get_mut(c as usize) {
                        Some(seen) => *seen = true,
                        None => {
                            other.insert(c);
                        }
                    }
                }
                let shard = shard_of(&key, key_count);
                sizes[shard] += 1;
                key_shard.push(shard as u32);
            }
        }
        let alphabet: String = (0..128u8)
            .filter(|&c| ascii[c as usize])
            .map(char::from)
            .chain(other)
            .collect();
        let mut key_starts = Vec::with_capacity(key_count + 1);
        let mut start = 0u32;
        for size in &sizes {
            key_starts.push(start);
            start += size;
        }
        key_starts.push(start);
        let mut filled = key_starts.clone();
        let mut keys = vec![(0u32, 0u32); start as usize];
        let mut shards = key_shard.into_iter();
        for ordinal in 0..count as u32 {
            for (source, _) in key_sources(ordinal) {
                let shard = shards.next().expect("the same keys twice") as usize;
                keys[filled[shard] as usize] = (ordinal, source);
                filled[shard] += 1;
            }
        }

        SearchIndex {
            companies: count,
            threshold,
            results,
            records,
            record_starts,
            grams,
            frequent,
            gram_shards,
            gram_parts,
            company_shards,
            key_starts,
            keys,
            key_alphabet: alphabet,
        }
    }

    /// Every file of the index.
    pub fn files(&self) -> impl Iterator<Item = SearchFile> + '_ {
        let grams = (0..self.gram_shards.len() as u32).flat_map(|shard| {
            let parts = self.gram_parts.get(&shard).copied().unwrap_or(1);
            (0..parts).map(move |part| SearchFile::Grams { shard, part, parts })
        });
        std::iter::once(SearchFile::Dict)
            .chain(grams)
            .chain((0..self.company_shards.len() as u32).map(SearchFile::Companies))
            .chain((0..self.key_starts.len() as u32 - 1).map(SearchFile::Keys))
    }

    /// `file` as JSON, before compression.
    pub fn json(&self, file: SearchFile, companies: &impl Companies) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 * 1024);
        match file {
            SearchFile::Dict => {
                let parts: serde_json::Map<String, serde_json::Value> = self
                    .gram_parts
                    .iter()
                    .map(|(shard, &parts)| (format!("{shard:x}"), parts.into()))
                    .collect();
                let dict = serde_json::json!({
                    "v": 1,
                    "t": self.threshold,
                    "p": PAGE,
                    "n": self.companies,
                    "g": self.gram_shards.len(),
                    "s": parts,
                    "c": self.company_shards.len(),
                    "k": self.key_starts.len() - 1,
                    "a": self.key_alphabet,
                    "r": self.results,
                    "f": self.frequent,
                });
                serde_json::to_writer(&mut out, &dict).expect("JSON in memory");
            }
            SearchFile::Grams { shard, part, parts } => {
                let shards = self.gram_shards.len();
                out.push(b'{');
                let grams = self.gram_shards[shard as usize]
                    .iter()
                    .map(|&g| &self.grams[g as usize])
                    .filter(|gram| part_of(hash(&gram.text), shards, parts) == part);
                for (i, gram) in grams.enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(&mut out, &gram.text);
                    let _ = write!(out, ":[{},[", gram.count);
                    for (j, &ordinal) in gram.ordinals.iter().enumerate() {
                        if j > 0 {
                            out.push(b',');
                        }
                        self.push_record(&mut out, ordinal);
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
                    write_str(&mut out, companies.company(ordinal).id);
                    out.push(b':');
                    self.push_record(&mut out, ordinal);
                }
                out.push(b'}');
            }
            SearchFile::Keys(n) => {
                let range =
                    self.key_starts[n as usize] as usize..self.key_starts[n as usize + 1] as usize;
                let mut keys: Vec<(String, u32)> = self.keys[range]
                    .iter()
                    .map(|&(ordinal, source)| {
                        let text = if source == CREDIT_CODE {
                            companies.company(ordinal).credit_code
                        } else {
                            companies
                                .task_id(ordinal, source as usize)
                                .unwrap_or_default()
                        };
                        (normalize(text), ordinal)
                    })
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
                        write_str(&mut out, companies.company(*ordinal).id);
                    }
                    out.push(b']');
                }
                out.push(b'}');
            }
        }
        out
    }

    fn push_record(&self, out: &mut Vec<u8>, ordinal: u32) {
        let ordinal = ordinal as usize;
        out.extend_from_slice(
            &self.records[self.record_starts[ordinal]..self.record_starts[ordinal + 1]],
        );
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

/// `[name, credit code, latest end, result's index in results]`, and the page id when it is not
/// the credit code in lower case. Lists hold records in list order, but no record holds its
/// place in it: a new company would shift every place after its own, and so rewrite nearly every
/// file of the index.
fn write_record(out: &mut Vec<u8>, company: &Company, results: &[String]) {
    out.push(b'[');
    write_str(out, company.name);
    out.push(b',');
    write_str(out, company.credit_code);
    out.push(b',');
    let date = company.latest.map(|d| d.to_string()).unwrap_or_default();
    write_str(out, &date);
    let result = results
        .binary_search_by(|r| r.as_str().cmp(company.result))
        .expect("every result is listed");
    let _ = write!(out, ",{result}");
    if !company.id.eq_ignore_ascii_case(company.credit_code) {
        out.push(b',');
        write_str(out, company.id);
    }
    out.push(b']');
}

fn write_str(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("JSON in memory");
}

/// The grams to store (frequent phrases with their first page, minimal infrequent grams with
/// all their companies) and the longest frequent phrases, level by level: a run of `k`
/// characters is a candidate only where both its runs of `k - 1` are frequent. The names are
/// `chars[starts[i]..starts[i + 1]]`; each level counts its candidates first and then lists
/// their companies, so that every list is allocated once at its size.
fn grams(chars: &[char], starts: &[u32], threshold: usize) -> (Vec<Gram>, String) {
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
    let names = starts.len() - 1;
    let name = |ordinal: usize| starts[ordinal] as usize..starts[ordinal + 1] as usize;
    let mut out = Vec::new();
    let mut longest = Vec::new();
    // For each position, the frequent phrase of the current length that starts there (or NONE).
    let mut at: Vec<u32> = vec![NONE; chars.len()];
    let mut next: Vec<u32> = vec![NONE; chars.len()];
    let mut previous: Vec<Candidate> = Vec::new();
    for length in 1.. {
        let mut level: Vec<Candidate> = Vec::new();
        let mut ids: HashMap<(u32, char), u32> = HashMap::new();
        for ordinal in 0..names {
            let range = name(ordinal);
            let ordinal = ordinal as u32;
            if range.len() < length {
                continue;
            }
            for start in range.start..=range.end - length {
                let (prefix, suffix) = if length == 1 {
                    (NONE, NONE)
                } else {
                    (at[start], at[start + 1])
                };
                if length > 1 && (prefix == NONE || suffix == NONE) {
                    continue;
                }
                let last = chars[start + length - 1];
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
                }
                next[start] = id;
            }
        }
        drop(ids);
        let mut any_frequent = false;
        for candidate in &mut level {
            candidate.frequent = candidate.count as usize >= threshold;
            candidate.last = NONE;
            if candidate.frequent {
                any_frequent = true;
                candidate.ordinals.reserve_exact(PAGE);
                for shorter in [candidate.prefix, candidate.suffix] {
                    if shorter != NONE {
                        previous[shorter as usize].extended = true;
                    }
                }
            } else {
                candidate.ordinals.reserve_exact(candidate.count as usize);
            }
        }
        // The companies of each candidate, and which frequent phrase starts where.
        for ordinal in 0..names {
            for id in &mut next[name(ordinal)] {
                if *id == NONE {
                    continue;
                }
                let candidate = &mut level[*id as usize];
                if candidate.last != ordinal as u32 {
                    candidate.last = ordinal as u32;
                    if !candidate.frequent || candidate.ordinals.len() < PAGE {
                        candidate.ordinals.push(ordinal as u32);
                    }
                }
                if !candidate.frequent {
                    *id = NONE;
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
                ordinals: candidate.ordinals.into_boxed_slice(),
            });
        }
        std::mem::swap(&mut at, &mut next);
        next.fill(NONE);
        previous = level;
        if !any_frequent {
            break;
        }
    }
    for candidate in previous {
        out.push(Gram {
            text: candidate.text,
            count: candidate.count,
            ordinals: candidate.ordinals.into_boxed_slice(),
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

    /// Companies as (page id, name), each with one task of its page id.
    struct List(Vec<(&'static str, &'static str)>);

    impl Companies for List {
        fn count(&self) -> usize {
            self.0.len()
        }
        fn company(&self, ordinal: u32) -> Company<'_> {
            let (id, name) = self.0[ordinal as usize];
            Company {
                id,
                name,
                credit_code: "",
                latest: None,
                result: "未发现问题",
            }
        }
        fn task_id(&self, ordinal: u32, n: usize) -> Option<&str> {
            (n == 0).then_some(self.0[ordinal as usize].0)
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
        let index = SearchIndex::new(&List(vec![("a", "达创电子"), ("b", "达创五金")]));
        let texts: Vec<&str> = index.grams.iter().map(|g| g.text.as_str()).collect();
        // Nothing is frequent: every character is a minimal infrequent gram.
        assert_eq!(index.frequent, "\n");
        assert!(texts.contains(&"达") && texts.contains(&"金"));
        let da = index.grams.iter().find(|g| g.text == "达").unwrap();
        assert_eq!((da.count, &*da.ordinals), (2, &[0, 1][..]));
    }

    /// Names of `len` characters from `alphabet`, by a fixed linear congruential sequence.
    fn names(count: usize, len: usize, alphabet: &[char]) -> Vec<(&'static str, &'static str)> {
        let mut state = 12345u64;
        (0..count)
            .map(|i| {
                let name: String = (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        alphabet[(state >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                let id: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                (id, &*Box::leak(name.into_boxed_str()))
            })
            .collect()
    }

    #[test]
    fn a_shard_with_long_lists_is_split_and_every_part_stays_under_the_limit() {
        let alphabet: Vec<char> = "电镀五金塑胶印刷科技环保".chars().collect();
        let list = List(names(3000, 5, &alphabet));
        let index = SearchIndex::new(&list);
        let limit = part_limit(index.threshold);
        assert!(!index.gram_parts.is_empty(), "the case must split a shard");
        let mut seen = 0;
        for file in index.files() {
            let SearchFile::Grams { shard, part, parts } = file else {
                continue;
            };
            let json: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&index.json(file, &list)).unwrap();
            let mut records = 0;
            for (gram, entry) in &json {
                // The browser's way to the file: the shard, then the part, from the hash.
                let h = hash(gram);
                assert_eq!(h as usize % index.gram_shards.len(), shard as usize);
                assert_eq!(part_of(h, index.gram_shards.len(), parts), part);
                records += entry[1].as_array().unwrap().len();
            }
            assert!(
                records <= limit,
                "{} lists {records} > {limit}",
                file.path()
            );
            seen += json.len();
        }
        assert_eq!(seen, index.grams.len(), "every gram in exactly one file");
    }

    #[test]
    fn a_new_company_rewrites_only_the_files_that_hold_it() {
        let alphabet: Vec<char> = "电镀五金塑胶印刷科技环保".chars().collect();
        let before = List(names(3000, 5, &alphabet));
        // First in list order, so every company after it moves one place down.
        let mut after = List(vec![("new", "镀金环保新材料")]);
        after.0.extend(before.0.iter().copied());
        let (old, new) = (SearchIndex::new(&before), SearchIndex::new(&after));
        assert_eq!(
            old.threshold, new.threshold,
            "the case must keep the threshold"
        );
        let files: Vec<SearchFile> = old.files().collect();
        assert_eq!(files, new.files().collect::<Vec<_>>());
        let mut changed = Vec::new();
        for file in files {
            let (a, b) = (old.json(file, &before), new.json(file, &after));
            if a != b {
                let text = String::from_utf8(b).unwrap();
                assert!(
                    file == SearchFile::Dict
                        || text.contains("镀金环保新材料")
                        || text.contains(r#"["new"]"#),
                    "{} changed without holding the new company",
                    file.path()
                );
                changed.push(file.path());
            }
        }
        // dict.bin (its count of companies), the company's c and k files, and a file for each of
        // the grams of its name that are stored.
        assert!(
            changed.len() <= 16,
            "{} of {} files changed: {changed:?}",
            changed.len(),
            old.files().count()
        );
    }
}
