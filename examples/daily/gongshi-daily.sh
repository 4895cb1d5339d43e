#!/usr/bin/env bash
# gongshi once a day, without CI: from cron on the web team's server (or any Linux machine that
# can reach the web server).
#
#   1. keeps the ledger safe: a dated copy in backups/ before the build, and a stop (with a
#      notification) if the ledger is shorter than the last copy, which only an overwrite by an
#      older file can cause: the ledger only ever grows;
#   2. builds the site (gongshi build), which records what it publishes in the ledger;
#   3. publishes it (gongshi deploy): a folder, a mounted CMS folder, or rsync to the server;
#   4. writes what happened to a log file, a dated block per run;
#   5. notifies (企业微信/钉钉 group robot, or any URL taking JSON) when a deadline is missed, a
#      row is invalid, next year's holiday calendar is missing (gongshi build --notify), or
#      when this script cannot build or publish.
#
# Settings, from the environment (or edit the defaults below):
#   GONGSHI_SITE     the site folder                          (default: the current folder)
#   GONGSHI_TO       where to publish: a folder, or rsync:DEST / user@host:/path   (required)
#   GONGSHI_NOTIFY   notification URLs, separated by spaces     (default: none)
#   GONGSHI          the gongshi program                        (default: gongshi on the PATH)
#   GONGSHI_LOG      the log file                 (default: <site>/logs/gongshi-daily.log)
#   GONGSHI_BACKUPS  the folder of ledger copies  (default: <site>/backups)
#   GONGSHI_LANG     the language of gongshi's report in the log: zh-CN or en  (default: zh-CN)
#
# crontab -e, every morning at 7:30 China time (the machine's clock in Asia/Shanghai):
#   30 7 * * *  GONGSHI_SITE=/srv/gongshi/site GONGSHI_TO=/mnt/cms/zhuanti/gongshi /srv/gongshi/gongshi-daily.sh
#
# Exit status: 0 published and nothing missed; 1 published, with problems to act on (see the
# log and the notification); 2 not published (the build or the deploy failed, or the ledger
# was found shorter than its last copy).
set -uo pipefail

site=${GONGSHI_SITE:-.}
to=${GONGSHI_TO:-}
gongshi=${GONGSHI:-gongshi}
log=${GONGSHI_LOG:-$site/logs/gongshi-daily.log}
backups=${GONGSHI_BACKUPS:-$site/backups}
lang=${GONGSHI_LANG:-zh-CN}
read -r -a notify_urls <<<"${GONGSHI_NOTIFY:-}"

ledger=$site/data/published.csv
today=$(TZ=Asia/Shanghai date +%F)
mkdir -p "$(dirname "$log")" "$backups"

say() { printf '%s %s\n' "$(TZ=Asia/Shanghai date '+%F %T')" "$*" >>"$log"; }

# A JSON string of the text: quotes, backslashes and line ends escaped.
json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}

# Tells every URL in GONGSHI_NOTIFY, for what gongshi itself cannot (it did not run through).
notify() {
  local text="gongshi 每日发布（$today）：$1" body url
  for url in "${notify_urls[@]}"; do
    case $url in
      robot:*) url=${url#robot:}; body="{\"msgtype\":\"text\",\"text\":{\"content\":$(json_string "$text")}}" ;;
      json:*) url=${url#json:}; body="{\"title\":\"gongshi 每日发布失败\",\"text\":$(json_string "$text"),\"failed\":true}" ;;
      *qyapi.weixin.qq.com* | *oapi.dingtalk.com*) body="{\"msgtype\":\"text\",\"text\":{\"content\":$(json_string "$text")}}" ;;
      *) body="{\"title\":\"gongshi 每日发布失败\",\"text\":$(json_string "$text"),\"failed\":true}" ;;
    esac
    if ! curl -fsS -m 10 -H 'Content-Type: application/json' -d "$body" "$url" >/dev/null 2>>"$log"; then
      say "warning: could not notify ${url%%\?*}"
    fi
  done
}

fail() {
  say "FAILED: $1"
  notify "$1"
  exit 2
}

say "== run: site $site, publishing to ${to:-?}"
[ -n "$to" ] || fail "没有设置发布位置 GONGSHI_TO（一个文件夹，或 rsync:目标）：未发布。"
command -v "$gongshi" >/dev/null 2>&1 || fail "找不到 gongshi 程序（$gongshi）：请安装，或设置 GONGSHI 为其路径。未发布。"

# 1. The ledger: a dated copy, and never a step back.
if [ -f "$ledger" ]; then
  # The longest copy: the ledger is never shorter than any earlier state of itself.
  longest=0
  for earlier in "$backups"/published-*.csv; do
    [ -e "$earlier" ] || continue
    size=$(wc -c <"$earlier")
    if [ "$size" -gt "$longest" ]; then longest=$size; longest_copy=$earlier; fi
  done
  if [ "$(wc -c <"$ledger")" -lt "$longest" ]; then
    fail "公示台账 data/published.csv 比备份 $longest_copy 短：台账只会增加，很可能被旧文件覆盖。请核对并用该备份恢复后再运行。未发布。"
  fi
  copy=$backups/published-$today.csv
  if [ -e "$copy" ] && ! cmp -s "$ledger" "$copy"; then
    # Never written over: a second run the same day keeps both.
    copy=$backups/published-$today-$(date +%H%M%S).csv
  fi
  if [ ! -e "$copy" ]; then
    cp -p "$ledger" "$copy" || fail "无法备份公示台账到 $copy。未发布。"
    say "ledger copied to $copy"
  fi
fi

# 2. Build. Exit 1 means built, with problems: what is certain is still published.
notify_args=()
for url in "${notify_urls[@]}"; do notify_args+=(--notify "$url"); done
"$gongshi" build --site "$site" --color never --lang "$lang" "${notify_args[@]}" >>"$log" 2>&1
built=$?
say "gongshi build: exit $built"
[ "$built" -le 1 ] || exit 2 # gongshi build has told GONGSHI_NOTIFY why.

# 3. Publish.
"$gongshi" deploy --site "$site" --to "$to" --color never --lang "$lang" >>"$log" 2>&1
deployed=$?
say "gongshi deploy: exit $deployed"
[ "$deployed" -eq 0 ] || fail "网站已生成，但发布到 $to 失败（gongshi deploy 退出码 $deployed），公众还看不到今天的结果。详见日志 $log，修复后重新运行。"

say "done: published$([ "$built" -eq 1 ] && echo ', with problems to act on (see the report above)')"
exit "$built"
