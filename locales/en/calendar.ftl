# The holiday calendar: data/calendar files, State Council notices (gongshi calendar import), dates.

## Words put into other messages.

# $day is chrono's short name of the weekday: Mon, Tue, Wed, Thu, Fri, Sat, Sun.
dates-weekday = { $day ->
        [Mon] Monday (星期一)
        [Tue] Tuesday (星期二)
        [Wed] Wednesday (星期三)
        [Thu] Thursday (星期四)
        [Fri] Friday (星期五)
        [Sat] Saturday (星期六)
       *[Sun] Sunday (星期日)
    }
# The same, short, as calendar files' findings say it.
dates-weekday-short = { $day }
calendar-list-separator = {", "}

## Dates and quarters as written in exports, the ledger and on the command line (src/dates.rs).

dates-empty = empty date
dates-not-a-date = "{ $text }" is not a date such as 2025-09-26, 2025/9/26, 2025.9.26, 2025年9月26日, 20250926 or an Excel serial number
dates-year-digits = "{ $text }": the year must have four digits
dates-not-in-calendar = "{ $text }" does not exist in the calendar
dates-excel-serial = Excel serial { $serial } is out of range
dates-not-a-quarter = "{ $text }" is not a quarter such as 2025Q3 or 2025年第三季度

## Calendar files, data/calendar/YYYY.toml (src/calendar.rs).

calendar-range-backwards = range "{ $range }" ends before it starts
calendar-single-date = expected a single date, found a range
calendar-date-not-exist = { $date } does not exist
calendar-date-expected = expected a date such as 2025-01-26, found { $found }
calendar-date-expected-text = expected a date such as 2025-01-26, found "{ $text }"
calendar-year-out-of-range = year { $year } is out of range
calendar-file-name-year = the file is named { $stem } but says year = { $year }
calendar-notice-empty = notice is empty: name the State Council notice this file transcribes
calendar-notice-date = notice_date: { $message }
calendar-holiday-no-name = a [[holiday]] has an empty name
calendar-holiday-no-days = { $name }: no days
calendar-holiday-problem = { $name }: { $message }
calendar-range-too-long = { $name }: { $range } spans { $days } days; a holiday lasts days, not weeks
calendar-makeup-problem = { $name }: make-up working day: { $message }
calendar-what-holiday = holiday
calendar-what-makeup = make-up working day
calendar-day-not-in-year = { $name }: { $what } { $day } is not in { $year } (a notice names days of its own year, and at most the last days of the December before)
calendar-day-too-early = { $name }: { $what } { $day } is earlier in the December before than any notice has reached (December { $reaches }): check the date
calendar-makeup-not-weekend = { $name }: make-up working day { $day } is a { $weekday }, not a weekend day: it is a working day anyway
calendar-day-twice = { $name }: { $day } is named twice (also under { $other })
calendar-day-both = { $name }: { $day } is both a holiday and a make-up working day (also under { $other })
calendar-findings-separator = {"; "}

## A year as `gongshi calendar YEAR` and `gongshi calendar import` describe it.

calendar-built-in = built into gongshi
calendar-site-file = the site's own file
calendar-source-of = { $file } ({ $origin })
calendar-describe-title = { $year }: { $notice }
calendar-describe-published = published { $date }
calendar-describe-source = source: { $source }
calendar-describe-off = off { $days } ({ $count ->
        [one] { $count } day
       *[other] { $count } days
    })
calendar-describe-makeup = ; make-up working days { $days }
calendar-describe-working-days = { $count } working days in { $year }

## Reading a State Council holiday notice (src/notice.rs): why a sentence is refused or skipped.

