//! Names in the order people look them up: by pinyin (音序), character by character as a
//! dictionary orders them, tones left out.
//!
//! At each character: symbols first, then digits, then Latin letters (case and full width
//! ignored), then Chinese characters by their pinyin, then Chinese characters the `pinyin`
//! crate has no reading for, by code point. A polyphone (长 cháng/zhǎng, 重 zhòng/chóng, 行
//! xíng/háng) takes the reading the crate gives first, its most common one: 长 sorts as chang.
//! Names equal by these keys (同音字 such as 中 and 钟) are left for the caller to order, e.g. by
//! the name itself.

use std::cmp::Ordering;

use pinyin::ToPinyin;

/// One character's place in the order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Symbol(char),
    Digit(char),
    Latin(char),
    Han(&'static str),
    /// A Chinese character without a reading in the crate's data.
    Unread(char),
}

/// The sort key of a name: compare keys with `Ord`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PinyinKey(Vec<Unit>);

/// The pinyin sort key of `name`. Spaces are ignored.
pub fn pinyin_key(name: &str) -> PinyinKey {
    PinyinKey(
        name.chars()
            .zip(name.to_pinyin())
            .filter_map(|(c, reading)| {
                let c = half_width(c);
                if c.is_whitespace() {
                    None
                } else if let Some(p) = reading {
                    Some(Unit::Han(p.plain()))
                } else if c.is_ascii_digit() {
                    Some(Unit::Digit(c))
                } else if c.is_ascii_alphabetic() {
                    Some(Unit::Latin(c.to_ascii_lowercase()))
                } else if is_han(c) {
                    Some(Unit::Unread(c))
                } else {
                    Some(Unit::Symbol(c))
                }
            })
            .collect(),
    )
}

/// Orders two names by pinyin, then, where they read alike, by the names themselves.
pub fn by_pinyin(a: &str, b: &str) -> Ordering {
    pinyin_key(a).cmp(&pinyin_key(b)).then_with(|| a.cmp(b))
}

/// A full-width letter, digit or sign (Ａ, ３, （) as its ASCII form; other characters as they are.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = names.to_vec();
        v.sort_by(|a, b| by_pinyin(a, b));
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn han_names_by_pinyin_not_code_point() {
        // code points: 中 4E2D < 北 5317 < 长 957F < 阿 963F
        assert_eq!(
            sorted(&["中山化工", "北方印染", "长城电镀", "阿尔法涂料"]),
            ["阿尔法涂料", "北方印染", "长城电镀", "中山化工"]
        );
    }

    #[test]
    fn syllable_by_syllable_as_a_dictionary() {
        // 西安 (xi an) before 先 (xian): the first syllable decides
        assert_eq!(sorted(&["先锋厂", "西安厂"]), ["西安厂", "先锋厂"]);
        // the same first syllable: the second decides
        assert_eq!(sorted(&["中山", "中国"]), ["中国", "中山"]);
    }

    #[test]
    fn symbols_digits_latin_then_han() {
        assert_eq!(
            sorted(&["阿里", "ABB电气", "3M中国", "（深圳）公司", "abc"]),
            ["（深圳）公司", "3M中国", "ABB电气", "abc", "阿里"]
        );
        // full width letters and case count as their letter
        assert_eq!(pinyin_key("ＡＢＣ"), pinyin_key("abc"));
    }

    #[test]
    fn polyphones_take_the_common_reading_and_homophones_the_name() {
        // the crate gives 长 zhǎng first (长 as in 厂长), so 长城 sorts among the zh names
        assert_eq!(pinyin_key("长"), pinyin_key("涨"));
        assert_eq!(pinyin_key("重"), pinyin_key("众"));
        assert_eq!(sorted(&["钟表厂", "中表厂"]), ["中表厂", "钟表厂"]);
        assert_eq!(pinyin_key(" 中 山"), pinyin_key("中山"));
    }
}
