# 期限报告的文字版（gongshi build、gongshi check）。

report-heading = gongshi 报告，截至 { $as_of }
report-rows = 共 { $rows } 行：已公示 { $published }（按期 { $on_time }，逾期 { $late }，已说明理由 { $excused }），待公示 { $due }，逾期未公示 { $overdue }，检查中 { $in_progress }，数据有误 { $rejected }
report-quarters = 季度汇总：按期 { $on_time }，逾期 { $late }，已说明理由 { $excused }，季度未结束 { $open }
report-plans = 年度抽查计划：按期 { $on_time }，逾期 { $late }，已说明理由 { $excused }，待公示 { $due }，逾期未公示 { $overdue }
report-and-undecided = ，待确定 { $count }
report-and-not-required = ，无公示期限 { $count }
report-and-dates-in-error = ，日期有误 { $count }
report-withdrawn = 已撤下 { $count }：{ $ids }
report-channel = 渠道 { $channel }：按期 { $on_time }，逾期 { $late }，已说明理由 { $excused }，待公示 { $due }，逾期未公示 { $overdue }，检查中 { $in_progress }
report-violations = 超过公示期限（{ $count }）
report-undecided = 待确定（{ $count }）：期限要等节假日安排通知发布后才能确定
report-missing = 缺失（{ $count }）：已公示，但现在的导出文件中没有
report-errors = 错误（{ $count }）：以下行未公示
report-errors-with-files = 错误（{ $count }）：以下文件未读取、行未公示
report-channel-errors = 渠道日期有误（{ $count }）：结果已在本网站公示；在该渠道按未公示计
report-warnings = 警告（{ $count }）
report-notes = 说明
report-more = ……另有 { $count } 条（--format json 列出全部）
report-missing-line = { $kind } { $id }  公示于 { $published_on }：{ $message }
report-deadline = 期限 { $deadline }
report-deadline-not-before = 期限不早于 { $not_before }（具体日期要等 { $year } 年节假日安排通知）
report-published = 公示于 { $published }
report-days-late = 逾期 { $days } 天
kind-task = 任务
kind-quarter = 季度
kind-plan = 年度计划

verdict-ok = 通过：没有超过期限的公示，没有数据有误的行
verdict-failed = 未通过：{ $failures }
verdict-missed = { $count } 项超过公示期限
verdict-channel-errors = 其他渠道 { $count } 个日期有误
verdict-invalid = { $count } 行数据有误
verdict-undecided = { $count } 项状态待确定，要等添加 { $years } 年节假日安排通知
verdict-unread-files = data/tasks/ 中 { $count } 个文件未读取
verdict-missing = { $count } 条已公示结果不在现在的导出文件中

list-separator = {"，"}
list-and = {"、"}
