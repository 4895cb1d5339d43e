//! The rules that name every page (each URL is a promise to citizens' bookmarks and other
//! sites' links). They sit below every stage because a record's page is decided when it is read,
//! and the ledger and archive keep it; [`crate::site`] only places files at these names.

/// The page folder for a task id: lower-case ASCII letters, digits, `-` and `_`. An id that
/// needed more than lower-casing gets a hash of the original appended, so two ids never share
/// a folder by accident and nothing in an id can reach outside `tasks/`.
pub fn task_slug(task_id: &str) -> String {
    let mut slug = String::with_capacity(task_id.len());
    for c in task_id.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug: String = slug.chars().take(80).collect();
    if !slug.is_empty() && slug.eq_ignore_ascii_case(task_id) {
        slug
    } else if slug.is_empty() {
        format!("task-{:016x}", crate::stable_hash(&task_id.to_lowercase()))
    } else {
        format!(
            "{slug}-{:016x}",
            crate::stable_hash(&task_id.to_lowercase())
        )
    }
}

/// The page folder of one of a task's several objects (检查对象): the task's, then 8 hex
/// digits of the object as compared.
pub fn object_slug(task_id: &str, object_key: &str) -> String {
    format!(
        "{}-{:08x}",
        task_slug(task_id),
        crate::stable_hash(object_key) as u32
    )
}

/// The page id of a company: its credit code, or for one without, a hash of its name.
pub fn entity_id(credit_code: &str, name: &str) -> String {
    if credit_code.len() == 18 && credit_code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        credit_code.to_ascii_lowercase()
    } else {
        format!("n-{:016x}", crate::stable_hash(name.trim()))
    }
}

/// The page name of an enforcement unit (执法机构).
pub fn unit_slug(unit: &str) -> String {
    format!("u-{:016x}", crate::stable_hash(unit.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_stable() {
        assert_eq!(task_slug("PS-2025-Q3-0001"), "ps-2025-q3-0001");
        assert_eq!(task_slug("ps_1"), "ps_1");
        for id in [
            "../../etc/passwd",
            "a/b",
            "坪山2025-001",
            "..",
            "<script>",
            "a b",
        ] {
            let slug = task_slug(id);
            assert!(
                !slug.is_empty()
                    && slug
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{id} -> {slug}"
            );
            assert!(slug.len() > 16, "{id} -> {slug} should carry a hash");
        }
        assert_ne!(task_slug("a/b"), task_slug("a b"));
        assert_eq!(
            task_slug("PS/1"),
            task_slug("ps/1"),
            "ids differing in case only share a page"
        );
        assert_eq!(task_slug("a/b"), task_slug("a/b"));
    }

    #[test]
    fn company_and_unit_pages_keep_their_names() {
        assert_eq!(
            entity_id("91440300MA5DC2P13X", "深圳市某某公司"),
            "91440300ma5dc2p13x"
        );
        assert_eq!(
            entity_id("", "深圳市某某公司"),
            entity_id("", " 深圳市某某公司 ")
        );
        assert!(entity_id("无", "深圳市某某公司").starts_with("n-"));
        assert_eq!(unit_slug("坪山管理局"), unit_slug("坪山管理局 "));
        assert_eq!(
            object_slug("PS-1", "91440300MA5DC2P13X"),
            format!(
                "ps-1-{:08x}",
                crate::stable_hash("91440300MA5DC2P13X") as u32
            )
        );
    }
}
