# 期限、状态和台账：对每一项的判断。

## 期限和状态（src/assess.rs）

assess-task-gained-objects = 任务 { $task } 于 { $on } 公示时只有一个检查对象（{ $object }）；现在导出文件中该任务有多个检查对象，每个检查对象单独公示一页，各有各的公示期限。请核实这些检查对象确属该任务：任务编号填错，会把其他企业的检查结果公示在该任务名下
assess-end-date-error = 检查结束日期 { $end }：{ $error }
assess-what-no-end-date = 没有检查结束日期
assess-what-no-result = 没有检查结果
assess-what-not-a-result = 的检查结果为“{ $result }”（还不是检查结果）
assess-published-row-lacks = 任务 { $id } 已于 { $published_on } 公示，但其所在行现在{ $what }：在该行重新填写之前，其页面保留最近一次公示的检查结果
assess-missing-row-lacks = 其所在行现在{ $what }，而归档中没有其最近一次公示的版本：无法生成其页面
assess-withdrawn-never-published = 任务 { $id } 在公示台账中有撤回记录，但从未公示：该撤回记录不起作用，该任务照常公示
assess-due-by = { $day } 前
assess-due-in-year = { $year } 年内某日（具体日期待 { $year } 年节假日安排通知确定）
assess-due-soon = 任务 { $id } 尚无检查结果，应于 { $by }公示（还剩 { $left } 个工作日）
assess-missing-address-taken = 该任务现在不在任何导出文件中，且其页面地址（tasks/{ $slug }/）已被另一检查结果占用：仅大小写不同的任务编号共用一个页面。如导出文件中的任务编号就是该任务，请手工将公示台账中该行的任务编号改为导出文件中的写法
assess-why-invalid = 其所在行现在无效（见错误）
assess-why-gone = 该任务现在不在任何导出文件中
assess-missing-not-archived = { $why }，而归档中没有其最近一次公示的版本：无法生成其页面。请将该行放回导出文件
assess-missing-page-kept = { $why }：其页面保留最近一次公示的内容（来自 { $archive }）。请将该行放回导出文件，或将其撤回：gongshi withdraw { $id } --reason …
assess-quarterless = { $count } 个进行中的任务没有所属季度、检查结束日期或检查开始日期：不计入任何季度的统计；请填写 所属季度
assess-joint-not-counted = { $quarters } 未统计联合检查：{ $count ->
        [1] 该季度
       *[other] 这些季度
    }的任务来自没有 是否联合检查 或 联合检查部门 列的导出文件，其季度汇总页面不显示联合检查数据和目标
assess-missing-quarter = 其任务现在都不在导出文件或归档中：无法生成其季度汇总页面。请将其任务放回导出文件
assess-missing-plan = 其页面已不在 content/ 中：没有页面写有 plan_year = { $year }。请恢复该计划页面（台账保留其公示日期）
assess-archive-damaged = 第 { $lines } 行无法读取（写入中断或被手工编辑），已跳过；这些行所存的检查结果，只要其所在行仍在导出文件中，gongshi 会重新归档
assess-channel-id-unused = { $id } 不在任何导出文件中：其在 { $channel } 的公示日期不起作用。请对照导出文件核对任务编号（有多个检查对象的任务，写作 任务编号/统一社会信用代码）
assess-calendar-how = 国务院办公厅关于{ $year }年部分节假日安排的通知通常在 11 月发布。发布后，请将通知全文保存为文件，运行 `gongshi calendar import notice.txt -o data/calendar/{ $year }.toml`，并提交该文件
assess-calendar-waiting = { $count } 个公示期限取决于 { $year } 年的工作日历，该日历尚未添加（其节假日安排通知也可能调整 { $previous } 年 12 月 29 日至 31 日），因此每个期限只能确定不早于哪一天。多数状态据此即可判定（在该日前已公示的按时，未公示的在该日前为待公示）；无法判定的报告为待定。
assess-calendar-this-year = { $year } 年（截至日期所在年份）没有工作日历：该年内的公示期限无法精确计算到日。
assess-calendar-next-year = { $year } 年尚无工作日历：{ $previous } 年最后几周结束的检查，其公示期限将落在该年。
assess-calendar-warning = { $now }{ $how }
assess-future-publication = 公示台账记录 { $kind } { $id } 的公示日期为 { $published_on }，晚于截至日期 { $as_of }
assess-lacking-published = { $id }（{ $on } 公示）
assess-lacking-in-progress = { $id }（检查进行中）
assess-lacking-no-result = { $id }（尚未公示检查结果）
assess-lacking-more = 另有 { $count } 项
assess-incomplete-at-deadline = { $quarter } 季度：季度汇总在公示期限 { $deadline } 时不完整：其 { $total } 个任务中有 { $count } 个届时尚未公示检查结果：{ $tasks }