notice-quoted = 「{ $sentence }」: { $reason }
notice-span = { $start } to { $end }
notice-bracket-not-closed = The bracket after { $written } is not closed.
notice-date-not-in-year = { $written } does not exist in { $year }.
notice-date-outside-year = { $written } falls on { $date }, outside { $year }. Only the 元旦 item may name days of December { $previous }.
notice-weekday-wrong = It says { $note } for { $written }, but { $date } is a { $weekday }. Is the notice for another year, or is this a typo?
notice-note-unreadable = Cannot read ({ $note }) after { $written }. Expected 星期X or 周X, or a lunar date such as 农历腊月二十八 or 除夕.
notice-note-two-weekdays = ({ $note }) after { $written } names two weekdays.
notice-no-items = No numbered holiday items (一、元旦：…) were found. Paste the whole notice.
notice-no-year = No title 国务院办公厅关于YYYY年部分节假日安排的通知 and no 「现将YYYY年…」 sentence, so the year is unknown. Paste the whole notice, title included.
notice-title-year-differs = This title is for { $year }, but the text before it is for { $earlier }. Paste one notice only.
notice-sentence-year-differs-title = This sentence is for { $year }, but the title says { $earlier }. Paste one notice only.
notice-sentence-year-differs-sentence = This sentence is for { $year }, but the 「现将…」 sentence says { $earlier }. Paste one notice only.
notice-year-out-of-range = { $year } is not a year a notice can be for.
notice-document-number-year = { $number } was issued in { $issued }, but the notice for { $year } is issued in { $expected }. Is this another year's notice?
notice-two-document-numbers = The text has two document numbers: { $earlier } and { $number }.
notice-second-notice = A second notice starts here. Paste one notice only.
notice-signature-date = The signature date { $date } does not exist.
notice-days-before-items = Before the numbered items (一、元旦：…), it names days off (放假) or working days (上班). Which holiday do they belong to?
notice-days-after-items = After the numbered items (一、元旦：…), it names days off (放假) or working days (上班). Which holiday do they belong to?
notice-background-before-items = Before the numbered items: read as background, not as a day off (放假) or a working day (上班).
notice-background-after-items = After the numbered items: read as background, not as a day off (放假) or a working day (上班).
notice-recommends-encourage = 鼓励 (encourages) only recommends; it is not a day off (放假) or a working day (上班).
notice-recommends-advocate = 倡导 (advocates) only recommends; it is not a day off (放假) or a working day (上班).
notice-item-number-unreadable = This item's number is not 一, 二, 三 …
notice-first-item-number = The first item is { $number }, not 一. Is the start of the notice missing?
notice-item-missing = Item { $number } follows item { $previous }: an item seems missing. Paste the whole notice.
notice-not-a-holiday = 「{ $name }」 is not a statutory holiday (法定节假日). Expected 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节 or 国庆节.
notice-holiday-twice = { $name } is named twice: it already has item { $item }.
notice-day-twice = { $date } is named twice.
notice-day-off-and-worked = { $date } is both a day off (放假) and a working day (上班).
notice-item-no-day-off = This item names no day off (放假).
notice-clause-unreadable = Cannot read 「{ $written }」. Expected days off (…放假, …放假调休), 补休, 共N天, 与周末连休, 不调休, or weekend days worked (…上班).
notice-range-backwards = The range { $range } ends before it starts.
notice-count-wrong = It says { $said }, but { $span } has { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
notice-no-day-off-before = It says { $said }, but names no day off before it.
notice-weekend-not-next = It says 与周末连休 (joined to the weekend), but no Saturday or Sunday is next to { $span }.
notice-workday-not-weekend = { $date } is a { $weekday }. A make-up working day (上班) must be a Saturday or Sunday.
notice-list-missing = The text has no 「现将{ $year }年…」 sentence listing the holidays, and no item names { $absent }: every notice names all seven. Is the end of the notice missing?
notice-announces-unknown = It announces 「{ $name }」, which is not a statutory holiday (法定节假日) this reader knows.
notice-announced-not-in-items = It announces { $name }, but no numbered item names it. Is part of the notice missing?
notice-not-announced = The 「现将…」 sentence does not announce { $name }.
