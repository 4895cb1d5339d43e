# 导出文件的问题：行、列、文件（src/ingest/）。

## 嵌入其他消息的列表和短语。

ingest-list-separator = 、
ingest-quoted-or = ”或“
ingest-unit-row = 行
ingest-unit-line = 行
ingest-units-row = 行
ingest-units-line = 行
ingest-file-sheet = { $file } 的工作表 { $sheet }

## data/tasks/ 下未读取的文件，以及不是站点的文件夹。

ingest-unread-lock-file = Excel 锁定文件（该工作簿正在 Excel 或 WPS 中打开）：请关闭工作簿，或删除此文件
ingest-unread-wps = WPS 表格文件（.et），gongshi 无法读取：请在 WPS 中打开，另存为 .xlsx（另存为 → Excel 工作簿）到 data/tasks/，再将此文件移出 data/tasks/
ingest-unread-text = 未读取：gongshi 在此读取 .csv（逗号或制表符分隔）、.xlsx、.xls 和 .ods 文件。如果这是导出文件，请将其改名为 .csv；如果不是，请将其移出 data/tasks/
ingest-unread-other = 不是任务台账：gongshi 在此读取 .csv、.xlsx、.xls 和 .ods 文件。请将其移出 data/tasks/
ingest-site-missing = 站点文件夹 { $site } 不存在；请检查 --site（新建站点请用 `gongshi init { $site }`）
ingest-site-is-file = --site { $site } 是文件，不是站点文件夹
ingest-site-no-ledger = 其 data/tasks/ 文件夹中没有任务台账（*.csv、*.xlsx、*.xls、*.ods）
ingest-site-no-tasks-folder = 其中没有 data/tasks/ 文件夹
ingest-site-found = 发现 { $file }：{ $reason }
ingest-site-misplaced = 发现 data/{ $name }：任务台账应放在 data/tasks/ 中，请将其移到该处
ingest-no-ledgers = 未找到任务台账：请将导出文件（CSV 或 Excel）放在 data/tasks/ 下

## 列和表头。

ingest-unknown-column = 列“{ $column }”已忽略（不是已知字段），见于 { $files }
ingest-missing-column = 未找到{ $field }列；表头应以下列名称之一标明该列：{ $aliases }
ingest-columns-not-a-field = [columns] { $key }：不是字段；字段有 { $fields }
ingest-columns-empty-name = [columns] { $key }：有一个表头名称为空
ingest-columns-twice = [columns]：“{ $name }”同时指定给 { $other } 和 { $key }；一列只能对应一个字段
ingest-columns-both = 列 { $first } 和列 { $second } 都是{ $field }；使用列 { $first }
ingest-fill-down-empty = [input] fill_down：有一个列名为空
ingest-channel-column-is-field = 公示渠道 { $channel }：列“{ $name }”被读作{ $label }（{ $key }）；请指定记录在{ $channel_name }公示日期的那一列
ingest-header-no-end = 其表头（第 { $line } 行）没有{ $field }列：应为以下之一：{ $aliases }
ingest-column-passed-over = { $place }：未读取列“{ $column }”：{ $field }取自列“{ $read }”
ingest-lookalike = 列“{ $name }”未读取，看起来是{ $label }（{ $key }），而此导出文件没有该字段的列，因此页面上该项将显示为空。如果确是该字段，请在 gongshi.toml 中加入：
    {"  "}[columns]
    {"  "}{ $key } = "{ $name }"
ingest-channel-no-column = 没有“{ $columns }”列（在{ $channel }的公示日期）：此文件的检查结果在该渠道计为未公示。请添加该列，或在 gongshi.toml 的 [[channel]] date_column 中写明其列名
ingest-unnamed-values = 有一列没有表头但有数据；这些数据已忽略：请为该列命名或将其删除

## 检查结果用语。

ingest-unclassified-result = 检查结果“{ $word }”（{ $count } 条记录，第一条在第 { $line } 行）不属于任何结果类别，因此按原文公示，但既不计为发现问题，也不计为未发现问题。请将其加入 gongshi.toml，例如：
    {"  "}[results]
    {"  "}problem = ["{ $word }"]   # 或 no_problem、not_inspected、pending

## 从列中读取的公示渠道日期。

