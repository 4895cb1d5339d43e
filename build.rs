//! Records the commit gongshi is built from, which `gongshi --version` states: a bureau that
//! installs from an archive can say exactly which gongshi made its site.

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=GONGSHI_COMMIT={commit}");
    println!("cargo:rerun-if-changed=build.rs");
    // Run again when HEAD moves: a new commit, or another branch.
    if let Ok(head) = std::fs::read_to_string(".git/HEAD") {
        println!("cargo:rerun-if-changed=.git/HEAD");
        // The branch's own file, or the packed refs that hold it (a file that is missing would
        // make every build run this again).
        if let Some(branch) = head.strip_prefix("ref: ") {
            let own = format!(".git/{}", branch.trim());
            if std::path::Path::new(&own).exists() {
                println!("cargo:rerun-if-changed={own}");
            } else if std::path::Path::new(".git/packed-refs").exists() {
                println!("cargo:rerun-if-changed=.git/packed-refs");
            }
        }
    }
}
