<#
.SYNOPSIS
  gongshi once a day, without CI: from a Windows scheduled task on the web team's PC or server.

.DESCRIPTION
  The same steps as gongshi-daily.sh, for Windows PowerShell 5.1 and PowerShell 7:

    1. keeps the ledger safe: a dated copy in backups\ before the build, and a stop (with a
       notification) if the ledger is shorter than the longest copy, which only an overwrite
       by an older file can cause: the ledger only ever grows;
    2. builds the site (gongshi build), which records what it publishes in the ledger;
    3. publishes it (gongshi deploy): a folder, a mapped drive or share of the web server, or
       the CMS's upload folder;
    4. writes what happened to a log file (UTF-8), a dated block per run;
    5. notifies (企业微信/钉钉 group robot, or any URL taking JSON) when a deadline is missed, a
       row is invalid, next year's holiday calendar is missing (gongshi build -notify), or
       when this script cannot build or publish.

  Each parameter defaults to the environment variable of gongshi-daily.sh (GONGSHI_SITE,
  GONGSHI_TO, GONGSHI_NOTIFY, GONGSHI, GONGSHI_LOG, GONGSHI_BACKUPS, GONGSHI_LANG).

  Exit code: 0 published and nothing missed; 1 published, with problems to act on (see the log
  and the notification); 2 not published (the build or the deploy failed, or the ledger was
  found shorter than its last copy).

