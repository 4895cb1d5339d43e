//! A check of an `.xls` file's container (the Compound File Binary format) before the workbook
//! reader opens it. That reader follows sector chains without a bound: a chain that loops back
//! on itself, which a damaged or crafted 5 KB file can hold, makes it fill all memory. So a
//! chain that loops is refused here, in time linear in the file's size.

/// The CFB signature: an `.xls` (or other OLE file) starts with it.
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers from this one up are markers (end of chain, free, FAT or DIFAT sector).
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// `Err` with the reason when `bytes` is a compound file whose sector chains could loop; `Ok`
/// for anything else (other formats are not this check's business).
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(&SIGNATURE) {
        return Ok(());
    }
    let broken = |what: &str| Err(format!("its compound-file structure is damaged ({what})"));
    let Some(shift) = bytes
        .get(0x1E..0x20)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
    else {
        return broken("header cut short");
    };
    if !matches!(shift, 9 | 12) {
        return broken("sector size");
    }
    let sector_size = 1usize << shift;
    let sectors = bytes.len().saturating_sub(sector_size) / sector_size;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        bytes.get(start..start.checked_add(sector_size)?)
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
            return broken("its DIFAT chain loops");
        }
        let Some(data) = sector(difat) else {
            return broken("a DIFAT sector past the end");
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
        return broken("more FAT sectors than the file has");
    }
    let mut next: Vec<u32> = Vec::with_capacity(fat_sectors.len() * sector_size / 4);
    for id in fat_sectors {
        let Some(data) = sector(id) else {
            return broken("a FAT sector past the end");
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
            return broken("a sector chain loops");
        }
        for &done in &path {
            state[done] = ENDS;
        }
        path.clear();
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
        // Sector 0 holds the FAT; 1 → 2 → end.
        assert_eq!(check(&file(&[0xFFFF_FFFD, 2, 0xFFFF_FFFE])), Ok(()));
        // 1 → 2 → 1.
        let err = check(&file(&[0xFFFF_FFFD, 2, 1])).unwrap_err();
        assert!(err.contains("loops"), "{err}");
        // A sector pointing at itself.
        assert!(check(&file(&[0xFFFF_FFFD, 1])).is_err());
        // Not a compound file at all: not this check's business.
        assert_eq!(check(b"PK\x03\x04"), Ok(()));
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