ingest-date-expected = { $message }；应为{ $formats }
ingest-date-formats = 日期，如 2025-09-26、2025/9/26、2025.9.26、2025年9月26日、20250926 或 Excel 日期序列号
ingest-before-earliest = { $day } 早于 { $year } 年：请检查年份
ingest-channel-before-end = { $day } 早于检查结束日期（{ $end }）：检查结果应在检查结束后公示
ingest-channel-after-as-of = { $column }：{ $day } 晚于截至日期 { $as_of }
ingest-channel-date-wrong = { $message }。该检查结果仍在网站上公示；在{ $channel }，日期改正前计为未公示

## 文件中各表格的读取情况。

ingest-sheet-unusable = 工作表未读取：{ $reason }；其中 { $count } 行未公示。请添加该列，或在 gongshi.toml 中写明列名（[columns] end = "…"）
ingest-sheet-no-header = 工作表未读取：前几行中没有标明{ $field }的表头，因此其中 { $count } 行看似数据的行未公示。如果该工作表包含检查结果，请在 gongshi.toml 中写明其任务编号列（[columns] task_id = "…"）；如果没有，请将该工作表移出工作簿
ingest-second-header = { $name }：第 { $line } { $unit }作为表头的第二行读取
ingest-repeated-headers = { $name }：第 { $lines } { $units }与表头重复（多个文件拼接而成？），已跳过
ingest-title-skipped = { $name }：表头上方第 { $lines } { $units }作为标题跳过
ingest-skipped-totals = { $name }：第 { $line } { $units }是合计行（合计），已跳过，不作为记录
ingest-skipped-notes = { $name }：第 { $line } { $units }是备注行（填表人、制表日期等），已跳过，不作为记录
ingest-blank-rows = { $name }：跳过 { $count } 个空行
ingest-filled = { $name }：{ $count } 个空单元格已用上一行的值填充（[input] fill_down）
ingest-merged-csv = Excel 中的合并单元格另存为 CSV 后的情况
ingest-merged-csv-remedy = 请将工作簿本身放入 data/tasks/（gongshi 可读取 .xlsx 和 .xls，包括合并单元格）
ingest-merged-split = 先合并后又取消合并的单元格（取消合并只在第一行保留值）
ingest-merged-split-remedy = 请重新合并，或将其填写完整
ingest-merged-unseen = 合并单元格（gongshi 在这类文件中无法识别合并单元格）
ingest-merged-unseen-remedy = 请另存为 .xlsx（另存为 → Excel 工作簿），可保留合并单元格
ingest-merged-leftovers = { $count } 行（第 { $lines } { $units }）的{ $field }为空，而其上一行有值：这看起来是{ $what }，合并区域中只有第一行保留值。{ $remedy }；如果这些行都属于其上方的任务，也可在 gongshi.toml 中加入：
    {"  "}[input]
    {"  "}fill_down = ["{ $field }"]
ingest-merged-cell-hint = （疑似合并单元格：见此文件的警告）
ingest-no-sheet-header = 没有工作表的表头标明{ $field }（{ $aliases }），因此其中的内容均未公示：请检查这是否为平台的导出文件，或在 gongshi.toml 中写明其列名（[columns]）
ingest-sheets-without-header = { $file }：工作表 { $sheets } 中没有含{ $field }列的表格，未读取

## 无法区分的行。

ingest-object-missing = 为空，统一社会信用代码也为空：任务“{ $task }”有多个检查对象，每行须写明各自的检查对象
ingest-duplicate-task = 任务编号“{ $task }”
ingest-duplicate-task-object = 任务编号“{ $task }”、检查对象“{ $object }”
ingest-duplicate = { $what }出现在 { $count } 行中，无法区分：{ $places }；请修改导出文件，使每个任务只出现一次
ingest-duplicate-object = { $what }出现在 { $count } 行中，无法区分：{ $places }；请修改导出文件，使每个任务和检查对象只出现一次
ingest-duplicate-again = { $what }重复：见 { $first }，该处列出了所有行
ingest-shared-page = 任务编号“{ $task }”将与其他任务使用同一页面：{ $places }；请修改导出文件，使每个任务编号只有一种写法

## 行中的单元格。

