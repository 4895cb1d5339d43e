//! Masking of personal data (《政府信息公开条例》第十五条): identity-card numbers, mobile and
//! landline numbers and bank-card numbers in any published text.

use std::borrow::Cow;

/// One run of ASCII digits: byte range in the text.
#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

/// Masks every identity-card, phone and bank-card number in `text`.
///
/// A number is a run of digits, or several runs joined by single spaces or dashes
/// (`138-1234-5678`, `6222 0212 3456 7890 123`), not glued to further letters or digits after it:
/// - identity card: 15 digits, 18 digits, or 17 digits and X → `4403**********123X`;
/// - mobile: 11 digits starting 13–19, optionally after 86 or +86 → `138****5678`;
/// - bank card: 16 to 19 digits → `***************0123`;
/// - landline: an area code (0 and 2–3 digits), a dash, 7–8 digits → `0755-****1234`, or 7–8
///   digits right after 电话/手机/联系方式/座机/Tel.
///
/// Digits are replaced one for one, so separators and lengths stay as written. Credit codes
/// (which end in a letter or have 18 characters with letters) and dates are left alone.
pub fn mask(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let groups = digit_groups(bytes, i);
        match classify(text, &groups) {
            Some((end, head, tail)) => {
                let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..i]);
                out.push_str(&star_digits(&text[i..end], head, tail));
                copied = end;
                i = end;
            }
            None => i = groups[0].end,
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Digit runs from `start`, joined by single spaces or dashes (at most 6 runs).
fn digit_groups(bytes: &[u8], start: usize) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let begin = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        groups.push(Group {
            start: begin,
            end: i,
        });
        // A separator: up to three of space . - / _ and the dashes — –, then a digit.
        let mut j = i;
        let mut taken = 0;
        while taken < 3 && j < bytes.len() {
            let step = if matches!(bytes[j], b' ' | b'-' | b'.' | b'/' | b'_') {
                1
            } else if bytes[j..].starts_with("—".as_bytes())
                || bytes[j..].starts_with("–".as_bytes())
            {
                3
            } else {
                break;
            };
            j += step;
            taken += 1;
        }
        let joined = taken > 0 && j < bytes.len() && bytes[j].is_ascii_digit();
        if !joined || groups.len() == MAX_GROUPS {
            return groups;
        }
        i = j;
    }
}

/// Enough runs for a mobile written digit by digit.
const MAX_GROUPS: usize = 12;

/// The longest leading run of groups that is a personal number: its end, and how many digits
/// to keep at its head and tail.
fn classify(text: &str, groups: &[Group]) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let len = |g: &Group| g.end - g.start;
    for k in (1..=groups.len()).rev() {
        let parts = &groups[..k];
        let mut end = parts[k - 1].end;
        let digits: String = parts.iter().map(|g| &text[g.start..g.end]).collect();
        let n = digits.len();
        // An identity card may end in X.
        let with_x = n == 17 && matches!(bytes.get(end), Some(b'X' | b'x'));
        if with_x {
            end += 1;
        }
        // Glued to a following digit, it is part of a longer number; glued to a letter, only
        // an identity card or a mobile still counts (a credit code is 17 digits and a letter).
        let next = bytes.get(end).copied();
        if next.is_some_and(|b| b.is_ascii_digit()) {
            continue;
        }
        let glued = next.is_some_and(|b| b.is_ascii_alphabetic());
        let d = digits.as_bytes();
        let mobile_at =
            |at: usize| n == at + 11 && d[at] == b'1' && (b'3'..=b'9').contains(&d[at + 1]);
        // A landline: 86 perhaps, an area code (0 and 2-3 digits, or without the 0 after 86),
        // then 7 or 8 digits in one run or two.
        let landline = || -> Option<usize> {
            let (skip, area_groups) = if len(&parts[0]) == 2 && d.starts_with(b"86") {
                (1, 2..=3)
            } else {
                (0, 3..=4)
            };
            let area = parts.get(skip)?;
            let area_ok = if skip == 1 {
                d[2] != b'0'
            } else {
                d[0] == b'0'
            };
            let rest: usize = parts[skip + 1..].iter().map(len).sum();
            (k >= skip + 2
                && area_ok
                && area_groups.contains(&len(area))
                && (7..=8).contains(&rest)
                && k <= skip + 3)
                .then(|| parts[..=skip].iter().map(len).sum())
        };
        // Written in groups, an identity card starts with its six-digit region code, and a bank
        // card with its six-digit bank code or in fours; other runs of groups are several
        // numbers side by side, each masked on its own.
        let id_grouping = k == 1 || len(&parts[0]) == 6;
        let card_grouping =
            k == 1 || len(&parts[0]) == 6 || parts[..k - 1].iter().all(|g| len(g) == 4);
        let found = if with_x && id_grouping {
            Some((4, 3))
        } else if (n == 15 || n == 18) && id_grouping {
            Some((4, 4))
        } else if mobile_at(0) {
            Some((3, 4))
        } else if digits.starts_with("86") && mobile_at(2) {
            Some((5, 4))
        } else if glued {
            None
        } else if (16..=19).contains(&n) && card_grouping {
            Some((0, 4))
        } else if let Some(head) = landline() {
            Some((head, 4))
        } else if k <= 2
            && (7..=8).contains(&n)
            && (after_phone_label(&text[..parts[0].start])
                || after_area_code(&text[..parts[0].start]))
        {
            Some((0, 4))
        } else {
            None
        };
        if let Some((head, tail)) = found {
            return Some((end, head, tail));
        }
    }
    None
}

