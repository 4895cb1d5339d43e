# The deadline report as text (gongshi build, gongshi check).

report-heading = gongshi report as of { $as_of }
report-rows = rows { $rows }: published { $published } (on time { $on_time }, late { $late }, excused { $excused }), due { $due }, overdue { $overdue }, in progress { $in_progress }, rejected { $rejected }
report-quarters = quarters: on time { $on_time }, late { $late }, excused { $excused }, open { $open }
report-plans = inspection plans: on time { $on_time }, late { $late }, excused { $excused }, due { $due }, overdue { $overdue }
report-and-undecided = , undecided { $count }
report-and-not-required = , not required { $count }
report-and-dates-in-error = , dates in error { $count }
report-withdrawn = withdrawn { $count }: { $ids }
report-channel = channel { $channel }: on time { $on_time }, late { $late }, excused { $excused }, due { $due }, overdue { $overdue }, in progress { $in_progress }
report-violations = VIOLATIONS ({ $count })
report-undecided = UNDECIDED ({ $count }): the deadline waits for a holiday notice
report-missing = MISSING ({ $count }): published, but in no export now
report-errors = ERRORS ({ $count }): rows not published
report-errors-with-files = ERRORS ({ $count }): files not read and rows not published
report-channel-errors = CHANNEL DATES IN ERROR ({ $count }): the results are on the website; on their channel they count as not published
report-warnings = WARNINGS ({ $count })
report-notes = NOTES
report-more = ... and { $count } more (--format json lists all)
report-missing-line = { $kind } { $id }  published { $published_on }: { $message }
report-deadline = deadline { $deadline }
report-deadline-not-before = deadline not before { $not_before } (the day waits for { $year }'s holiday notice)
report-published = published { $published }
report-days-late = { $days ->
    [one] { $days } day late
   *[other] { $days } days late
}
kind-task = task
kind-quarter = quarter
kind-plan = plan

verdict-ok = OK: no deadline missed, no invalid row
verdict-failed = FAILED: { $failures }
verdict-missed = { $count } missed deadline(s)
verdict-channel-errors = { $count } date(s) of other channels in error
verdict-invalid = { $count } invalid row(s)
verdict-undecided = { $count } status(es) undecided until the { $years } holiday notice is added
verdict-unread-files = { $count } file(s) in data/tasks/ not read
verdict-missing = { $count } published result(s) in no export now

list-separator = {", "}
list-and = {" and "}
