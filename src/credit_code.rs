//! 统一社会信用代码 (unified social credit code), GB 32100-2015.

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// What is wrong with a credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    /// Wrong length or a character outside the alphabet: not a credit code at all.
    Malformed(String),
    /// Well formed, but the check character does not match. Some codes in circulation are like
    /// this, so it is only a warning.
    CheckDigit { expected: char, found: char },
}

/// Normalises a code as typed (spaces, lower case) to its canonical form.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A character's place in the alphabet.
fn value_of(c: char) -> Option<usize> {
    const TABLE: [u8; 128] = {
        let mut table = [u8::MAX; 128];
        let alphabet = ALPHABET.as_bytes();
        let mut i = 0;
        while i < alphabet.len() {
            table[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        table
    };
    let value = *TABLE.get(c as usize)?;
    (value != u8::MAX).then_some(value as usize)
}

/// Checks a normalised code.
pub fn check(code: &str) -> Result<(), CodeProblem> {
    let length = code.chars().count();
    if length != 18 {
        return Err(CodeProblem::Malformed(crate::tr!(
            "credit-code-length",
            code = code,
            length = length
        )));
    }
    let mut values = [0u32; 18];
    for (i, c) in code.chars().enumerate() {
        let Some(value) = value_of(c) else {
            return Err(CodeProblem::Malformed(crate::tr!(
                "credit-code-character",
                code = code,
                position = i + 1,
                character = c.to_string()
            )));
        };
        values[i] = value as u32;
    }
    let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    let expected = ALPHABET.as_bytes()[check as usize] as char;
    let found = code.as_bytes()[17] as char;
    if expected == found {
        Ok(())
    } else {
        Err(CodeProblem::CheckDigit { expected, found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes_from_the_standard_pass() {
        for code in [
            "91440300192317458F",
            "914403001922038216",
            "9144030071526726XG",
        ] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn a_wrong_check_character_is_named() {
        assert_eq!(
            check("91440300192317458G"),
            Err(CodeProblem::CheckDigit {
                expected: 'F',
                found: 'G'
            })
        );
    }

    #[test]
    fn wrong_length_or_alphabet_is_malformed() {
        for code in [
            "9144030019231745",
            "91440300192317458FF",
            "91440300I92317458F",
            "",
            "９１４４",
        ] {
            assert!(
                matches!(check(code), Err(CodeProblem::Malformed(_))),
                "{code}"
            );
        }
    }

    #[test]
    fn normalises_spacing_and_case() {
        assert_eq!(normalize(" 9144 0300 1923 1745 8f "), "91440300192317458F");
    }
}