## 公示台账 data/published.csv（src/ledger/）

ledger-not-decodable = { $message }；请将公示台账另存为 CSV（UTF-8 或 GBK 编码）
ledger-header-missing-column = 表头必须包含以下列：{ $columns }；缺少 `{ $name }` 列
ledger-bad-kind = kind 为“{ $kind }”：应为 task、quarter、revision 或 withdrawn
ledger-empty-id = id 为空
ledger-id-spreadsheet-number = id “{ $id }”是电子表格显示的长数字，不是原来写入的编号：数字已经丢失。请恢复保存之前的公示台账（git checkout data/published.csv），用文本编辑器打开；或在 Excel 中导入时将 id 列设为文本
ledger-bad-date = published_on：{ $message }；应为 2025-10-28 这样的日期
ledger-bad-quarter = 季度编号 { $message }
ledger-bad-plan-year = plan 行的编号是年份，例如 2026，而不是“{ $id }”
ledger-damaged-digests = { $ledger } 中有 { $count } 个 digest 不是 gongshi 写入的 16 位十六进制数（可能被电子表格转成了数字）：这些检查结果的更正，按最近一个完好的 digest 判断
ledger-no-digest-column = { $ledger } 没有 digest 列，其各行不记录每次公示的是检查结果的哪个版本（更正仅依据 { $archive } 判断）；请在表头行末尾加上“,digest”

ledger-withdraw-no-reason = withdraw：--reason 必须说明撤回理由（该理由会显示在检查结果页面上）
ledger-withdraw-did-you-mean = （是否指 { $ids }？）
ledger-withdraw-quarter = ；季度汇总不能撤回，只能撤回任务的检查结果
ledger-withdraw-not-published = withdraw：{ $ledger } 中没有 { $id } 的 task 行：只有已公示的检查结果才能撤回{ $hint }{ $quarter }
ledger-withdraw-already = withdraw：任务 { $id } 已于 { $on } 撤回（{ $reason }）
ledger-withdraw-after-today = withdraw：任务 { $id } 记录的公示日期为 { $published_on }，晚于今天（{ $today }）

ledger-import-empty = 文件为空：应有 id,published_on 这样的表头
ledger-import-no-header = 表头必须包含任务编号（id 或 任务编号）和公示日期（published_on 或 公示日期）；现有的列：{ $columns }
ledger-import-bad-kind = “{ $kind }”：公示历史记录的是首次公示：task（默认）、quarter 或 plan（年度抽查计划，编号为年份）
ledger-import-empty-id = 为空
ledger-import-after-today = { $published_on } 晚于今天（{ $today }）：公示台账只记录已经过去的日期
ledger-import-before-earliest = { $published_on } 早于 { $year } 年：请核对年份
ledger-import-quarter-no-task = 导出文件中没有计入 { $quarter } 的任务：请先将其导出文件放入 data/tasks/，或删去这一行
ledger-import-before-quarter-end = { $published_on } 早于 { $quarter } 季度结束
ledger-import-several-objects = 任务 { $id } 有 { $count } 个检查对象，各为一条记录：请逐一写作 任务编号/统一社会信用代码（或名称），例如 { $examples }
ledger-import-not-in-exports = 任务 { $id } 不在 data/tasks/ 下的任何导出文件中：请先将其导出文件放入该文件夹，或删去这一行（请核对任务编号的写法）
ledger-import-before-end = { $published_on } 早于检查结束日期（{ $end }）
ledger-import-in-progress = 任务 { $id } 在导出文件中没有检查结束日期（检查仍在进行），其检查结果不可能已公示
ledger-import-no-result = 任务 { $id } 在导出文件中没有检查结果，不可能已公示其检查结果：请先填写其 检查结果
ledger-import-duplicate = { $kind } { $id } 已在第 { $first } 行出现
ledger-import-already-recorded = { $ledger } 已记录 { $kind } { $id } 的公示日期为 { $recorded }；公示台账只增不改，不能在此用更早的日期替换（如 { $published_on } 确为实际公示日期，请凭证据手工更正该行）

