//! Fingerprints of the values a page is made from: every value fed to a hash as it is
//! serialised, strings as their bytes with their length, numbers as their bytes, and every
//! sequence, map and option marked where it starts and ends, so that different values hash
//! differently. It is several times faster than hashing the JSON of the same values, which
//! matters when a rebuild fingerprints a hundred thousand pages to find the one that changed.

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// The fingerprint of one value.
pub fn of<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut hasher = Xxh3::new();
    update(&mut hasher, value);
    hasher.digest()
}

/// Feeds a value to a hash.
pub fn update<T: Serialize + ?Sized>(hasher: &mut Xxh3, value: &T) {
    // Hashing cannot fail; a value whose own `Serialize` fails hashes what it wrote so far
    // and its error message, which is still a function of the value.
    if let Err(error) = value.serialize(&mut Hashing(hasher)) {
        hasher.update(error.0.as_bytes());
    }
}

struct Hashing<'h>(&'h mut Xxh3);

#[derive(Debug)]
struct Failed(String);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Failed(message.to_string())
    }
}

// One byte before each value says what it is.
const UNIT: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INTEGER: u8 = 3;
const FLOAT: u8 = 4;
const TEXT: u8 = 5;
const BYTES: u8 = 6;
const NONE: u8 = 7;
const SOME: u8 = 8;
const VARIANT: u8 = 9;
const OPEN: u8 = 10;
const CLOSE: u8 = 11;

impl Hashing<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.update(&[tag]);
    }

    fn integer(&mut self, value: i128) {
        self.tag(INTEGER);
        self.0.update(&value.to_le_bytes());
    }

    fn text(&mut self, text: &[u8]) {
        self.tag(TEXT);
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text);
    }

    fn variant(&mut self, index: u32) {
        self.tag(VARIANT);
        self.0.update(&index.to_le_bytes());
    }
}

/// Integers up to 64 bits, all hashed as the same 128-bit value.
macro_rules! integers {
    ($($method:ident $type:ty),*) => {$(
        fn $method(self, v: $type) -> Result<(), Failed> {
            self.integer(v.into());
            Ok(())
        }
    )*};
}

impl<'a, 'h> ser::Serializer for &'a mut Hashing<'h> {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    /// Lets a value stand in by a fingerprint of itself (a task in a list, see
    /// `site::views::Shown`); the templates' serializer is human-readable and gets the value.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Failed> {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }
    integers!(
        serialize_i8 i8,
        serialize_i16 i16,
        serialize_i32 i32,
        serialize_i64 i64,
        serialize_i128 i128,
        serialize_u8 u8,
        serialize_u16 u16,
        serialize_u32 u32,
        serialize_u64 u64
    );
    fn serialize_u128(self, v: u128) -> Result<(), Failed> {
        self.tag(INTEGER);
        self.0.update(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Failed> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Failed> {
        self.tag(FLOAT);
        self.0.update(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Failed> {
        self.text(v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Failed> {
        self.text(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Failed> {
        self.tag(BYTES);
        self.0.update(&(v.len() as u64).to_le_bytes());
        self.0.update(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Failed> {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Failed> {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Failed> {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Failed> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Failed> {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Failed> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Failed> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Failed> {
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Failed> {
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Failed> {
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Failed> {
        self.variant(index);
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Failed> {
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Failed> {
        self.tag(OPEN);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Failed> {
        self.variant(index);
        self.tag(OPEN);
        Ok(self)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Failed> {
        // Dates and the like: their text, without a String in between.
        struct Text<'a, 'h>(&'a mut Hashing<'h>);
        impl std::fmt::Write for Text<'_, '_> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                self.0.0.update(text.as_bytes());
                Ok(())
            }
        }
        use std::fmt::Write;
        self.tag(TEXT);
        write!(Text(self), "{value}").map_err(|e| Failed(e.to_string()))?;
        // The end of text of unknown length.
        self.tag(CLOSE);
        Ok(())
    }
}

macro_rules! compound {
    ($($trait:ident $method:ident),*) => {$(
        impl<'a, 'h> ser::$trait for &'a mut Hashing<'h> {
            type Ok = ();
            type Error = Failed;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Failed> {
                self.tag(CLOSE);
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq serialize_element,
    SerializeTuple serialize_element,
    SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field
);

impl<'a, 'h> ser::SerializeMap for &'a mut Hashing<'h> {
    type Ok = ();
    type Error = Failed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Failed> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Failed> {
        self.tag(CLOSE);
        Ok(())
    }
}

macro_rules! structs {
    ($($trait:ident),*) => {$(
        impl<'a, 'h> ser::$trait for &'a mut Hashing<'h> {
            type Ok = ();
            type Error = Failed;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                _: &'static str,
                value: &T,
            ) -> Result<(), Failed> {
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, _: &'static str) -> Result<(), Failed> {
                // A skipped field still takes its place.
                self.tag(NONE);
                Ok(())
            }
            fn end(self) -> Result<(), Failed> {
                self.tag(CLOSE);
                Ok(())
            }
        }
    )*};
}

structs!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::of;
    use serde::Serialize;

    #[derive(Serialize)]
    struct View<'a> {
        name: &'a str,
        count: usize,
        share: f64,
        day: Option<chrono::NaiveDate>,
        tags: Vec<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
    }

    fn view() -> View<'static> {
        View {
            name: "深圳市达创阻燃材料有限公司",
            count: 3,
            share: 0.5,
            day: chrono::NaiveDate::from_ymd_opt(2025, 1, 3),
            tags: vec!["a", "bc"],
            note: None,
        }
    }

    #[test]
    fn equal_values_hash_equal_and_any_change_shows() {
        assert_eq!(of(&view()), of(&view()));
        let base = of(&view());
        type Change = Box<dyn Fn(&mut View<'static>)>;
        let changes: Vec<Change> = vec![
            Box::new(|v| v.name = "深圳市达创阻燃材料有限公司 "),
            Box::new(|v| v.count = 4),
            Box::new(|v| v.share = 0.25),
            Box::new(|v| v.day = chrono::NaiveDate::from_ymd_opt(2025, 1, 4)),
            Box::new(|v| v.day = None),
            Box::new(|v| v.tags = vec!["ab", "c"]),
            Box::new(|v| v.tags = vec!["a", "bc", ""]),
            Box::new(|v| v.note = Some("")),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut changed = view();
            change(&mut changed);
            assert_ne!(of(&changed), base, "change {i} went unnoticed");
        }
    }

    #[test]
    fn where_a_string_ends_counts() {
        assert_ne!(of(&("ab", "c")), of(&("a", "bc")));
        assert_ne!(of(&vec![vec![1], vec![]]), of(&vec![vec![], vec![1]]));
        assert_ne!(of(&Some(0u8)), of(&0u8));
    }
}
