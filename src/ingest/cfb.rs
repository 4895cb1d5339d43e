//! A check of an `.xls` file before the workbook reader opens it. That reader trusts the file:
//! it follows sector chains of its container (the Compound File Binary format) without a
//! bound, and makes each sheet a grid from A1 to its farthest cell, whatever the cell's place.
//! A damaged or crafted 5 KB file can make either fill all memory. So, in time linear in the
//! file's size, this refuses a chain that loops, a cell outside the .xls grid (256 columns),
//! and sheets whose grids would hold more cells than any export.

/// The CFB signature: an `.xls` (or other OLE file) starts with it.
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers from this one up are markers (end of chain, free, FAT or DIFAT sector).
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The most cells the sheets of an `.xls` may span together, each from A1 to its farthest cell
/// (the reader makes a grid of values and one of formulas that size, some 1 GB): one whole
/// sheet of 65,536 rows by 256 columns, where an export of a province fills 20 columns.
const MAX_GRID_CELLS: u64 = 65_536 * 256;

/// `Err` with the reason when `bytes` is a compound file the workbook reader must not open;
/// `Ok` for anything else (other formats are not this check's business).
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(&SIGNATURE) {
        return Ok(());
    }
    let broken = |what: String| Err(crate::tr!("ingest-cfb-damaged", what = what));
    let Some(shift) = bytes
        .get(0x1E..0x20)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
    else {
        return broken(crate::tr!("ingest-cfb-header-cut"));
    };
    if !matches!(shift, 9 | 12) {
        return broken(crate::tr!("ingest-cfb-sector-size"));
    }
    let sector_size = 1usize << shift;
    let sectors = bytes.len().saturating_sub(sector_size) / sector_size;
    // A sector as the reader takes it: the last one of a file cut short is what there is of it.
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        let end = start.checked_add(sector_size)?.min(bytes.len());
        bytes.get(start..end).filter(|data| !data.is_empty())
    };

    // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
        .filter(|&id| id < MAX_REGULAR_SECTOR)
        .collect();
    let mut difat = u32_at(bytes, 0x44).unwrap_or(u32::MAX);
    let mut difat_sectors = 0;
    while difat < MAX_REGULAR_SECTOR {
        difat_sectors += 1;
        if difat_sectors > sectors {
            return broken(crate::tr!("ingest-cfb-difat-loops"));
        }
        let Some(data) = sector(difat) else {
            return broken(crate::tr!("ingest-cfb-difat-past-end"));
        };
        let entries = sector_size / 4 - 1;
        fat_sectors.extend(
            (0..entries)
                .filter_map(|i| u32_at(data, 4 * i))
                .filter(|&id| id < MAX_REGULAR_SECTOR),
        );
        difat = u32_at(data, 4 * entries).unwrap_or(u32::MAX);
    }
    if fat_sectors.len() > sectors {
        return broken(crate::tr!("ingest-cfb-too-many-fat"));
    }
    let mut next: Vec<u32> = Vec::with_capacity(fat_sectors.len() * sector_size / 4);
    for id in fat_sectors {
        let Some(data) = sector(id) else {
            return broken(crate::tr!("ingest-cfb-fat-past-end"));
        };
        next.extend((0..sector_size / 4).filter_map(|i| u32_at(data, 4 * i)));
    }

    // Every chain must end: no sector can be reached again from itself.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const ENDS: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut path = Vec::new();
    for start in 0..next.len() {
        let mut at = start;
        while at < next.len() && state[at] == NEW {
            state[at] = ON_PATH;
            path.push(at);
            at = next[at] as usize;
        }
        if at < next.len() && state[at] == ON_PATH {
            return broken(crate::tr!("ingest-cfb-chain-loops"));
        }
        for &done in &path {
            state[done] = ENDS;
        }
        path.clear();
    }

    // The chains end: the workbook stream can be read, and its cells' places checked.
    let chain = |start: u32, limit: usize| -> Vec<u8> {
        let mut data = Vec::new();
        let mut id = start;
        while id < MAX_REGULAR_SECTOR && data.len() < limit {
            let Some(bytes) = sector(id) else { break };
            data.extend_from_slice(bytes);
            id = next.get(id as usize).copied().unwrap_or(u32::MAX);
        }
        data.truncate(limit);
        data
    };
    let directory = chain(u32_at(bytes, 0x30).unwrap_or(u32::MAX), usize::MAX);
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    // A name as the reader takes it: its 64 bytes up to the first NUL, whatever the length
    // and the type the entry gives.
    let name_of = |entry: &[u8]| {
        let utf16: Vec<u16> = (0..32)
            .map(|i| u16::from_le_bytes([entry[2 * i], entry[2 * i + 1]]))
            .take_while(|&unit| unit != 0)
            .collect();
        String::from_utf16_lossy(&utf16).to_ascii_lowercase()
    };
    let size_of = |entry: &[u8]| {
        let size = u64::from_le_bytes(entry[120..128].try_into().unwrap_or_default());
        usize::try_from(if shift == 9 { size & 0xFFFF_FFFF } else { size }).unwrap_or(usize::MAX)
    };
    let Some(workbook) = entries
        .iter()
        .find(|entry| name_of(entry) == "workbook")
        .or_else(|| entries.iter().find(|entry| name_of(entry) == "book"))
    else {
        // Where this check cannot find the workbook, it cannot tell that the reader is safe.
        return broken(crate::tr!("ingest-cfb-no-workbook"));
    };
    let declared = size_of(workbook);
    let size = declared.min(bytes.len());
    let start = u32_at(workbook, 116).unwrap_or(u32::MAX);
    // The reader takes a stream under 4096 bytes from the mini stream, whatever the header says.
    let stream = if declared >= 4096 {
        chain(start, size)
    } else {
        // A small stream lives in 64-byte sectors of the mini stream, chained by the mini FAT.
        let Some(root) = entries.first() else {
            return broken(crate::tr!("ingest-cfb-no-root"));
        };
        let mini = chain(u32_at(root, 116).unwrap_or(u32::MAX), size_of(root));
        let mini_fat: Vec<u32> = chain(u32_at(bytes, 0x3C).unwrap_or(u32::MAX), usize::MAX)
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let mut data = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < MAX_REGULAR_SECTOR && data.len() < size {
            steps += 1;
            if steps > mini_fat.len() + 1 {
                return broken(crate::tr!("ingest-cfb-mini-chain-loops"));
            }
            let at = id as usize * 64;
            let Some(bytes) = mini.get(at..at + 64) else {
                break;
            };
            data.extend_from_slice(bytes);
            id = mini_fat.get(id as usize).copied().unwrap_or(u32::MAX);
        }
        data.truncate(size);
        data
    };
    check_cells(&stream)
}

