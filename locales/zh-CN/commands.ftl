# 各命令的输出：init、deploy、verify、serve、calendar、ledger、withdraw。
init-not-empty = { $dir } 不是空文件夹：gongshi init 只新建站点，从不覆盖已有的站点；请给一个新文件夹的名字
init-created = 已创建 { $dir }：
init-next =
    下一步：
    {"  "}gongshi serve --site { $site }    预览
    {"  "}gongshi ledger --site { $site } import history.csv    使用 gongshi 之前已公示的结果：在第一次构建之前补记它们真实的公示日期
    {"  "}gongshi build --site { $site }    构建到 { $site }/public；然后提交 data/published.csv 和 data/published-records.jsonl

deploy-would-copy = 将复制
deploy-would-remove = 将删除
deploy-copied = 已复制
deploy-removed = 已删除
deploy-summary = { $target }：{ $copy } { $copied } 个文件（其中索引页 { $indexes } 个，最后复制），{ $remove } { $removed } 个，{ $unchanged } 个未变
deploy-no-manifest = 说明：那里还没有 { $manifest }：已逐字节比较那里的文件，没有删除任何文件
deploy-dry-run = 演练：没有复制或删除任何文件
deploy-and-more = ……另有 { $count } 个

withdraw-done = { $ledger }：任务 { $id } 已于 { $on } 撤回。下次构建起，其页面（地址不变）会说明已撤回，并从列表、开放数据和搜索中移除。请构建并提交 { $ledger }，使改动公开。

ledger-imported = { $ledger }：从 { $file } 导入了 { $count } 条首次公示记录
ledger-imported-already = （另有 { $count } 条已按相同日期记录）
ledger-import-refused = { $count } 个问题：没有导入任何记录；改正后再运行导入

build-notify-failed = 警告：--notify { $url }：未发送：{ $why }
build-written = { $out }：共 { $files } 个文件，写入 { $written } 个，{ $unchanged } 个未变{ $extra }（{ $seconds } 秒）
build-written-removed = ，删除 { $count } 个
build-written-inputs-unchanged = ，输入与上次读取时相同
deploy-sftp-address = --to { $to }：请写明位置，如 sftp://web@www.example.gov.cn/srv/www/gongshi（端口写在主机后：sftp://host:2222/path）
deploy-sftp-missing = 本机没有安装 sftp（apt-get install openssh-client；Windows 上启用“OpenSSH 客户端”功能），或用 GONGSHI_SFTP 指定其路径
deploy-sftp-cannot-run = 无法运行 sftp：{ $error }
deploy-sftp-failed = sftp 出错（{ $what }，退出码 { $code }）：
    { $said }
deploy-sftp-reading-manifest = 读取清单时
deploy-sftp-copying = 复制时
deploy-rsync-address = --to { $to }：请写明位置，如 rsync:/srv/www/gongshi 或 user@host:/srv/www/gongshi
deploy-no-target = --to：请写明部署到哪里
deploy-no-built-site = { $out }：那里没有构建好的网站；请先运行 `gongshi build`（或给出 --out）
deploy-not-built-by-gongshi = { $out }：不是 gongshi 构建的文件夹（其中没有 { $marker }）；请先运行 `gongshi build`（或给出 --out）
deploy-into-output = --to { $to }：在输出文件夹 { $out } 之内（下次构建会整个替换它）；请部署到单独的文件夹
deploy-bad-manifest = { $path }：不是 gongshi 的部署清单（已损坏？）；它记录那里哪些文件是 gongshi 放的。把它移走，即按新目标部署（那里的文件都不会被删除）
deploy-rsync-missing = 本机没有安装 rsync（apt-get install rsync），或改为部署到挂载的文件夹
deploy-rsync-cannot-run = 无法运行 rsync：{ $error }
deploy-rsync-failed = rsync 出错（{ $what }，退出码 { $code }）：
    { $said }
deploy-rsync-no-manifest = rsync 无法读取 { $remote }（退出码 { $code }）：
    { $said }
deploy-rsync-copying-pages = 复制页面时
deploy-rsync-copying-indexes = 复制索引页时
deploy-rsync-removing = 删除不再构建的文件时
deploy-rsync-writing-manifest = 写入清单时

