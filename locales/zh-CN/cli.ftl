# 命令行帮助。英文帮助是 src/cli.rs 中的文档注释；这里是中文，按命令路径和参数名（cli-命令路径--参数）
# 对应，多个命令共用的参数用 cli--参数。src/cli.rs 的测试检查每条帮助都有中文、每条中文都有对应。

cli-unknown-language = 不认识的语言“{ $tag }”：可用 zh-CN（中文）或 en（英文）
cli-help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    用法：{"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = 命令
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-help-command = 显示本说明，或所给子命令的帮助

cli--site = 站点文件夹
cli--color = 何时彩色输出：auto 在终端上彩色（设置了 NO_COLOR 时不彩色），always 总是，never 从不
cli--lang = 消息、报告和帮助的语言：zh-CN（中文）或 en（英文）［默认：看 LC_ALL、LC_MESSAGES 或 LANG，zh_* 时为中文］
cli--help = 显示帮助
cli--version = 显示版本
cli--as-of = 按哪一天检查［默认：北京时间今天］
cli--format = 报告格式：text 一屏摘要，json 全部条目、错误和警告，junit JUnit XML（每个任务和季度一个测试用例，超期为失败），github GitHub Actions 注释；用于终端，或 --report 文件
cli--report = 把 --format 格式的报告写到文件（未给 --format 时按扩展名：.xml 为 junit，.json 为 json）；终端上仍输出文字报告
cli--notify = 发生超期、数据有误、缺少节假日日历或构建失败时，向这个地址 POST 一条中文消息（可多次给出）：企业微信或钉钉群机器人的 webhook，或任何接收 JSON 的地址。通知发送失败只算警告

cli-gongshi = 构建“双随机、一公开”公示网站，并检查每一项公示期限
cli-gongshi-examples =
    示例：
      gongshi init my-site                  新建站点
      gongshi serve --site my-site          在 http://127.0.0.1:1111/ 预览
      gongshi build --site my-site          构建到 my-site/public 并输出报告
      gongshi check --format junit --report report.xml
      gongshi deadline task 2025-09-26
      gongshi calendar 2026
      gongshi ledger import old-site.csv    补记使用 gongshi 之前结果的公示日期
      gongshi withdraw 编号 --reason 理由    撤回已公示的结果，并说明理由
      gongshi deploy --to /mnt/cms/zhuanti/gongshi   把有变化的文件复制到网站服务器
      gongshi verify --url https://sthjj.example.gov.cn/gongshi/   部署后核验是否已上线

    退出码：0 无问题，1 发现问题（有超期或数据有误的行），2 致命错误。

cli-gongshi-build = 构建网站并输出期限报告
cli-gongshi-build-examples =
    示例：
      gongshi build                                     构建当前文件夹的站点到 ./public
      gongshi build --site bureau --out /srv/www/shuangsuiji
      gongshi build --format junit --report report.xml  JUnit 写到文件，文字报告输出到终端
      gongshi build --format github                     用于 GitHub Actions 的注释
      gongshi build --no-ledger --as-of 2025-12-01      预览某一天的情况，不记录任何内容
      gongshi build --notify "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY"
cli-gongshi-build--out = 输出文件夹［默认：站点/public］
cli-gongshi-build--no-ledger = 不把首次公示记入 data/published.csv（用于预览）

cli-gongshi-check = 像构建一样输出期限报告，但不写任何文件
cli-gongshi-check-examples =
    示例：
      gongshi check                                  有超期时退出码为 1
      gongshi check --as-of 2025-12-01               到那一天时的情况
      gongshi check --format json | jq '.summary'

cli-gongshi-serve = 预览网站：构建到临时文件夹，在 127.0.0.1 上提供访问，每次改动后重新构建。从不写公示台账和正式输出
cli-gongshi-serve-examples =
    示例：
      gongshi serve                          当前文件夹的站点，在 http://127.0.0.1:1111/
      gongshi serve --site bureau --port 0   任意空闲端口（会输出）
cli-gongshi-serve--port = 127.0.0.1 上的端口；0 为任意空闲端口［默认：1111，被占用时任选一个空闲端口］

cli-gongshi-init = 新建站点文件夹：gongshi.toml、示例台账、“关于”页面、.gitignore
cli-gongshi-init-examples =
    示例：
      gongshi init my-site && gongshi build --site my-site
cli-gongshi-init--dir = 要创建的文件夹（不能已存在，或须为空）
cli-gongshi-init--as-of = 示例检查日期从哪一天往前推［默认：今天］

cli-gongshi-deadline = 按站点的规则和日历输出期限，每行一个
cli-gongshi-deadline-examples =
    示例：
      gongshi deadline task 2025-09-26 2025/4/30
      gongshi deadline quarter 2025Q3
cli-gongshi-deadline-task = 在这些日期结束的检查，其结果的公示期限
cli-gongshi-deadline-task-examples =
    示例：
      gongshi deadline task 2025-09-26            2025-10-28（18 个工作日，不含国庆·中秋 10-01..08）
      gongshi deadline --site bureau task 2025/4/30 20250930
cli-gongshi-deadline-task--dates = 检查结束日期
cli-gongshi-deadline-quarter = 这些季度（2025Q1 等）汇总的公示期限。所在时段未要求季度汇总（quarter_summary = false）的季度输出一行错误，退出码为 1
cli-gongshi-deadline-quarter-examples =
    示例：
      gongshi deadline quarter 2025Q3         2025-10-13（09-30 之后 13 个自然日）
      gongshi deadline quarter 2025Q1 2025Q2
cli-gongshi-deadline-quarter--quarters = 季度

cli-gongshi-calendar = 输出某一年的节假日和调休上班日，或检查新一年的日历文件
cli-gongshi-calendar-examples =
    示例：
      gongshi calendar                    已知的年份及其通知
      gongshi calendar 2026               2026 年的节假日和调休上班日
      gongshi calendar check data/calendar/2027.toml
cli-gongshi-calendar--site = 站点文件夹（其中的 data/calendar/ 可增加或替换年份）
cli-gongshi-calendar--year = 要输出的年份
cli-gongshi-calendar-import = 根据国务院办公厅关于某年部分节假日安排的通知生成下一年的日历文件：把通知原文粘贴到一个文件中。生成的文件按 calendar check 的方式检查；读不准的原文会被拒绝，并指出是哪一句，不写任何文件
cli-gongshi-calendar-import-examples =
    示例：
      gongshi calendar import notice.txt                             输出 data/calendar/2027.toml 的内容
      gongshi calendar import notice.txt -o data/calendar/2027.toml  写入文件，然后提交
cli-gongshi-calendar-import--notice = 通知原文（UTF-8 或 GBK），从中国政府网或新闻页面复制
cli-gongshi-calendar-import--output = 把日历文件写到这里，而不是输出（文件不能已存在）
cli-gongshi-calendar-check = 添加日历文件之前先检查：列出每一处错误和改法
cli-gongshi-calendar-check-examples =
    示例：
      gongshi calendar check data/calendar/2027.toml
cli-gongshi-calendar-check--file = 日历文件

cli-gongshi-ledger = 处理公示台账（data/published.csv）：导入使用 gongshi 之前的公示记录
cli-gongshi-ledger-examples =
    示例：
      gongshi ledger import old-site.csv    旧网站上结果的公示日期
cli-gongshi-ledger-import = 导入使用 gongshi 之前结果实际公示的日期：CSV 文件，列为 id（或 任务编号）和 published_on（或 公示日期），可选 kind（task 或 quarter）和 late_reason（逾期原因）。每一行都会检查；全部通过才一次写入，否则一行也不写
cli-gongshi-ledger-import-examples =
    示例：
      gongshi ledger import old-site.csv
      gongshi ledger --site bureau import history.csv

    文件内容如：
      任务编号,公示日期
      PS-2025-Q1-0001,2025-02-10
      PS-2025-Q1-0002,2025/2/14
cli-gongshi-ledger-import--file = 要导入的 CSV 文件

cli-gongshi-withdraw = 撤回已公示的结果：其页面在原地址说明已撤回、撤回日期和理由，并从列表、开放数据和搜索中移除
cli-gongshi-withdraw-examples =
    示例：
      gongshi withdraw PS-2025-Q3-0042 --reason "检查对象名称录入错误"
      gongshi build      发布这一改动；然后提交 data/published.csv
cli-gongshi-withdraw--id = 任务编号，与台账中的一致
cli-gongshi-withdraw--reason = 撤回理由：显示在其页面上

cli-gongshi-deploy = 发布构建好的网站：把有变化的文件复制到文件夹（本地或挂载的），或通过 rsync、SFTP 复制，索引页最后复制；然后删除 gongshi 以前放在那里、现在不再构建的文件（不删其他任何文件）。目标处的清单文件（.gongshi-deploy）记录那里有什么。部署失败时退出码为 2（已复制的保留，再运行一次即可）
cli-gongshi-deploy-examples =
    示例：
      gongshi deploy --to /mnt/cms/zhuanti/gongshi            本地或挂载的文件夹
      gongshi deploy --to web@www.example.gov.cn:/srv/www/gongshi   通过 ssh 的 rsync
      gongshi deploy --to rsync:/srv/www/gongshi              rsync 到本地文件夹
      gongshi deploy --to rsync://backup.example/www/gongshi  rsync 守护进程
      gongshi deploy --to sftp://web@www.example.gov.cn/srv/www/gongshi   SFTP（用密钥，不用密码）
      gongshi deploy --to /mnt/cms/zhuanti/gongshi --dry-run  只看会复制和删除什么
cli-gongshi-deploy--site = 站点文件夹（部署期间，它的锁使构建不能运行）
cli-gongshi-deploy--out = 构建好的网站［默认：站点/public］
cli-gongshi-deploy--to = 目标：文件夹；rsync 用 rsync:目标、主机:路径 或 rsync://主机/模块/路径；SFTP 用 sftp://[用户@]主机[:端口]/路径
cli-gongshi-deploy--dry-run = 只说明会复制和删除什么，不做任何改动

cli-gongshi-verify = 核验部署是否已上线：台账中记为已公示的每条结果和季度汇总，以及首页，都必须返回 200 且是本次构建的页面（每个页面带有指纹）。部署后马上运行，通过后再提交台账。有页面缺失或过期时退出码为 1，无法访问网站时为 2
cli-gongshi-verify-examples =
    示例：
      gongshi verify --url https://sthjj.example.gov.cn/gongshi/
      gongshi verify                        使用 gongshi.toml 中的地址（[site] base_url）
      gongshi verify --url "$PAGE_URL" --wait 300   在 CI 中：给部署 5 分钟
      gongshi verify --format json | jq '.missing[].url'
cli-gongshi-verify--site = 站点文件夹，与构建时读取的一致（含构建写入的台账）
cli-gongshi-verify--url = 网站的公开地址，即公众访问的地址［默认：[site] base_url］
cli-gongshi-verify--as-of = 构建所按的日期［默认：北京时间今天］
cli-gongshi-verify--format = text：数量和前几个问题；json：每个未上线的页面
cli-gongshi-verify--jobs = 同时获取的页面数
cli-gongshi-verify--timeout = 一个页面最长的响应时间，单位秒
cli-gongshi-verify--wait = 对尚未上线的页面每 10 秒再查一次，最多这么多秒（部署或 CDN 需要一段时间时）；0 为只查一次

cli-gongshi-completions = 输出 shell 补全脚本
cli-gongshi-completions-examples =
    示例：
      gongshi completions bash > ~/.local/share/bash-completion/completions/gongshi
      gongshi completions zsh > ~/.zfunc/_gongshi
      gongshi completions fish > ~/.config/fish/completions/gongshi.fish
cli-gongshi-completions--shell = shell 的种类

cli-gongshi-man = 输出 man 手册页（roff）：gongshi 的，或某个命令的（gongshi-build(1) 等）
cli-gongshi-man-examples =
    示例：
      gongshi man > /usr/local/share/man/man1/gongshi.1 && man gongshi
      for c in init serve build check deadline calendar; do
        gongshi man $c > /usr/local/share/man/man1/gongshi-$c.1
      done
cli-gongshi-man--command = 命令，输出它自己的手册页
cli-values = ［可选：{ $values }］
cli-default = ［默认：{ $default }］
