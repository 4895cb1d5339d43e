# 节假日日历：data/calendar 文件、国务院节假日安排通知（gongshi calendar import）、日期。

## 嵌入其他消息的短语。

# $day 是 chrono 的星期简称：Mon、Tue、Wed、Thu、Fri、Sat、Sun。
dates-weekday = { $day ->
        [Mon] 星期一
        [Tue] 星期二
        [Wed] 星期三
        [Thu] 星期四
        [Fri] 星期五
        [Sat] 星期六
       *[Sun] 星期日
    }
# 简称，用于日历文件的检查结果。
dates-weekday-short = { $day ->
        [Mon] 周一
        [Tue] 周二
        [Wed] 周三
        [Thu] 周四
        [Fri] 周五
        [Sat] 周六
       *[Sun] 周日
    }
calendar-list-separator = 、

## 导出文件、公示台账和命令行中的日期和季度（src/dates.rs）。

dates-empty = 日期为空
dates-not-a-date = “{ $text }”不是可识别的日期：日期应写作 2025-09-26、2025/9/26、2025.9.26、2025年9月26日、20250926 或 Excel 日期序列号
dates-year-digits = “{ $text }”：年份必须是四位数字
dates-not-in-calendar = “{ $text }”这一天不存在
dates-excel-serial = Excel 日期序列号 { $serial } 超出范围
dates-not-a-quarter = “{ $text }”不是季度：季度应写作 2025Q3 或 2025年第三季度

## 日历文件 data/calendar/YYYY.toml（src/calendar.rs）。

calendar-range-backwards = 日期范围“{ $range }”的结束日期早于开始日期
calendar-single-date = 应为单个日期，不能是日期范围
calendar-date-not-exist = { $date } 这一天不存在
calendar-date-expected = 应为 2025-01-26 这样的日期，实际为 { $found }
calendar-date-expected-text = 应为 2025-01-26 这样的日期，实际为“{ $text }”
calendar-year-out-of-range = 年份 { $year } 超出范围
calendar-file-name-year = 文件名为 { $stem }，但文件中写的是 year = { $year }
calendar-notice-empty = notice 为空：请写明此文件所依据的国务院节假日安排通知
calendar-notice-date = notice_date：{ $message }
calendar-holiday-no-name = 有一个 [[holiday]] 的 name 为空
calendar-holiday-no-days = { $name }：没有写放假日期（days）
calendar-holiday-problem = { $name }：{ $message }
calendar-range-too-long = { $name }：{ $range } 跨 { $days } 天；节假日只放几天，不会长达数周
calendar-makeup-problem = { $name }：调休上班日：{ $message }
calendar-what-holiday = 放假日
calendar-what-makeup = 调休上班日
calendar-day-not-in-year = { $name }：{ $what } { $day } 不在 { $year } 年内（通知只写本年的日期，最多再加上前一年 12 月的最后几天）
calendar-day-too-early = { $name }：{ $what } { $day } 早于以往通知写到的前一年 12 月最早的日期（12 月 { $reaches } 日）：请核对日期
calendar-makeup-not-weekend = { $name }：调休上班日 { $day } 是{ $weekday }，不是周末：这一天本来就是工作日
calendar-day-twice = { $name }：{ $day } 出现了两次（{ $other }中也已列出）
calendar-day-both = { $name }：{ $day } 既是放假日又是调休上班日（{ $other }中已列出）
calendar-findings-separator = ；

## `gongshi calendar YEAR` 和 `gongshi calendar import` 对一年日历的说明。

calendar-built-in = gongshi 内置
calendar-site-file = 站点自己的文件
calendar-source-of = { $file }（{ $origin }）
calendar-describe-title = { $year }：{ $notice }
calendar-describe-published = 发布日期：{ $date }
calendar-describe-source = 来源：{ $source }
calendar-describe-off = 放假 { $days }（共 { $count } 天）
calendar-describe-makeup = ；调休上班 { $days }
calendar-describe-working-days = { $year } 年共有 { $count } 个工作日

## 读取国务院节假日安排通知（src/notice.rs）：某句不予读取或跳过的原因。

