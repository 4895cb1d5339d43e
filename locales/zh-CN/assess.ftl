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
        [one] 该季度
       *[other] 这些季度
    }的任务来自没有 是否联合检查 或 联合检查部门 列的导出文件，其季度汇总页面不显示联合检查数据和目标
assess-missing-quarter = 其任务现在都不在导出文件或归档中：无法生成其季度汇总页面。请将其任务放回导出文件
assess-archive-damaged = 第 { $lines } 行无法读取（写入中断或被手工编辑），已跳过；这些行所存的检查结果，只要其所在行仍在导出文件中，gongshi 会重新归档
assess-channel-id-unused = { $id } 不在任何导出文件中：其在 { $channel } 的公示日期不起作用。请对照导出文件核对任务编号（有多个检查对象的任务，写作 任务编号/统一社会信用代码）
assess-calendar-how = { $year } 年的国务院办公厅关于{ $year }年部分节假日安排的通知通常在 11 月发布。发布后，请将通知全文保存为文件，运行 `gongshi calendar import notice.txt -o data/calendar/{ $year }.toml`，并提交该文件
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
