# Deadlines, statuses and the ledger: what the assessment says about each item.

## Deadlines and statuses (src/assess.rs)

assess-task-gained-objects = task { $task } was published on { $on } with one object ({ $object }); the exports now give it more, each published on its own page with its own deadline. Check that they belong to this task: a mistyped task id would publish another company's result under it
assess-end-date-error = 检查结束日期 { $end }: { $error }
assess-what-no-end-date = no end date
assess-what-no-result = no result
assess-what-not-a-result = "{ $result }", which is not a result yet,
assess-published-row-lacks = task { $id } was published on { $published_on }, but its row has { $what } now: its page keeps the result as last published until the row has one again
assess-missing-row-lacks = its row has { $what } now, and its last published version is not in the archive: its page cannot be built
assess-withdrawn-never-published = task { $id } has a withdrawn row but was never published: the row is ignored, and the task is published like any other
assess-due-by = by { $day }
assess-due-in-year = in { $year }, on a day that { $year }'s holiday notice will settle
assess-due-soon = task { $id } has no result yet and is due { $by } ({ $left } working { $left ->
        [one] day
       *[other] days
    } left)
assess-missing-address-taken = it is in no task export now, and its address (tasks/{ $slug }/) is another result's: ids that differ only in case share a page. If the export's id is this task's, correct the ledger's row by hand to the export's spelling
assess-why-invalid = its row is invalid now (see the errors)
assess-why-gone = it is in no task export now
assess-missing-not-archived = { $why }, and its last published version is not in the archive: its page cannot be built. Put its row back in an export
assess-missing-page-kept = { $why }: its page stays as last published (from { $archive }). Put its row back in an export, or withdraw it: gongshi withdraw { $id } --reason …
assess-quarterless = { $count } task(s) in progress have no quarter, end date or start date: they count in no quarter's figures; fill in 所属季度
assess-joint-not-counted = joint inspections are not counted in { $quarters }: tasks of { $count ->
        [one] it
       *[other] each
    } come from an export with no 是否联合检查 or 联合检查部门 column, so their summary pages show no joint-inspection figure or target
assess-missing-quarter = none of its tasks is in an export or the archive now: its summary page cannot be built. Put its tasks back in an export
assess-missing-plan = its page is gone from content/: no page says plan_year = { $year }. Put the plan page back (the ledger keeps the day it was published)
assess-archive-damaged = line(s) { $lines } could not be read (a write cut short, or an edit by hand) and are skipped; gongshi archives the results they held again while their rows are in the exports
assess-channel-id-unused = { $id } is in no export: its date on { $channel } counts for nothing. Check the id against the exports (a task with several companies is task id/credit code)
assess-calendar-how = The State Council's notice for { $year } (国务院办公厅关于{ $year }年部分节假日安排的通知) usually comes out in November. When it is out, paste its text into a file and run `gongshi calendar import notice.txt -o data/calendar/{ $year }.toml`, then commit the file
assess-calendar-waiting = { $count } deadline(s) depend on { $year }'s holiday calendar, which is not added yet (its notice can also change December 29–31 of { $previous }), so each is known only as a day it cannot come before. That settles most statuses (a result published by then is on time; one not published is due until then); any it does not settle is reported as undecided.
assess-calendar-this-year = { $year }, the year of the as-of date, has no holiday calendar: no deadline in it can be worked out to the day.
assess-calendar-next-year = { $year } has no holiday calendar yet: results of inspections that end in the last weeks of { $previous } will have deadlines in it.
assess-calendar-warning = { $now } { $how }
assess-future-publication = { $kind } { $id } is recorded as published on { $published_on }, after the as-of date { $as_of }
assess-lacking-published = { $id } (published { $on })
assess-lacking-in-progress = { $id } (inspection in progress)
assess-lacking-no-result = { $id } (no result published yet)
assess-lacking-more = and { $count } more
assess-incomplete-at-deadline = quarter { $quarter }: its summary was incomplete at its deadline { $deadline }: { $count } of its { $total } tasks had no result published by then: { $tasks }

## The ledger, data/published.csv (src/ledger/)

ledger-not-decodable = { $message }; save the ledger as CSV (UTF-8 or GBK)
ledger-header-missing-column = header must name the columns { $columns }; `{ $name }` is missing
ledger-bad-kind = kind "{ $kind }": expected task, quarter, revision or withdrawn
ledger-empty-id = empty id
ledger-id-spreadsheet-number = id "{ $id }" is a long number as a spreadsheet shows it, not the id written there: the digits are lost. Take the ledger back from before it was saved (git checkout data/published.csv), and open it in a text editor, or import it into Excel with the id column as text
ledger-bad-date = published_on: { $message }; expected a date such as 2025-10-28
ledger-bad-quarter = quarter id { $message }
ledger-bad-plan-year = a plan row's id is its year, such as 2026, not "{ $id }"
ledger-damaged-digests = { $count } digest(s) in { $ledger } are not the 16 hexadecimal digits gongshi writes (a spreadsheet may have turned them into numbers): corrections to those results are noticed against the last digest that is intact
ledger-no-digest-column = { $ledger } has no digest column, so its rows do not say which version of a result each publication was (corrections are noticed against { $archive } alone); add ",digest" to the end of its header line