.EXAMPLE
  Every morning at 7:30, as a scheduled task (run once in an administrator's PowerShell):

  schtasks /Create /SC DAILY /ST 07:30 /TN gongshi-daily /TR "powershell -NoProfile -ExecutionPolicy Bypass -File C:\gongshi\gongshi-daily.ps1 -Site C:\gongshi\site -To \\web01\zhuanti\gongshi"
#>
param(
    # The site folder.
    [string]$Site = $(if ($env:GONGSHI_SITE) { $env:GONGSHI_SITE } else { '.' }),
    # Where to publish: a folder (a mapped drive or a \\server\share path included).
    [string]$To = $env:GONGSHI_TO,
    # Notification URLs (robot webhooks, or any URL taking JSON).
    [string[]]$Notify = $(if ($env:GONGSHI_NOTIFY) { $env:GONGSHI_NOTIFY -split '\s+' | Where-Object { $_ } } else { @() }),
    # The gongshi program.
    [string]$Gongshi = $(if ($env:GONGSHI) { $env:GONGSHI } else { 'gongshi' }),
    # The log file [default: <site>\logs\gongshi-daily.log].
    [string]$Log = $env:GONGSHI_LOG,
    # The folder of ledger copies [default: <site>\backups].
    [string]$Backups = $env:GONGSHI_BACKUPS,
    # The language of the log: zh-CN or en [default: zh-CN].
    [string]$Lang = $(if ($env:GONGSHI_LANG) { $env:GONGSHI_LANG } else { 'zh-CN' })
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Continue'
# gongshi writes UTF-8; read it as such (Windows PowerShell would take the ANSI code page).
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$utf8 = New-Object System.Text.UTF8Encoding($false)

if (-not $Log) { $Log = Join-Path $Site 'logs\gongshi-daily.log' }
if (-not $Backups) { $Backups = Join-Path $Site 'backups' }
$ledger = Join-Path $Site 'data\published.csv'
# The day in China, whatever the machine's time zone.
$chinaNow = [System.TimeZoneInfo]::ConvertTimeBySystemTimeZoneId([DateTime]::UtcNow, 'China Standard Time')
$today = $chinaNow.ToString('yyyy-MM-dd')
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Log), $Backups | Out-Null

function Say([string]$text) {
    $now = [System.TimeZoneInfo]::ConvertTimeBySystemTimeZoneId([DateTime]::UtcNow, 'China Standard Time')
    [System.IO.File]::AppendAllText($Log, ('{0} {1}' -f $now.ToString('yyyy-MM-dd HH:mm:ss'), $text) + "`n", $utf8)
}

# Runs gongshi with its output appended to the log; returns its exit code.
function Invoke-Gongshi([string[]]$arguments) {
    $output = & $Gongshi @arguments 2>&1
    $code = $LASTEXITCODE
    foreach ($line in $output) { [System.IO.File]::AppendAllText($Log, "$line`n", $utf8) }
    return $code
}

# Tells every notification URL, for what gongshi itself cannot (it did not run through).
function Send-Notice([string]$text) {
    $text = "gongshi 每日发布（$today）：$text"
    foreach ($url in $Notify) {
        $target = $url
        $robot = $false
        if ($target.StartsWith('robot:')) { $target = $target.Substring(6); $robot = $true }
        elseif ($target.StartsWith('json:')) { $target = $target.Substring(5) }
        elseif ($target -match 'qyapi\.weixin\.qq\.com|oapi\.dingtalk\.com') { $robot = $true }
        if ($robot) {
            $body = @{ msgtype = 'text'; text = @{ content = $text } } | ConvertTo-Json -Compress
        } else {
            $body = @{ title = 'gongshi 每日发布失败'; text = $text; failed = $true } | ConvertTo-Json -Compress
        }
        try {
            Invoke-RestMethod -Uri $target -Method Post -TimeoutSec 10 `
                -ContentType 'application/json; charset=utf-8' `
                -Body ([System.Text.Encoding]::UTF8.GetBytes($body)) | Out-Null
        } catch {
            Say ("warning: could not notify {0}" -f ($target -split '\?')[0])
        }
    }
}

function Stop-Run([string]$text) {
    Say "FAILED: $text"
    Send-Notice $text
    exit 2
}

Say ("== run: site {0}, publishing to {1}" -f $Site, $(if ($To) { $To } else { '?' }))
if (-not $To) { Stop-Run "没有设置发布位置 GONGSHI_TO（一个文件夹，或 rsync:目标）：未发布。" }
if (-not (Get-Command $Gongshi -ErrorAction SilentlyContinue)) {
    Stop-Run "找不到 gongshi 程序（$Gongshi）：请安装，或设置 GONGSHI 为其路径。未发布。"
}

# 1. The ledger: a dated copy, and never a step back.
if (Test-Path -LiteralPath $ledger -PathType Leaf) {
    $longest = Get-ChildItem -LiteralPath $Backups -Filter 'published-*.csv' -File |
        Sort-Object Length -Descending | Select-Object -First 1
    if ($longest -and (Get-Item -LiteralPath $ledger).Length -lt $longest.Length) {
        Stop-Run ("公示台账 data/published.csv 比备份 {0} 短：台账只会增加，很可能被旧文件覆盖。请核对并用该备份恢复后再运行。未发布。" -f $longest.FullName)
    }
    $copy = Join-Path $Backups "published-$today.csv"
    if ((Test-Path -LiteralPath $copy) -and
        (Get-FileHash -LiteralPath $copy).Hash -ne (Get-FileHash -LiteralPath $ledger).Hash) {
        # Never written over: a second run the same day keeps both.
        $copy = Join-Path $Backups ("published-$today-{0}.csv" -f $chinaNow.ToString('HHmmss'))
    }
    if (-not (Test-Path -LiteralPath $copy)) {
        try { Copy-Item -LiteralPath $ledger -Destination $copy -ErrorAction Stop }
        catch { Stop-Run "无法备份公示台账到 $copy。未发布。" }
        Say "ledger copied to $copy"
    }
}

# 2. Build. Exit 1 means built, with problems: what is certain is still published.
$notifyArgs = @()
foreach ($url in $Notify) { $notifyArgs += @('--notify', $url) }
$built = Invoke-Gongshi (@('build', '--site', $Site, '--color', 'never', '--lang', $Lang) + $notifyArgs)
Say "gongshi build: exit $built"
if ($built -gt 1) { exit 2 } # gongshi build has told the notification URLs why.

# 3. Publish.
$deployed = Invoke-Gongshi @('deploy', '--site', $Site, '--to', $To, '--color', 'never', '--lang', $Lang)
Say "gongshi deploy: exit $deployed"
if ($deployed -ne 0) {
    Stop-Run "网站已生成，但发布到 $To 失败（gongshi deploy 退出码 $deployed），公众还看不到今天的结果。详见日志 $Log，修复后重新运行。"
}

Say ("done: published{0}" -f $(if ($built -eq 1) { ', with problems to act on (see the report above)' } else { '' }))
exit $built