## CI 格式：JUnit 失败信息、GitHub 注释和运行摘要（src/ci.rs）

ci-what-result = 检查结果
ci-what-summary = 季度汇总
ci-what-plan = 年度抽查计划
ci-excuse-website = data/published.csv 中
ci-excuse-channel = 该公示渠道（其 late_reason_column 或其文件中的 late_reason）
ci-days = { $days } 天
ci-late = { $kind } { $id }：{ $what }于 { $published_on } 公示（公示期限为 { $deadline }，逾期 { $days }），{ $excuse }未填写 late_reason
ci-overdue = { $kind } { $id }：{ $what }逾期未公示，公示期限 { $deadline } 已过 { $days }
ci-excused = { $kind } { $id }：{ $what }于 { $published_on } 公示，晚于公示期限 { $deadline }，已说明理由：{ $reason }
ci-on-time = { $kind } { $id }：{ $what }于 { $published_on } 公示，公示期限 { $deadline }
ci-due = { $kind } { $id }：{ $what }尚未公示，应于 { $deadline } 前公示
ci-in-progress = 任务 { $id }：检查进行中（没有检查结束日期）
ci-open = 季度 { $id }：尚未结束
ci-not-required = 季度 { $id }：季度汇总于 { $published_on } 公示；其所在时期未规定季度汇总的公示期限（quarter_summary = false）
ci-rejected = 任务 { $id }：数据有误，不予公示
ci-undecided = { $kind } { $id }：{ $what }{ $done }；其公示期限（{ $deadline }）待 { $year } 年节假日安排通知确定：添加 data/calendar/{ $year }.toml（gongshi calendar import）后即可判定
ci-published-on = 已于 { $day } 公示
ci-not-published-yet = 尚未公示
ci-deadline-not-before = 不早于 { $day }
ci-deadline-none = 无
ci-invalid-row = 数据有误，不予公示
ci-warning = 警告：{ $message }
ci-note = 说明：{ $note }
ci-title-item = { $kind } { $id }：{ $status }
ci-title-missing = { $kind } { $id }：已公示，但不在导出文件中
ci-title-channel-date = 日期有误，在该渠道按未公示计
ci-title-not-read = 未读取
ci-summary-heading = gongshi：公示期限检查，截至 { $as_of }
ci-summary-columns = | 行数 | 按期 | 逾期 | 已说明理由 | 待公示 | 逾期未公示 | 检查中 | 数据有误 | 待确定 |
ci-summary-channel = 渠道 { $channel }：按期 { $on_time }，逾期 { $late }，已说明理由 { $excused }，待公示 { $due }，逾期未公示 { $overdue }，检查中 { $in_progress }
ci-summary-violation-columns = | | 编号 | 公示期限 | 逾期天数 | 位置 |
ci-summary-on-channel = （{ $channel }）
ci-summary-missing = { $count } 项已公示的结果现在不在任何导出文件中：
ci-summary-missing-line = { $kind } { $id }（{ $published_on } 公示）：{ $message }
ci-summary-errors = { $count } 个数据有误的行或未读取的文件，不予公示：见注释。

## 构建步骤（src/build.rs、src/progress.rs）

build-out-not-a-folder = 已存在，且不是文件夹
build-out-holds-site = 包含站点文件夹；请另选一个单独的文件夹，例如 public/
build-out-not-ours = 已存在，且不是 gongshi 生成的（其中没有 { $marker }）；构建会整个替换该文件夹，请自行删除或另选文件夹
build-out-no-name = 应为文件夹名
build-progress-files = 个文件
build-stage-checking = 检查
build-stage-writing = 写入
build-waiting-for-lock = 正在等待本站点的另一次 gongshi 构建完成（{ $lock }）