ingest-field-too-long = { $length } 个字符；一个字段最多 { $max } 个字符：请检查导出文件
ingest-excel-error = 含有 Excel 错误值 { $value }：导出文件中此处的公式计算失败。请在单元格中填入值本身（复制 → 选择性粘贴 → 数值）后重新导出
ingest-field-count = 应与表头一样有 { $expected } 个字段，实际有 { $found } 个：请检查是否有未加引号的逗号或缺少的单元格
ingest-trailing-empty = 最后一列之后的 { $count } 个空单元格已忽略
ingest-task-id-empty = 为空：每行都须有任务编号
ingest-task-id-quarter = “{ $id }”的写法与季度相同，而公示台账（data/published.csv）以此标识 { $id } 的季度汇总：请像平台那样为该任务使用其自己的编号
ingest-task-id-personal = 含有疑似手机号码或身份证号码的内容；任务编号按原样公示，不得包含个人信息
ingest-task-id-control = 含有控制字符
ingest-end-before-start = { $end } 早于开始日期 { $start }
ingest-end-after-as-of = { $end } 晚于截至日期 { $as_of }：检查不可能在未来结束
ingest-credit-code-identity = 填写的是身份证号码，不是统一社会信用代码：已脱敏公示
ingest-credit-code-check = “{ $code }”：校验码为 { $found }，按 GB 32100 应为 { $expected }；按原文公示
ingest-joint-word = “{ $word }”不是“是”或“否”；仅在“联合检查部门”有内容时计为联合检查
ingest-what-task-id = 任务编号
ingest-what-credit-code = 统一社会信用代码
ingest-excel-scientific = “{ $text }”是被 Excel 转成数字（科学计数法）的{ $what }，其数字已丢失。请在平台导出时，或在 Excel 中保存前，将该列设为文本格式（设置单元格格式 → 文本）后重新导出

## 编码。

ingest-bom-invalid = 以 { $encoding } 字节顺序标记开头，但不是有效的 { $encoding } 文本
ingest-line-not-text = 第 { $line } 行既不是 UTF-8 也不是 GBK/GB18030 文本：请将文件另存为 CSV（UTF-8）后重试
ingest-mixed-encodings = 混用编码：第 { $lines } 行按 GBK 读取，其余按 UTF-8 读取；请以单一编码重新导出

## 打开文件。

ingest-reader-failed = 工作簿读取程序处理此文件时出错
ingest-workbook-unreadable = 无法作为工作簿读取（{ $reason }），因此其中的内容均未公示：请在 Excel 或 WPS 中打开，重新另存为 .xlsx（不设密码），或从平台重新导出
ingest-unclosed-quote = 此处的引号（"）没有闭合，其后每一行都会被读作同一个单元格的内容；请补上闭合引号或删除该引号
ingest-csv-unreadable = 无法作为 CSV 读取：{ $message }
ingest-sheet-error = 工作表 { $sheet }：{ $error }
ingest-sheet-too-many-cells = 工作表 { $sheet } 的单元格超过 { $max } 个
ingest-sheet-cell-outside = 工作表 { $sheet } 有单元格超出工作表可有的范围（第 { $row } 行，第 { $column } 列）
ingest-sheet-too-many-merged = 工作表 { $sheet }：合并区域超过 { $areas } 个，或覆盖超过 { $cells } 个单元格
ingest-cfb-damaged = 其复合文档结构已损坏（{ $what }）
ingest-cfb-header-cut = 文件头不完整
ingest-cfb-sector-size = 扇区大小有误
ingest-cfb-difat-loops = DIFAT 链循环
ingest-cfb-difat-past-end = DIFAT 扇区超出文件末尾
ingest-cfb-too-many-fat = FAT 扇区数多于文件实有
ingest-cfb-fat-past-end = FAT 扇区超出文件末尾
ingest-cfb-chain-loops = 扇区链循环
ingest-cfb-no-workbook = 未找到工作簿数据流
ingest-cfb-no-root = 没有根目录项
ingest-cfb-mini-chain-loops = 短扇区链循环
ingest-xls-bad-size = 有工作表声明了 .xls 不可能有的大小（行 { $first_row }..{ $rows_end }，列 { $first_column }..{ $columns_end }）
ingest-xls-cell-outside = 第 { $column } 列的单元格超出 .xls 文件的范围（256 列）
ingest-xls-too-large = 各工作表从 A1 到最远单元格的范围合计超过 { $max } 个单元格
