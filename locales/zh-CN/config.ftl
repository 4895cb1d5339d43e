# 设置、内容页面、主题、日历文件和渠道。

## gongshi.toml：TOML 错误的提示。

config-help = 建议：{ $help }
config-hint-plan-in-period = 现行的计划目标写在 [plan] 中；以前某个时期的目标写在该时期的 [[disclosure.period]] 中
config-hint-period = 时期写成 [[disclosure.period]] 表，所有规则共用一个列表：某个时期的计划目标也写在那里
config-hint-quarter-summary = quarter_summary 写在 [disclosure]（现行）或 [[disclosure.period]]（以前的时期）中

## gongshi.toml：[disclosure]、[plan] 和 [site]。

config-period-until = disclosure.period[{ $index }].until：{ $message }
config-periods-unsorted = [[disclosure.period]] 各项须按 `until` 从早到晚排列，日期互不相同
config-working-days-zero = disclosure.task_working_days 至少为 1
config-days-too-long = disclosure：超过 { $max } 天的期限不是计划会设定的期限
config-page-sizes-zero = site.latest_results 和 site.page_size 至少为 1
config-shares = { $table }：比例写成 0 到 1 之间的小数，例如 0.30
config-monthly-not-cumulative = { $table }.monthly_completion = { $values }：目标是累计的（第 1、2、3 个月末），后一个不能小于前一个：每月 35% 写作 [0.35, 0.70, 1.00]
config-base-url = site.base_url = "{ $base }"：应为 http(s) 地址或以 / 开头的路径
config-theme-name = site.theme = "{ $theme }"：应为 themes/ 下的文件夹名（字母、数字、- 和 _）
config-theme-missing = site.theme = "{ $theme }"，但没有 themes/{ $theme }/ 文件夹

## gongshi.toml：政府网站页脚（政府网站发展指引）。

config-site-code = site.site_code = "{ $code }"：网站标识码为 10 位，全是数字（4403000001）或几个字母加数字（bm01000001），以全国政府网站基本信息数据库中的为准
config-icp = site.icp = "{ $icp }"：应为备案的 ICP 备案号，例如 粤ICP备12345678号 或 粤ICP备12345678号-1（链接到 { $registry }）
config-police-record = site.police_record = "{ $record }"：应为备案的公网安备号，例如 粤公网安备 44030402001234号（14 位数字）
config-police-url-alone = 设置了 site.police_record_url，却没有设置 site.police_record：链接要和它显示的备案号一起设置
config-badge-together = site.badge_image 和 site.badge_url 要一起设置：党政机关网站标识是一张图片，链接到本网站在注册机构的证书
config-not-http = site.{ $key } = "{ $value }"：应为 http(s) 地址
config-badge-image = site.badge_image = "{ $image }"：应为 http(s) 地址，或主题 static/ 文件夹中的文件名（例如 red.png 对应 themes/<主题名>/static/red.png）
config-badge-missing = site.badge_image = "{ $badge }"，但主题中没有这个文件：请放到 themes/{ $theme }/static/{ $badge }，或填写图片的 http(s) 地址

## gongshi.toml：[[channel]]。

config-channel-id = { $at }.id = "{ $id }"：应为由小写字母、数字、- 和 _ 组成的简短名称，例如 "province"
config-channel-website = { $at }.id = "website"：本局网站就是 gongshi 构建的站点，始终会检查；这里只声明其他渠道
config-channel-twice = { $at }.id = "{ $id }"：有两个渠道使用这个 id
config-channel-name = { $at }（{ $id }）：缺少 name，即页面上显示的渠道名称，例如 "广东省行政执法信息公示平台"
config-channel-both = { $at }（{ $id }）：date_column 和 file 只能填一个：公示日期只来自一处
config-channel-neither = { $at }（{ $id }）：公示日期从哪里来？请填写 date_column = "<导出文件中记录该渠道公示日期的列>"，或 file = "data/channels/{ $id }.csv"（列为 id、published_on、late_reason）
config-channel-column-empty = { $at }（{ $id }）：date_column 为空
config-channel-file = { $at }（{ $id }）：file = "{ $file }"：应为 data/ 下的 CSV 文件，例如 "data/channels/{ $id }.csv"
config-channel-file-tasks = { $at }（{ $id }）：file = "{ $file }"：data/tasks/ 存放任务导出文件；请把该渠道的公示日期放到其他文件夹，例如 data/channels/
config-channel-late-reason = { $at }（{ $id }）：late_reason_column 要与 date_column 一起使用；用 file 时，列名为 late_reason
config-channel-days = { $at }（{ $id }）：task_working_days = { $days }：应为 1 到 { $max }

## 渠道自己的公示日期文件（data/channels/*.csv）。

channel-file-missing = 找不到此文件：它记录各条结果在{ $name }公示的日期（列为 id、published_on、late_reason）；请新建此文件，或修改 gongshi.toml 中 [[channel]] 的 file。在此之前，没有结果算作已在该渠道公示
channel-file-unreadable = 无法读取：{ $error }
channel-header = 表头应有 id 和 published_on 列（任务编号、公示日期），需要时还有 late_reason 列（逾期原因）
channel-id-empty = 为空：请按导出文件的写法填写任务编号
channel-after-as-of = { $day } 晚于统计日期 { $as_of }
channel-date = { $message }；应为{ $formats }
channel-twice = { $task } 也在第 { $first } 行：一条结果只首次公示一次；请保留最早的日期

## [results]：本站自己的检查结果用语。

results-word-empty = [results] { $class }：有一个用语为空
results-word-twice = [results]：“{ $word }”同时在 { $first } 和 { $second } 中

## content/：页面及其头部信息（front matter）。

content-file-name = 页面的文件名和文件夹名会成为网址：请只用 ASCII 字母、数字、- 和 _
content-front-date = 头部信息 { $key }：{ $message }
content-front-unclosed = 以 { $fence } 开始的头部信息没有结束
content-front-toml = 头部信息：{ $message }
content-front-line = 头部信息的这一行“{ $line }”：应为 键: 值

## 主题和模板。

theme-embedded = { $name }（内置主题）
theme-not-utf8 = 不是 UTF-8 编码：请把模板另存为 UTF-8
theme-render-failed = 渲染失败
theme-caused-by = 原因

## 命令行设置。

settings-report-format = --report { $file }：请用 --format junit、json、github 或 text 指明格式

## gongshi.toml：年度计划的公示期限。

config-month-day = "{ $text }"：应为“月-日”形式的日期，例如 "03-31"（第一季度最后一天）
content-plan-year = 头部信息 plan_year = { $year }：应为本页公示的抽查计划所属的年份，例如 2026
content-plan-twice = plan_year = { $year } 也是 { $other } 的年份：一年只有一个计划页面；请把另一个改为它自己的年份，或删去其中一个的 plan_year