ledger-withdraw-no-reason = withdraw: --reason must say why (it is shown on the result's page)
ledger-withdraw-did-you-mean = {" "}(did you mean { $ids }?)
ledger-withdraw-quarter = ; a quarter's summary cannot be withdrawn, only a task's result
ledger-withdraw-not-published = withdraw: { $ledger } has no task row for { $id }: only a published result can be withdrawn{ $hint }{ $quarter }
ledger-withdraw-already = withdraw: task { $id } was already withdrawn on { $on } ({ $reason })
ledger-withdraw-after-today = withdraw: task { $id } is recorded as published on { $published_on }, after today ({ $today })

ledger-import-empty = the file is empty: expected a header such as id,published_on
ledger-import-no-header = the header must name the task id (id or 任务编号) and the day it was published (published_on or 公示日期); it has: { $columns }
ledger-import-bad-kind = "{ $kind }": history records first publications: task (the default), quarter or plan (a year's inspection plan, by its year)
ledger-import-empty-id = empty
ledger-import-after-today = { $published_on } is after today ({ $today }): the ledger records days that have been
ledger-import-before-earliest = { $published_on } is before { $year }: check the year
ledger-import-quarter-no-task = no task of the exports counts in { $quarter }: put its export in data/tasks/ first, or leave this row out
ledger-import-before-quarter-end = { $published_on } is before { $quarter } ended
ledger-import-several-objects = task { $id } has { $count } objects, each its own record: name each one as task id/credit code (or name), e.g. { $examples }
ledger-import-not-in-exports = task { $id } is in no task export under data/tasks/: put its export there first, or leave this row out (check the id's spelling)
ledger-import-before-end = { $published_on } is before the inspection ended ({ $end })
ledger-import-in-progress = task { $id } has no end date in the exports (still in progress), so its result cannot have been published
ledger-import-no-result = task { $id } has no result in the exports, so no result of it can have been published: fill in its 检查结果 first
ledger-import-duplicate = { $kind } { $id } is already on line { $first }
ledger-import-already-recorded = { $ledger } already records { $kind } { $id } as published on { $recorded }; the ledger only grows, so an earlier date cannot replace it here (if { $published_on } is the true date, correct that row by hand, with the evidence)

## CI formats: JUnit failure messages, GitHub annotations and run summary (src/ci.rs)

ci-what-result = result
ci-what-summary = summary
ci-what-plan = inspection plan
ci-excuse-website = in data/published.csv
ci-excuse-channel = for this channel (its late_reason_column, or late_reason in its file)
ci-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
ci-late = { $kind } { $id }: { $what } published { $published_on } ({ $days } after its deadline { $deadline }) with no late_reason { $excuse }
ci-overdue = { $kind } { $id }: { $what } not published, deadline { $deadline } passed { $days } ago
ci-excused = { $kind } { $id }: { $what } published { $published_on } after its deadline { $deadline }, excused: { $reason }
ci-on-time = { $kind } { $id }: { $what } published { $published_on }, deadline { $deadline }
ci-due = { $kind } { $id }: { $what } not published yet, due by { $deadline }
ci-in-progress = task { $id }: inspection in progress (no end date)
ci-open = quarter { $id }: not ended yet
ci-not-required = quarter { $id }: summary published { $published_on }; its period set no deadline for it (quarter_summary = false)
ci-rejected = task { $id }: invalid row, not published
ci-undecided = { $kind } { $id }: { $what } { $done }; its deadline ({ $deadline }) waits for { $year }'s holiday notice: add data/calendar/{ $year }.toml (gongshi calendar import) to decide it
ci-published-on = published { $day }
ci-not-published-yet = not published yet
ci-deadline-not-before = not before { $day }
ci-deadline-none = none
ci-invalid-row = invalid row, not published
ci-warning = warning: { $message }
ci-note = note: { $note }
ci-title-item = { $kind } { $id }: { $status }
ci-title-missing = { $kind } { $id }: missing
ci-title-channel-date = date in error, counted as not published there
ci-title-not-read = not read
ci-summary-heading = gongshi: disclosure deadlines as of { $as_of }
ci-summary-columns = | rows | on time | late | excused | due | overdue | in progress | rejected | undecided |
ci-summary-channel = Channel { $channel }: on time { $on_time }, late { $late }, excused { $excused }, due { $due }, overdue { $overdue }, in progress { $in_progress }
ci-summary-violation-columns = | | id | deadline | days late | where |
ci-summary-on-channel = {" "}on { $channel }
ci-summary-missing = { $count } published result(s) in no export now:
ci-summary-missing-line = { $kind } { $id } (published { $published_on }): { $message }
ci-summary-errors = { $count } invalid row(s) or unread file(s), not published: see the annotations.

## Build steps (src/build.rs, src/progress.rs)

build-out-not-a-folder = exists and is not a folder
build-out-holds-site = holds the site folder; choose a folder of its own, such as public/
build-out-not-ours = exists and was not written by gongshi (no { $marker } in it); it would be replaced whole, so remove it yourself or choose another folder
build-out-no-name = expected a folder name
build-progress-files = files
build-stage-checking = checking
build-stage-writing = writing
build-waiting-for-lock = waiting for another gongshi build of this site to finish ({ $lock })