/// The records of a workbook stream from `at`, as the reader walks them: kind and data, until
/// the stream ends or a record runs past it.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let length = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + length)?;
        at += 4 + length;
        Some((kind, data))
    })
}

/// Walks the workbook stream (BIFF) as the reader does: the sheets its BOUNDSHEET records point
/// at, each up to its end. Every cell must be within the grid of 256 columns, every declared
/// size one an .xls can have, and the sheets' grids, each from A1 to its farthest cell, within
/// [`MAX_GRID_CELLS`] together.
fn check_cells(stream: &[u8]) -> Result<(), String> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    const DIMENSIONS: u16 = 0x0200;
    const BOUNDSHEET: u16 = 0x0085;
    let sheets: Vec<usize> = records(stream, 0)
        .take_while(|(kind, _)| *kind != EOF)
        .filter(|(kind, data)| *kind == BOUNDSHEET && data.len() >= 4)
        .map(|(_, data)| u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize)
        .collect();
    let mut grids: u64 = 0;
    for start in sheets {
        let mut extent: Option<(u16, u16)> = None;
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (kind, data) in records(stream, start) {
            match kind {
                // A BOF after the sheet's own opens a nested substream (a chart), which the
                // reader skips to its EOF.
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF if depth > 0 => depth -= 1,
                EOF => break,
                _ => {}
            }
            if depth > 0 {
                continue;
            }
            if kind == DIMENSIONS {
                // The size a sheet declares, which the reader sets memory aside for.
                let u16_at = |i: usize| u32::from(u16::from_le_bytes([data[i], data[i + 1]]));
                let u32_at =
                    |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                let (first_row, rows_end, first_column, columns_end) = match data.len() {
                    10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                    14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
                    _ => continue,
                };
                let first_column = if first_column > 0xFF || columns_end < first_column {
                    0
                } else {
                    first_column
                };
                if rows_end > 65_536
                    || columns_end > 256
                    || (rows_end >= 1
                        && columns_end >= 1
                        && (rows_end - 1 < first_row || columns_end - 1 < first_column))
                {
                    return Err(crate::tr!(
                        "ingest-xls-bad-size",
                        first_row = first_row,
                        rows_end = rows_end,
                        first_column = first_column,
                        columns_end = columns_end
                    ));
                }
                continue;
            }
            let last_column = match kind {
                // FORMULA, LABELSST, BLANK, NUMBER, LABEL, BOOLERR, RK, RSTRING: row, column.
                0x0006 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00D6
                    if data.len() >= 4 =>
                {
                    u16::from_le_bytes([data[2], data[3]])
                }
                // MULRK, MULBLANK: row, first column, ..., last column.
                0x00BD | 0x00BE if data.len() >= 6 => {
                    u16::from_le_bytes([data[2], data[3]]).max(u16::from_le_bytes([
                        data[data.len() - 2],
                        data[data.len() - 1],
                    ]))
                }
                _ => continue,
            };
            let row = u16::from_le_bytes([data[0], data[1]]);
            if last_column > 255 {
                return Err(crate::tr!(
                    "ingest-xls-cell-outside",
                    column = u32::from(last_column) + 1
                ));
            }
            let (rows, columns) = extent.get_or_insert((0, 0));
            *rows = (*rows).max(row);
            *columns = (*columns).max(last_column);
        }
        if let Some((rows, columns)) = extent {
            grids += (u64::from(rows) + 1) * (u64::from(columns) + 1);
        }
    }
    if grids > MAX_GRID_CELLS {
        return Err(crate::tr!("ingest-xls-too-large", max = MAX_GRID_CELLS));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 512-byte-sector compound file with one FAT sector (sector 0) whose entries are `fat`.
    fn file(fat: &[u32]) -> Vec<u8> {
        let mut bytes = vec![0u8; 512 * 3];
        bytes[..8].copy_from_slice(&SIGNATURE);
        bytes[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        bytes[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            bytes[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&id.to_le_bytes());
        }
        for i in 0..128 {
            let entry = fat.get(i).copied().unwrap_or(0xFFFF_FFFF);
            bytes[512 + 4 * i..516 + 4 * i].copy_from_slice(&entry.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn a_chain_that_loops_is_refused_and_one_that_ends_is_not() {
        // Sector 0 holds the FAT; 1 → 2 → end. (No directory: no workbook to vouch for.)
        let err = check(&file(&[0xFFFF_FFFD, 2, 0xFFFF_FFFE])).unwrap_err();
        assert!(err.contains("no workbook stream"), "{err}");
        // 1 → 2 → 1.
        let err = check(&file(&[0xFFFF_FFFD, 2, 1])).unwrap_err();
        assert!(err.contains("loops"), "{err}");
        // A sector pointing at itself.
        assert!(check(&file(&[0xFFFF_FFFD, 1])).is_err());
        // Not a compound file at all: not this check's business.
        assert_eq!(check(b"PK\x03\x04"), Ok(()));
    }

    #[test]
    fn cells_outside_the_grid_are_refused() {
        fn record(kind: u16, data: &[u8]) -> Vec<u8> {
            let mut out = kind.to_le_bytes().to_vec();
            out.extend((data.len() as u16).to_le_bytes());
            out.extend(data);
            out
        }
        let number = |row: u16, column: u16| {
            let mut data = row.to_le_bytes().to_vec();
            data.extend(column.to_le_bytes());
            data.extend([0; 10]);
            record(0x0203, &data)
        };
        // A workbook stream: the globals with a BOUNDSHEET for each sheet, then the sheets.
        let workbook = |sheets: &[Vec<u8>]| {
            let globals_length = 20 + 12 * sheets.len() + 4;
            let mut globals = record(0x0809, &[0; 16]);
            let mut at = globals_length;
            let mut body = Vec::new();
            for sheet in sheets {
                let mut data = (at as u32).to_le_bytes().to_vec();
                data.extend([0; 4]);
                globals.extend(record(0x0085, &data));
                let mut whole = record(0x0809, &[0; 16]);
                whole.extend(sheet);
                whole.extend(record(0x000A, &[]));
                at += whole.len();
                body.extend(whole);
            }
            globals.extend(record(0x000A, &[]));
            assert_eq!(globals.len(), globals_length);
            globals.extend(body);
            globals
        };
        assert_eq!(check_cells(&workbook(&[number(10, 3)])), Ok(()));
        let far = [number(10, 3), number(10, 300)].concat();
        assert!(
            check_cells(&workbook(&[far]))
                .unwrap_err()
                .contains("column 301")
        );
        // A cell far out inside a chart's substream is skipped, as the reader skips it.
        let chart = [
            record(0x0809, &[0; 16]),
            number(1, 400),
            record(0x000A, &[]),
        ]
        .concat();
        assert_eq!(check_cells(&workbook(&[chart])), Ok(()));
        // A sheet that declares rows past 65,536.
        let mut size = 0u32.to_le_bytes().to_vec();
        size.extend(4_000_000_000u32.to_le_bytes());
        size.extend([0, 0, 10, 0, 0, 0]);
        let declared = record(0x0200, &size);
        assert!(
            check_cells(&workbook(&[declared]))
                .unwrap_err()
                .contains("declares a size")
        );
        // Two sheets reaching row 65,536 and column 256: 2 × 16.8 M cells.
        let full: Vec<Vec<u8>> = (0..2).map(|_| number(65535, 255)).collect();
        assert!(
            check_cells(&workbook(&full))
                .unwrap_err()
                .contains("span more than")
        );
        // The same sheet named twice is two grids to the reader.
        let mut one = workbook(&[number(65535, 255)]);
        assert_eq!(check_cells(&one), Ok(()));
        let sheet_at = u32::from_le_bytes(one[24..28].try_into().unwrap());
        let mut globals = record(0x0809, &[0; 16]);
        for _ in 0..2 {
            let mut data = (sheet_at + 12).to_le_bytes().to_vec();
            data.extend([0; 4]);
            globals.extend(record(0x0085, &data));
        }
        globals.extend(record(0x000A, &[]));
        one.splice(..sheet_at as usize, globals);
        assert!(check_cells(&one).unwrap_err().contains("span more than"));
    }

    #[test]
    fn the_fixture_xls_passes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/platform/data/tasks/2024年第四季度抽查.xls"
        );
        assert_eq!(check(&std::fs::read(path).unwrap()), Ok(()));
    }
}