/// `(0755)` or `（0755）` right before a number.
fn after_area_code(before: &str) -> bool {
    let Some(rest) = before
        .strip_suffix(')')
        .or_else(|| before.strip_suffix('）'))
    else {
        return false;
    };
    let digits: String = rest
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let opened = &rest[..rest.len() - digits.len()];
    (3..=4).contains(&digits.len())
        && digits.ends_with('0')
        && (opened.ends_with('(') || opened.ends_with('（'))
}

fn after_phone_label(before: &str) -> bool {
    let before = before.trim_end_matches([':', '：', ' ', '.']);
    [
        "电话",
        "手机",
        "联系方式",
        "座机",
        "号码",
        "Tel",
        "tel",
        "TEL",
        "Phone",
        "phone",
    ]
    .iter()
    .any(|label| before.ends_with(label))
}

/// Stars every digit but the first `head` and last `tail` ones; separators stay.
fn star_digits(span: &str, head: usize, tail: usize) -> String {
    let total = span.bytes().filter(u8::is_ascii_digit).count();
    let mut seen = 0;
    span.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > head && seen <= total.saturating_sub(tail) {
                    return '*';
                }
            }
            c
        })
        .collect()
}

/// Whether a value (from the credit-code column, say) is a resident identity-card number
/// (GB 11643): 17 digits with a birth date at positions 7–14, then the ISO 7064 check.
pub fn is_identity_card(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let birth = &value[6..14];
    if chrono::NaiveDate::parse_from_str(birth, "%Y%m%d").is_err()
        || !matches!(&birth[..2], "19" | "20")
    {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_each_kind_of_number() {
        let cases = [
            ("联系人手机13812345678", "联系人手机138****5678"),
            ("手机 138-1234-5678。", "手机 138-****-5678。"),
            ("手机 138 1234 5678", "手机 138 **** 5678"),
            ("电话+8613812345678", "电话+86138****5678"),
            (
                "身份证号440301199001011234。",
                "身份证号4403**********1234。",
            ),
            ("ID440301199001011234", "ID4403**********1234"),
            (
                "身份证 44030119900101123X 已核",
                "身份证 4403**********123X 已核",
            ),
            ("旧证 440301900101123 号", "旧证 4403*******1123 号"),
            ("账号6222021234567890123", "账号***************0123"),
            ("卡号6222 0212 3456 7890 123", "卡号**** **** **** ***0 123"),
            ("电话0755-84561234转", "电话0755-****1234转"),
            ("座机 0755 84561234", "座机 0755 ****1234"),
            ("（0755）84561234", "（0755）****1234"),
            ("(020)8456123", "(020)***6123"),
            ("0755-8456-1234", "0755-****-1234"),
            ("+86 755 84561234", "+86 755 ****1234"),
            ("(0755)8456-1234", "(0755)****-1234"),
            ("电话号码84561234", "电话号码****1234"),
            ("Tel.84561234", "Tel.****1234"),
            ("138.1234.5678", "138.****.5678"),
            ("138—1234—5678", "138—****—5678"),
            ("138/1234/5678", "138/****/5678"),
            ("138 - 1234 - 5678", "138 - **** - 5678"),
            ("1 3 8 1 2 3 4 5 6 7 8", "1 3 8 * * * * 5 6 7 8"),
            ("张三13812345678abc", "张三138****5678abc"),
            ("440301199001011234abc", "4403**********1234abc"),
            ("622202 1234567890", "****** ******7890"),
            ("电话：84561234", "电话：****1234"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask(input), expected, "{input}");
        }
    }

    #[test]
    fn leaves_codes_dates_and_document_numbers_alone() {
        for text in [
            "91440300192317458F",
            "9144030071526726XG",
            "深环坪罚〔2025〕12号",
            "2025-09-26",
            "2025 09 26",
            "罚款人民币50000元",
            "编号PS2025000123456789AB",
            "文号 12345678",
            "卡号6222 0212",
        ] {
            assert!(
                matches!(mask(text), Cow::Borrowed(_)),
                "{text} -> {}",
                mask(text)
            );
        }
    }

    #[test]
    fn numbers_side_by_side_are_masked_each_on_its_own() {
        assert_eq!(
            mask("+86 139 8765 4321 0755-28991234 6222021234567890123"),
            "+86 139 **** 4321 0755-****1234 ***************0123"
        );
    }

    #[test]
    fn masks_several_numbers_in_one_field() {
        assert_eq!(
            mask("张三13812345678、李四13987654321 13700001111"),
            "张三138****5678、李四139****4321 137****1111"
        );
    }

    #[test]
    fn recognises_identity_cards_by_their_check_digit() {
        // 11010519491231002X is the standard's own example.
        assert!(is_identity_card("11010519491231002X"));
        assert!(!is_identity_card("110105194912310021"));
        assert!(
            !is_identity_card("914403001922038216"),
            "an all-digit credit code"
        );
        assert!(!is_identity_card("91440300192317458F"));
    }
}
