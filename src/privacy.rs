//! Masking of personal data (《政府信息公开条例》第十五条): identity-card numbers, mobile and
//! landline numbers and bank-card numbers in any published text.

use std::borrow::Cow;

/// Masks every identity-card, phone and bank-card number in `text`.
///
/// Numbers are found as runs of ASCII digits not glued to other letters or digits, so a credit
/// code or a document number such as 深环坪罚〔2025〕12号 stays as it is:
/// - 11 digits starting 13–19: a mobile number, shown as 138****5678;
/// - 15 digits, or 17 digits followed by X, or 18 digits: an identity card, 4403**********123X;
/// - 16 to 19 digits: a bank card, ***************1234;
/// - 0 and 2–3 digits, a dash, then 7–8 digits: a landline, 0755-****5678;
/// - 7–8 digits (a landline without area code) directly after 电话/手机/联系方式 and a colon.
pub fn mask(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let digits = end - start;
        // An identity card may end in X.
        let x_end = (digits == 17 && end < bytes.len() && matches!(bytes[end], b'X' | b'x'))
            .then_some(end + 1);
        let run_end = x_end.unwrap_or(end);
        if run_end < bytes.len() && bytes[run_end].is_ascii_alphanumeric() {
            i = run_end;
            continue;
        }
        let masked = if x_end.is_some() || digits == 15 || digits == 18 {
            Some(keep_ends(&text[start..run_end], 4, 4))
        } else if digits == 11 && bytes[start] == b'1' && (b'3'..=b'9').contains(&bytes[start + 1])
        {
            Some(keep_ends(&text[start..end], 3, 4))
        } else if (16..=19).contains(&digits) {
            Some(keep_ends(&text[start..end], 0, 4))
        } else if (3..=4).contains(&digits) && bytes[start] == b'0' {
            landline_subscriber(bytes, end).map(|sub_end| {
                format!(
                    "{}-{}",
                    &text[start..end],
                    keep_ends(&text[end + 1..sub_end], 0, 4)
                )
            })
        } else if (7..=8).contains(&digits) && after_phone_label(&text[..start]) {
            Some(keep_ends(&text[start..end], 0, 4))
        } else {
            None
        };
        let stop = match &masked {
            Some(m) if m.contains('-') => landline_subscriber(bytes, end).unwrap_or(run_end),
            _ => run_end,
        };
        if let Some(masked) = masked {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start]);
            out.push_str(&masked);
            copied = stop;
        }
        i = stop;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// After an area code ending at `at`: a dash and 7–8 digits standing alone; returns their end.
fn landline_subscriber(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'-') {
        return None;
    }
    let start = at + 1;
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    let alone = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
    ((7..=8).contains(&(end - start)) && alone).then_some(end)
}

fn after_phone_label(before: &str) -> bool {
    let before = before.trim_end_matches([':', '：', ' ']);
    ["电话", "手机", "联系方式", "座机", "Tel", "tel"]
        .iter()
        .any(|label| before.ends_with(label))
}

/// Keeps `head` and `tail` characters (ASCII here) and stars the rest.
fn keep_ends(digits: &str, head: usize, tail: usize) -> String {
    let n = digits.len();
    let tail = tail.min(n.saturating_sub(head));
    let stars = n - head - tail;
    format!(
        "{}{}{}",
        &digits[..head],
        "*".repeat(stars),
        &digits[n - tail..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_each_kind_of_number() {
        let cases = [
            ("联系人手机13812345678", "联系人手机138****5678"),
            (
                "身份证号440301199001011234。",
                "身份证号4403**********1234。",
            ),
            (
                "身份证 44030119900101123X 已核",
                "身份证 4403**********123X 已核",
            ),
            ("旧证 440301900101123 号", "旧证 4403*******1123 号"),
            ("账号6222021234567890123", "账号***************0123"),
            ("卡号6222 0212", "卡号6222 0212"),
            ("电话0755-84561234转", "电话0755-****1234转"),
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
            "深环坪罚〔2025〕12号",
            "2025-09-26",
            "罚款人民币50000元",
            "编号PS20250001234567890",
            "文号 12345678",
        ] {
            assert!(
                matches!(mask(text), Cow::Borrowed(_)),
                "{text} -> {}",
                mask(text)
            );
        }
    }

    #[test]
    fn masks_several_numbers_in_one_field() {
        assert_eq!(
            mask("张三13812345678、李四13987654321"),
            "张三138****5678、李四139****4321"
        );
    }
}
