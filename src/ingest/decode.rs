//! Decoding a file's bytes into text, whatever encoding the platform or Excel wrote.

/// Decodes a file: UTF-8 (BOM or not), UTF-16 with BOM, else GBK/GB18030. A file that mixes
/// UTF-8 and GBK lines (two exports pasted together) is decoded line by line; the returned
/// note names the lines read as GBK.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            return Ok((text.into_owned(), None));
        }
        if encoding != encoding_rs::UTF_8 {
            return Err(crate::tr!("ingest-bom-invalid", encoding = encoding.name()));
        }
        return decode_by_line(&bytes[bom..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && reads_as_utf8(bytes)
    {
        return Ok((text.to_string(), None));
    }
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        // GBK text that happens to hold a UTF-8 line reads as mojibake there: check line by line.
        let utf8_lines = bytes
            .split(|&b| b == b'\n')
            .filter(|line| !line.is_ascii() && reads_as_utf8(line))
            .count();
        if utf8_lines == 0 {
            return Ok((text.into_owned(), None));
        }
    }
    decode_by_line(bytes)
}

/// Whether a line is UTF-8 text rather than GBK that happens to be valid UTF-8. Many GBK
/// characters (坪 is C6 BA) are also a two-byte UTF-8 sequence, which decodes to Latin, Greek
/// or IPA letters; Chinese in UTF-8 takes three bytes a character. So a line whose only
/// non-ASCII characters are two-byte ones is GBK when it reads as GBK.
pub(crate) fn reads_as_utf8(line: &[u8]) -> bool {
    match std::str::from_utf8(line) {
        Ok(text) => {
            text.is_ascii()
                || text.chars().any(|c| c as u32 >= 0x800)
                || encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(line)
                    .is_none()
        }
        Err(_) => false,
    }
}

fn decode_by_line(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut gbk_lines = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line)
            .ok()
            .filter(|_| reads_as_utf8(line))
        {
            Some(utf8) => text.push_str(utf8),
            None => match encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(line)
            {
                Some(gbk) => {
                    text.push_str(&gbk);
                    gbk_lines.push(i + 1);
                }
                None => {
                    return Err(crate::tr!("ingest-line-not-text", line = i + 1));
                }
            },
        }
    }
    let separator = crate::tr!("ingest-list-separator");
    let shown: Vec<String> = gbk_lines.iter().take(10).map(usize::to_string).collect();
    let more = if gbk_lines.len() > 10 {
        format!("{separator}...")
    } else {
        String::new()
    };
    let note = crate::tr!(
        "ingest-mixed-encodings",
        lines = format!("{}{more}", shown.join(&separator))
    );
    Ok((text, Some(note)))
}
