//! A build's progress on the terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use gongshi::build;

/// A progress bar on stderr, shown only on a terminal and only once a build has taken a second;
/// and a line when the build waits for another one's lock.
pub struct TerminalProgress {
    started: Instant,
    bar: indicatif::ProgressBar,
    shown: AtomicBool,
    terminal: bool,
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::hidden(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{msg:>9}} [{{bar:40}}] {{pos}}/{{len}} {}",
                gongshi::tr!("build-progress-files")
            ))
            .expect("a valid template")
            .progress_chars("=> "),
        );
        TerminalProgress {
            started: Instant::now(),
            bar,
            shown: AtomicBool::new(false),
            terminal: std::io::stderr().is_terminal(),
        }
    }
}

impl build::Progress for TerminalProgress {
    fn start(&self, stage: &'static str, total: usize) {
        let stage = match stage {
            "checking" => gongshi::tr!("build-stage-checking"),
            "writing" => gongshi::tr!("build-stage-writing"),
            other => other.to_string(),
        };
        self.bar.set_message(stage);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
    }

    fn advance(&self, steps: usize) {
        self.bar.inc(steps as u64);
        if self.terminal
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed().as_secs() >= 1
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn waiting_for_lock(&self, lock: &Path) {
        eprintln!(
            "{}",
            gongshi::tr!("build-waiting-for-lock", lock = lock.display())
        );
    }
}
