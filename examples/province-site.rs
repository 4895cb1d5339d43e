//! Writes the benchmark's generated province site: `cargo run --example province-site -- 10000
//! DIR`. Build it as of [`site::AS_OF`] (2026-11-22), with `GONGSHI_TODAY` set to that day.
//! `.ci/site-checks` searches a 10,000-task one in the browser.

#[path = "../benches/province/site.rs"]
mod site;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: province-site TASKS DIR");
        std::process::exit(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("province-site: {n}: expected a number of tasks");
        std::process::exit(2);
    };
    if let Err(e) = site::generate(std::path::Path::new(&dir), n) {
        eprintln!("province-site: {dir}: {e}");
        std::process::exit(1);
    }
    println!("{}", site::AS_OF);
}
