# Settings, content pages, theme, calendar files and channels.

## gongshi.toml: a TOML error's hint.

config-help = help: { $help }
config-hint-plan-in-period = the plan's targets in force now go in [plan]; an earlier period's in its [[disclosure.period]]
config-hint-period = periods are [[disclosure.period]] tables, one list for every rule: the plan's targets of a period go there too
config-hint-quarter-summary = quarter_summary goes in [disclosure] (now) or [[disclosure.period]] (an earlier period)

## gongshi.toml: [disclosure], [plan] and [site].

config-period-until = disclosure.period[{ $index }].until: { $message }
config-periods-unsorted = [[disclosure.period]] entries must be in order of `until`, oldest first, each with a different date
config-working-days-zero = disclosure.task_working_days must be at least 1
config-days-too-long = disclosure: periods of more than { $max } days are not deadlines a plan sets
config-page-sizes-zero = site.latest_results and site.page_size must be at least 1
config-shares = { $table }: shares are written as fractions from 0 to 1, such as 0.30
config-monthly-not-cumulative = { $table }.monthly_completion = { $values }: the targets are cumulative (by the end of months 1, 2 and 3), so none is below the one before: 35% a month is [0.35, 0.70, 1.00]
config-base-url = site.base_url = "{ $base }": expected an http(s) address or a path starting with /
config-theme-name = site.theme = "{ $theme }": expected a folder name under themes/ (letters, digits, - and _)
config-theme-missing = site.theme = "{ $theme }" but there is no folder themes/{ $theme }/

## gongshi.toml: the footer of a government site (政府网站发展指引).

config-site-code = site.site_code = "{ $code }": a 网站标识码 is 10 characters, digits (4403000001) or a few letters then digits (bm01000001), as the 全国政府网站基本信息数据库 gives it
config-icp = site.icp = "{ $icp }": expected the ICP number as registered, such as 粤ICP备12345678号 or 粤ICP备12345678号-1 (it links to { $registry })
config-police-record = site.police_record = "{ $record }": expected a 公网安备 number as registered, such as 粤公网安备 44030402001234号 (14 digits)
config-police-url-alone = site.police_record_url is set but site.police_record is not: the link goes with the number it shows
config-badge-together = site.badge_image and site.badge_url go together: the 党政机关网站标识 is an image linking to the site's certificate at the registry
config-not-http = site.{ $key } = "{ $value }": expected an http(s) address
config-badge-image = site.badge_image = "{ $image }": expected an http(s) address, or the name of a file in the theme's static/ folder (such as red.png for themes/<name>/static/red.png)
config-badge-missing = site.badge_image = "{ $badge }" but the theme has no such file: put it in themes/{ $theme }/static/{ $badge }, or give the image's http(s) address

## gongshi.toml: [[channel]].

config-channel-id = { $at }.id = "{ $id }": expected a short name of lowercase letters, digits, - and _, such as "province"
config-channel-website = { $at }.id = "website": the bureau's website is the site gongshi builds and is always checked; declare only the other channels
config-channel-twice = { $at }.id = "{ $id }": two channels have this id
config-channel-name = { $at } ({ $id }): name is missing: the channel's name as pages show it, such as "广东省行政执法信息公示平台"
config-channel-both = { $at } ({ $id }): give date_column or file, not both: the dates come from one place
config-channel-neither = { $at } ({ $id }): where are its dates? Give date_column = "<the export's column with the day published there>", or file = "data/channels/{ $id }.csv" (columns id, published_on, late_reason)
config-channel-column-empty = { $at } ({ $id }): date_column is empty
config-channel-file = { $at } ({ $id }): file = "{ $file }": expected a CSV file under data/, such as "data/channels/{ $id }.csv"
config-channel-file-tasks = { $at } ({ $id }): file = "{ $file }": data/tasks/ holds task exports; put the channel's dates in another folder, such as data/channels/
config-channel-late-reason = { $at } ({ $id }): late_reason_column goes with date_column; in file, the column is late_reason
config-channel-days = { $at } ({ $id }): task_working_days = { $days }: expected 1 to { $max }

## A channel's own file of dates (data/channels/*.csv).

channel-file-missing = not found: it holds the days results were published on { $name } (columns id, published_on, late_reason); create it, or fix [[channel]] file in gongshi.toml. Until then, no result counts as published there
channel-file-unreadable = cannot be read: { $error }
channel-header = expected a header with the columns id and published_on (任务编号, 公示日期), and late_reason (逾期原因) if needed
channel-id-empty = empty: give the task id as the exports write it
channel-after-as-of = { $day } is after the as-of date { $as_of }
channel-date = { $message }; expected { $formats }
channel-twice = { $task } is on line { $first } too: a result is first published once; keep the first day

## [results]: the site's own result words.

results-word-empty = [results] { $class }: a word is empty
results-word-twice = [results]: "{ $word }" is in both { $first } and { $second }

## content/: pages and their front matter.

content-file-name = page file and folder names become URLs: use ASCII letters, digits, - and _
content-front-date = front matter { $key }: { $message }
content-front-unclosed = front matter opened with { $fence } is never closed
content-front-toml = front matter: { $message }
content-front-line = front matter line "{ $line }": expected key: value

## Themes and templates.

theme-embedded = { $name } (embedded theme)
theme-not-utf8 = not UTF-8: save the template as UTF-8
theme-render-failed = failed to render
theme-caused-by = caused by

## Command-line settings.

settings-report-format = --report { $file }: say which format with --format junit, json, github or text

## gongshi.toml: the annual plan's deadline.

config-month-day = "{ $text }": expected a day of the year as "MM-DD", such as "03-31" (the last day of the first quarter)
content-plan-year = front matter plan_year = { $year }: expected the year whose inspection plan the page publishes, such as 2026
content-plan-twice = plan_year = { $year } is also the plan of { $other }: a year has one plan page; give the other its own year, or remove plan_year from one of them
