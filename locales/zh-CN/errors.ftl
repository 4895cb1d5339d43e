# 使命令停止的错误（退出码 2），由 main 输出。

error-line = 错误：{ $error }
error-in-file = { $file }：{ $message }
problem-field = { $field }：{ $message }
error-missing-calendar-year = 没有 { $year } 年的工作日历：这里的期限要用到 { $year } 年。
      {"  "}建议：国务院办公厅发布 { $year } 年节假日安排通知后，把 data/calendar/{ $year }.toml 加到站点中（见 README“Calendar”一节；可用 gongshi calendar import 从通知原文生成）
error-not-today = --as-of { $as_of } 不是今天（北京时间 { $today }）：data/published.csv 记录每条结果实际公示的日期，只有按今天构建才能写入。
      {"  "}建议：加 --no-ledger 预览 { $as_of }，不记录任何内容；要补记使用 gongshi 之前的公示，请用 `gongshi ledger import 文件`
error-this-folder = 当前文件夹（.）
error-not-a-site = { $site } 不是 gongshi 站点：{ $details }
      {"  "}站点文件夹的 data/tasks/ 中放平台导出的文件（CSV 或 Excel），还可以有 gongshi.toml、data/published.csv、content/ 和 themes/。
      {"  "}建议：把导出文件放进 data/tasks/，用 --site 指向站点文件夹，或用 `gongshi init 文件夹` 新建站点
error-deploy = 部署到 { $target }：{ $message }
      {"  "}已复制的文件保留；问题解决后再运行 gongshi deploy，它会复制仍缺少的文件
error-locked = 本站点的另一个 gongshi 构建正在运行（它占用着 { $path }）
error-unreachable = 无法访问 { $url }：{ $message }
      {"  "}没有核验任何页面，也无法证明网站已上线。
      {"  "}建议：检查地址（--url）和本机网络，然后再运行 gongshi verify

version = { $version }（提交 { $commit }；内置节假日日历：{ $years }）
diagnostic-error = 错误
diagnostic-titled = { $error }：{ $title }
diagnostic-empty = { $field }（空）

# 统一社会信用代码（GB 32100）。
credit-code-length = “{ $code }”有 { $length } 个字符；统一社会信用代码应为 18 位
credit-code-character = “{ $code }”：第 { $position } 个字符（“{ $character }”）不允许使用；统一社会信用代码只用 0-9 和除 I、O、S、V、Z 以外的大写字母 A-Y

# 用法错误（clap 用英文说的那些）的中文。
usage-unknown-argument = 没有这个参数：'{ $arg }'
usage-unknown-subcommand = 没有这个子命令：'{ $command }'
usage-invalid-value = '{ $arg }' 不接受值 '{ $value }'
usage-valid-values = （可用的值：{ $values }）
usage-missing-argument = 缺少必需的参数：{ $arg }
usage-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 一起使用
usage-tip = {"  "}提示：有相近的：'{ $similar }'
usage-line = 用法：{ $usage }
usage-more = 更多信息请运行 '--help'。
