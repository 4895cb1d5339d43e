//! The shared model: what the stages hand each other, depending on nothing later than the
//! foundations (errors, dates), so that no stage imports from a later one.

mod figures;
mod problem;
mod record;
mod report;
mod result_class;
mod revision;
mod status;

pub use figures::{
    Count, JointYearToDate, MonthProgress, QuarterCompletion, QuarterFigures, YearFigures,
};
pub use problem::Problem;
pub use record::{Record, Text};
pub use report::{
    AssessPart, ChannelItem, ChannelSummary, IngestPart, Item, ItemKind, Missing, QuarterSummary,
    Report, Summary, Withdrawal,
};
pub use result_class::ResultClass;
pub use revision::{Change, Revision, changes};
pub use status::Status;