verify-heading = 核验 { $url }（截至 { $as_of }）：检查了 { $checked } 个页面：{ $results } 条结果，{ $quarters } 个季度汇总，首页
verify-missing = 缺失（线上网站没有）
verify-stale = 过期（线上页面不是本次构建的）
verify-page-quarter = { $id } 季度汇总
verify-page-result = 结果 { $id }
verify-page-home = 首页
verify-more = ……另有 { $count } 个（gongshi verify --format json 列出全部）
verify-not-built = 说明：{ $ledger } 中有 { $count } 行在本次构建中没有页面，因此未核验；gongshi check 在“缺失”下列出它们及原因
verify-not-live = 未上线：缺失 { $missing } 个页面，过期 { $stale } 个：部署没有完成，或线上网站是另一次构建的。
    {"  "}建议：重新部署，然后运行 gongshi verify。核验通过之前不要提交 { $ledger }：否则它会表明这些结果已公开。
verify-no-page-answered = 没有任何页面作为本站页面响应：如果确实已部署，请检查 { $url } 是否为网站地址（含路径）。
verify-live = 已上线：全部 { $checked } 个页面都是本次构建的内容。

calendar-check-failed = { $count } 个问题：改正后再把文件加到 data/calendar/
calendar-notice-encoding = { $file }：{ $message }；请把通知另存为 UTF-8 文本
calendar-notice-refused = 有 { $count } 句不能确定地读懂：没有写入任何文件。请检查文本是否为发布的通知全文（国务院办公厅关于YYYY年部分节假日安排的通知），或手工编写 data/calendar/YYYY.toml（见 `gongshi calendar check`）
calendar-made-wrong = 由 { $file } 生成的日历有 { $count } 个问题：没有写入任何文件
calendar-skipped = 说明：{ $sentence }
calendar-made-from = { $target }（由 { $notice } 生成）
calendar-exists = { $path }：已存在；请先删除，或写到别处再比较
calendar-wrote = 已写入 { $path }：请与通知核对，然后提交

serve-not-a-folder = serve：{ $site } 不是文件夹；请用 --site 给出站点文件夹（gongshi init 文件夹 可新建一个）
serve-serving = 正在 http://127.0.0.1:{ $port }/ 预览 { $site }（仅供预览：不改动公示台账和正式输出；按 Ctrl-C 停止）
serve-cannot-listen = serve：无法监听 127.0.0.1:{ $port }：{ $error }；请换一个 --port（0 为任意空闲端口）
serve-crashed = gongshi 构建时崩溃（这是程序缺陷，请报告）：{ $what }
serve-built = 构建用时 { $seconds } 秒：写入 { $written } 个文件；{ $verdict }
serve-build-failed = 构建失败：{ $error }

deadline-none = 错误：{ $input }：其所在时段的规则没有规定季度汇总的期限（gongshi.toml 中 quarter_summary = false）
deadline-waits = 错误：{ $input }：期限取决于 { $year } 年的节假日安排，而该年日历尚未添加；期限不早于 { $not_before }。
    {"  "}建议：国务院办公厅发布 { $year } 年节假日安排通知后，运行 `gongshi calendar import 通知.txt -o data/calendar/{ $year }.toml`
emit-failed = 写出报告时出错：{ $error }

## verify：拒绝核验的原因，以及页面缺失或过时的原因。

verify-no-fingerprint-meta = 主题的模板没有把每个页面的指纹写进页面，gongshi verify 无法区分本次构建的页面和其他构建的页面。
      {"  "}建议：在主题 base.html 的 <head> 中加入 <meta name="{ $meta }" content="{"{{"} { $variable } {"}}"}">（见 README“Theme and template variables”一节）
verify-url-given = --url { $url }：应为网站的公开地址，例如 https://sthjj.example.gov.cn/gongshi/
verify-url-none = 要核验哪个网站？请用 --url 给出它的公开地址（例如 https://sthjj.example.gov.cn/gongshi/）；[site] base_url（"{ $url }"）不是公开地址
verify-url-query = --url { $url }：网站地址不要带查询部分（?...）
verify-no-home = 站点没有可核验的首页
verify-no-answer = 无应答：{ $message }
verify-no-fingerprint = 页面上没有 gongshi 指纹（旧版 gongshi 构建的页面，或不是 gongshi 生成的页面）
verify-other-build = 其他构建的页面（指纹 { $live }，本次构建为 { $built }）
verify-stopped = 网站停止应答（连续 { $count } 个页面没有应答；最后一次：{ $message }）
verify-reading = 读取页面时出错：{ $error }
verify-not-found-page = 返回 200，但内容是本站的“页面不存在”页

## notify：通知发送失败的原因。

notify-url = --notify { $url }：应为 http:// 或 https:// 地址（企业微信或钉钉群机器人的 webhook，或任何接收 JSON 的地址）
notify-status = 对方返回 { $status }：{ $answer }
notify-refused = 机器人拒收：errcode { $code } { $said }
