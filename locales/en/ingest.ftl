# Problems with the exports: rows, columns, files (src/ingest/).

## Lists and small words put into other messages.

ingest-list-separator = {", "}
ingest-quoted-or = " or "
ingest-unit-row = row
ingest-unit-line = line
ingest-units-row = row(s)
ingest-units-line = line(s)
ingest-file-sheet = { $file }, sheet { $sheet }

## Files under data/tasks/ that are not read, and folders that are not sites.

ingest-unread-lock-file = an Excel lock file (the workbook is open in Excel or WPS): close the workbook, or delete this file
ingest-unread-wps = a WPS spreadsheet (.et), which gongshi cannot read: open it in WPS and save it as .xlsx (另存为 → Excel 工作簿) into data/tasks/, then move this file out of data/tasks/
ingest-unread-text = not read: gongshi reads .csv (comma- or tab-separated), .xlsx, .xls and .ods files here. If this is an export, rename it to .csv; if not, move it out of data/tasks/
ingest-unread-other = not a task ledger: gongshi reads .csv, .xlsx, .xls and .ods files here. Move it out of data/tasks/
ingest-site-missing = the site folder { $site } does not exist; check --site (start a new site with `gongshi init { $site }`)
ingest-site-is-file = --site { $site } is a file, not a site folder
ingest-site-no-ledger = its data/tasks/ folder holds no task ledger (*.csv, *.xlsx, *.xls, *.ods)
ingest-site-no-tasks-folder = it has no data/tasks/ folder
ingest-site-found = found { $file }: { $reason }
ingest-site-misplaced = found data/{ $name }: task ledgers go in data/tasks/, move it there
ingest-no-ledgers = no task ledgers found: put the exports (CSV or Excel) under data/tasks/

## Columns and headers.

ingest-unknown-column = column "{ $column }" ignored (not a known field) in { $files }
ingest-missing-column = no { $field } column found; expected a header row naming it as one of: { $aliases }
ingest-columns-not-a-field = [columns] { $key }: not a field; the fields are { $fields }
ingest-columns-empty-name = [columns] { $key }: a header name is empty
ingest-columns-twice = [columns]: "{ $name }" is given to both { $other } and { $key }; a column holds one field
ingest-columns-both = columns { $first } and { $second } both hold { $field }; using column { $first }
ingest-fill-down-empty = [input] fill_down: a column name is empty
ingest-channel-column-is-field = channel { $channel }: column "{ $name }" is read as { $label } ({ $key }); name the column that holds the day published on { $channel_name }
ingest-header-no-end = its header (row { $line }) has no { $field } column: expected one of { $aliases }
ingest-column-passed-over = { $place }: column "{ $column }" not read: { $field } is read from column "{ $read }"
ingest-lookalike = column "{ $name }" is not read, and looks like { $label } ({ $key }), which this export has no column for, so pages would show it blank. If it is, add to gongshi.toml:
    {"  "}[columns]
    {"  "}{ $key } = "{ $name }"
ingest-channel-no-column = no column "{ $columns }" (the day published on { $channel }): this file's results count as not published there. Add the column, or give its name in [[channel]] date_column in gongshi.toml
ingest-unnamed-values = a column with no header holds values; they are ignored: name the column or delete it

## Result words.

ingest-unclassified-result = 检查结果 "{ $word }" ({ $count } record(s), first at line { $line }) is in no result class, so it is published as written but counted neither as a problem found nor as none. Add it to gongshi.toml, e.g.:
    {"  "}[results]
    {"  "}problem = ["{ $word }"]   # or no_problem, not_inspected, pending

## Dates published on a channel, read from a column.

ingest-date-expected = { $message }; expected { $formats }
ingest-date-formats = a date such as 2025-09-26, 2025/9/26, 2025.9.26, 2025年9月26日, 20250926 or an Excel serial number
ingest-before-earliest = { $day } is before { $year }: check the year
ingest-channel-before-end = { $day } is before the inspection ended ({ $end }): a result is published after it
ingest-channel-after-as-of = { $column }: { $day } is after the as-of date { $as_of }
ingest-channel-date-wrong = { $message }. The result is published on the website all the same; on { $channel } it counts as not published until the date is fixed

## How a file's tables were read.

ingest-sheet-unusable = sheet not read: { $reason }; its { $count } row(s) are not published. Add the column, or name it in gongshi.toml ([columns] end = "…")
ingest-sheet-no-header = sheet not read: no header naming { $field } in its first rows, so its { $count } row(s) that look like data are not published. If the sheet holds results, name its task id column in gongshi.toml ([columns] task_id = "…"); if not, move the sheet out of the workbook
ingest-second-header = { $name }: { $unit } { $line } read as the second row of the header
ingest-repeated-headers = { $name }: { $units } { $lines } repeat the header (files pasted together?) and were skipped
ingest-title-skipped = { $name }: { $units } { $lines } above the header skipped as a title
ingest-skipped-totals = { $name }: { $units } { $line } skipped as a totals row (合计), not a record
ingest-skipped-notes = { $name }: { $units } { $line } skipped as a notes line (填表人, 制表日期 ...), not a record
ingest-blank-rows = { $name }: { $count } blank row(s) skipped
ingest-filled = { $name }: { $count } empty cell(s) filled from the row above ([input] fill_down)
ingest-merged-csv = merged cells in Excel saved as CSV
ingest-merged-csv-remedy = Put the workbook itself in data/tasks/ (gongshi reads .xlsx and .xls, merged cells included)
ingest-merged-split = cells that were merged and then split (取消合并 keeps the value on the first row only)
ingest-merged-split-remedy = Merge them again, or fill them in
ingest-merged-unseen = merged cells, which gongshi cannot see in this kind of file
ingest-merged-unseen-remedy = Save it as .xlsx (另存为 → Excel 工作簿), which keeps them
ingest-merged-leftovers = { $count } row(s) ({ $units } { $lines }) have an empty { $field } right under a row that has one: this looks like { $what }, where only the first row of a merged area keeps the value. { $remedy }, or, if every such row belongs to the task above it, add to gongshi.toml:
    {"  "}[input]
    {"  "}fill_down = ["{ $field }"]