notice-quoted = 「{ $sentence }」：{ $reason }
notice-span = { $start } 至 { $end }
notice-bracket-not-closed = { $written }后面的括号没有闭合。
notice-date-not-in-year = { $written }不存在（{ $year } 年没有这一天）。
notice-date-outside-year = { $written }是 { $date }，不在 { $year } 年内。只有元旦一项可以写 { $previous } 年 12 月的日期。
notice-weekday-wrong = { $written }注明“{ $note }”，但 { $date } 是{ $weekday }。是不是其他年份的通知，或者有笔误？
notice-note-unreadable = 无法识别{ $written }后面括号中的“{ $note }”。括号中应为星期X或周X，或农历日期，如农历腊月二十八、除夕。
notice-note-two-weekdays = { $written }后面括号中的“{ $note }”写了两个星期几。
notice-no-items = 没有找到编号的节假日条目（一、元旦：…）。请粘贴通知全文。
notice-no-year = 没有标题“国务院办公厅关于YYYY年部分节假日安排的通知”，也没有“现将YYYY年……”一句，无法确定年份。请粘贴包括标题在内的通知全文。
notice-title-year-differs = 此标题是 { $year } 年的，但前面的文字是 { $earlier } 年的。请只粘贴一份通知。
notice-sentence-year-differs-title = 此句是 { $year } 年的，但标题是 { $earlier } 年的。请只粘贴一份通知。
notice-sentence-year-differs-sentence = 此句是 { $year } 年的，但前面的“现将……”一句是 { $earlier } 年的。请只粘贴一份通知。
notice-year-out-of-range = { $year } 不是有效的通知年份。
notice-document-number-year = { $number }是 { $issued } 年的发文字号，但 { $year } 年的通知应在 { $expected } 年发布。是不是其他年份的通知？
notice-two-document-numbers = 文中有两个发文字号：{ $earlier }和{ $number }。
notice-second-notice = 从这里开始是第二份通知。请只粘贴一份通知。
notice-signature-date = 落款日期{ $date }不存在。
notice-days-before-items = 此句在各编号条目（一、元旦：…）之前，却写了放假或上班日期。这些日期属于哪个节日？
notice-days-after-items = 此句在各编号条目（一、元旦：…）之后，却写了放假或上班日期。这些日期属于哪个节日？
notice-background-before-items = 此句在各编号条目之前，视为背景说明，不作为放假或上班日期读取。
notice-background-after-items = 此句在各编号条目之后，视为背景说明，不作为放假或上班日期读取。
notice-recommends-encourage = “鼓励”只是倡议，不是放假或上班安排。
notice-recommends-advocate = “倡导”只是倡议，不是放假或上班安排。
notice-item-number-unreadable = 此项的编号不是一、二、三……这样的序号。
notice-first-item-number = 第一项的编号是“{ $number }”，不是“一”。是不是缺了通知的开头？
notice-item-missing = 第{ $number }项紧跟在第{ $previous }项之后：中间似乎缺了一项。请粘贴通知全文。
notice-not-a-holiday = “{ $name }”不是法定节假日。应为元旦、春节、清明节、劳动节、端午节、中秋节或国庆节。
notice-holiday-twice = { $name }出现了两次：第{ $item }项已经写过。
notice-day-twice = { $date } 出现了两次。
notice-day-off-and-worked = { $date } 既写为放假，又写为上班。
notice-item-no-day-off = 此项没有写放假日期。
notice-clause-unreadable = 无法识别“{ $written }”。应为放假日期（……放假、……放假调休）、补休、共N天、与周末连休、不调休，或周末上班日期（……上班）。
notice-range-backwards = “{ $range }”的结束日期早于开始日期。
notice-count-wrong = 文中写“{ $said }”，但 { $span } 共 { $days } 天。
notice-no-day-off-before = 文中写“{ $said }”，但此前没有写放假日期。
notice-weekend-not-next = 文中写“与周末连休”，但 { $span } 不含周六或周日，前后一天也不是周末。
notice-workday-not-weekend = { $date } 是{ $weekday }。调休上班日必须是周六或周日。
notice-list-missing = 文中没有列出各节日的“现将{ $year }年……”一句，也没有哪一项写到{ $absent }：每份通知都写全了七个节日。是不是缺了通知的后半部分？
notice-announces-unknown = “现将……”一句列出了“{ $name }”，这不是 gongshi 能识别的法定节假日。
notice-announced-not-in-items = “现将……”一句列出了{ $name }，但没有哪一项写到它。是不是缺了部分通知内容？
notice-not-announced = “现将……”一句没有列出{ $name }。