ingest-merged-cell-hint = {" "}(it looks like a merged cell: see the warning for this file)
ingest-no-sheet-header = no sheet has a header naming { $field } ({ $aliases }), so nothing in it is published: check that this is the platform's export, or name its columns in gongshi.toml ([columns])
ingest-sheets-without-header = { $file }: sheet(s) { $sheets } hold no table with a { $field } column and were not read

## Rows that cannot be told apart.

ingest-object-missing = empty, as is the credit code: task "{ $task }" has several objects, so each row must name its own
ingest-duplicate-task = task id "{ $task }"
ingest-duplicate-task-object = task id "{ $task }" with object "{ $object }"
ingest-duplicate = { $what } is on { $count } rows, which cannot be told apart: { $places }; fix the export so that each task appears once
ingest-duplicate-object = { $what } is on { $count } rows, which cannot be told apart: { $places }; fix the export so that each task and object appears once
ingest-duplicate-again = { $what } again: see { $first }, which lists every row
ingest-shared-page = task id "{ $task }" would have the same page as another: { $places }; fix the export so that each task id is written one way

## A row's cells.

ingest-field-too-long = { $length } characters; a field holds at most { $max }: check the export
ingest-excel-error = holds Excel's error value { $value }: a formula in the export failed here. Put the value itself in the cell (复制 → 选择性粘贴 → 数值) and export again
ingest-field-count = expected { $expected } fields as in the header, found { $found }: check for an unquoted comma or a missing cell
ingest-trailing-empty = { $count } empty cell(s) after the last column ignored
ingest-task-id-empty = empty: every row needs its task id
ingest-task-id-quarter = "{ $id }" is written as a quarter is, and the publication ledger (data/published.csv) knows quarter { $id }'s summary by it: give the task its own id, as the platform does
ingest-task-id-personal = holds what looks like a mobile or identity-card number; a task id is published as it is, so it must not carry personal data
ingest-task-id-control = contains control characters
ingest-end-before-start = { $end } is before the start date { $start }
ingest-end-after-as-of = { $end } is after the as-of date { $as_of }: an inspection cannot have ended in the future
ingest-credit-code-identity = holds an identity-card number, not a credit code: published masked
ingest-credit-code-check = "{ $code }": check character is { $found }, GB 32100 gives { $expected }; published as written
ingest-joint-word = "{ $word }" is not 是 or 否; counted as a joint inspection only if 联合检查部门 is filled
ingest-what-task-id = task id
ingest-what-credit-code = credit code
ingest-excel-scientific = "{ $text }" is a { $what } that Excel turned into a number (scientific notation), and its digits are lost. In the platform's export, or in Excel before saving, format the column as text (设置单元格格式 → 文本) and export again

## Encodings.

ingest-bom-invalid = starts with a { $encoding } byte-order mark but is not valid { $encoding }
ingest-line-not-text = line { $line } is neither UTF-8 nor GBK/GB18030 text: save the file as CSV (UTF-8) and try again
ingest-mixed-encodings = mixes encodings: line(s) { $lines } read as GBK, the rest as UTF-8; re-export it in one encoding

## Opening files.

ingest-reader-failed = the workbook reader failed on it
ingest-workbook-unreadable = not readable as a workbook ({ $reason }), so nothing in it is published: open it in Excel or WPS and save it again as .xlsx (without a password), or export it again from the platform
ingest-unclosed-quote = a quote (") opened here is never closed, so every row after it would read as part of one cell; close the quote or remove it
ingest-csv-unreadable = not readable as CSV: { $message }
ingest-sheet-error = sheet { $sheet }: { $error }
ingest-sheet-too-many-cells = sheet { $sheet } holds more than { $max } cells
ingest-sheet-cell-outside = sheet { $sheet } has a cell outside the grid a sheet can have (row { $row }, column { $column })
ingest-sheet-too-many-merged = sheet { $sheet }: its merged areas are more than { $areas }, or cover more than { $cells } cells
ingest-cfb-damaged = its compound-file structure is damaged ({ $what })
ingest-cfb-header-cut = header cut short
ingest-cfb-sector-size = sector size
ingest-cfb-difat-loops = its DIFAT chain loops
ingest-cfb-difat-past-end = a DIFAT sector past the end
ingest-cfb-too-many-fat = more FAT sectors than the file has
ingest-cfb-fat-past-end = a FAT sector past the end
ingest-cfb-chain-loops = a sector chain loops
ingest-cfb-no-workbook = no workbook stream found
ingest-cfb-no-root = no root entry
ingest-cfb-mini-chain-loops = a mini sector chain loops
ingest-xls-bad-size = a sheet declares a size an .xls cannot have (rows { $first_row }..{ $rows_end }, columns { $first_column }..{ $columns_end })
ingest-xls-cell-outside = a cell in column { $column } is outside the grid of an .xls file (256 columns)
ingest-xls-too-large = its sheets span more than { $max } cells from A1 to their farthest cells
