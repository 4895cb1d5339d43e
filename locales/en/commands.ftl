# What the commands say: init, deploy, verify, serve, calendar, ledger, withdraw.
init-not-empty = { $dir } is not empty: gongshi init only creates a new site, it never overwrites one; give a new folder's name
init-created = created { $dir }:
init-next =
    next:
    {"  "}gongshi serve --site { $site }    preview it
    {"  "}gongshi ledger --site { $site } import history.csv    results published before gongshi: their true dates, before the first build
    {"  "}gongshi build --site { $site }    build it into { $site }/public; commit data/published.csv and data/published-records.jsonl

deploy-would-copy = would copy
deploy-would-remove = would remove
deploy-copied = copied
deploy-removed = removed
deploy-summary = { $target }: { $copy } { $copied } files ({ $indexes } of them indexes, copied last), { $remove } { $removed }, { $unchanged } unchanged
deploy-no-manifest = note: no { $manifest } there yet: the files there were compared byte for byte, and nothing was removed
deploy-dry-run = dry run: nothing was copied or removed
deploy-and-more = … and { $count } more

withdraw-done = { $ledger }: task { $id } withdrawn on { $on }. Its page will say so (at the same address) from the next build, and it leaves the lists, the open data and the search. Build and commit { $ledger } to publish the change.

ledger-imported = { $ledger }: { $count } first publication(s) imported from { $file }
ledger-imported-already = {" "}({ $count } already recorded with the same date)
ledger-import-refused = { $count } problem(s): nothing was imported; fix them and run the import again

build-notify-failed = warning: --notify { $url }: not sent: { $why }
build-written = { $out }: { $files } files, { $written } written, { $unchanged } unchanged{ $extra } ({ $seconds } s)
build-written-removed = , { $count } removed
build-written-inputs-unchanged = , inputs as last read
deploy-sftp-address = --to { $to }: say where, as in sftp://web@www.example.gov.cn/srv/www/gongshi (a port after the host: sftp://host:2222/path)
deploy-sftp-missing = sftp is not installed on this machine (apt-get install openssh-client; on Windows, the OpenSSH client feature), or set GONGSHI_SFTP to it
deploy-sftp-cannot-run = cannot run sftp: { $error }
deploy-sftp-failed = sftp failed ({ $what }, exit code { $code }):
    { $said }
deploy-sftp-reading-manifest = reading the manifest
deploy-sftp-copying = copying
deploy-rsync-address = --to { $to }: say where, as in rsync:/srv/www/gongshi or user@host:/srv/www/gongshi
deploy-no-target = --to: say where to deploy
deploy-no-built-site = { $out }: no built site there; run `gongshi build` first (or give --out)
deploy-not-built-by-gongshi = { $out }: not a folder gongshi built (no { $marker } in it); run `gongshi build` first (or give --out)
deploy-into-output = --to { $to }: is in the output folder { $out } (the next build replaces it whole); deploy to a folder of its own
deploy-bad-manifest = { $path }: not a gongshi deploy manifest (damaged?); it says which files there are gongshi's. Move it away to deploy as to a new destination (nothing is then removed there)
deploy-rsync-missing = rsync is not installed on this machine (apt-get install rsync, or deploy to a mounted folder instead)
deploy-rsync-cannot-run = cannot run rsync: { $error }
deploy-rsync-failed = rsync failed { $what } (exit code { $code }):
    { $said }
deploy-rsync-no-manifest = rsync could not read { $remote } (exit code { $code }):
    { $said }
deploy-rsync-copying-pages = copying the pages
deploy-rsync-copying-indexes = copying the indexes
deploy-rsync-removing = removing the files no longer built
deploy-rsync-writing-manifest = writing the manifest

verify-heading = verify { $url } (as of { $as_of }): { $checked } page(s) checked: { $results } result(s), { $quarters } quarter summary(ies), the home page
verify-missing = MISSING (not on the live site)
verify-stale = STALE (the live page is not this build's)
verify-page-quarter = quarter { $id } summary
verify-page-result = result { $id }
verify-page-home = home page
verify-more = ... and { $count } more (gongshi verify --format json lists every one)
verify-not-built = note: { $count } row(s) of { $ledger } have no page in this build, so they were not checked; gongshi check lists them under MISSING, with why
verify-not-live = NOT LIVE: { $missing } page(s) missing, { $stale } stale: the deploy did not finish, or the live site is another build.
    {"  "}help: run the deploy again, then gongshi verify. Do not commit { $ledger } before verify passes: it would say these results are public.
verify-no-page-answered = No page answered as a page of this site: if the deploy did run, check that { $url } is the site's address, with its path.
verify-live = LIVE: all { $checked } page(s) answer with this build's content.

calendar-check-failed = { $count } problem(s): fix them before adding the file to data/calendar/
calendar-notice-encoding = { $file }: { $message }; save the notice as UTF-8 text
calendar-notice-refused = { $count } sentence(s) could not be read with certainty: nothing was written. Check that the text is the whole notice as published (国务院办公厅关于YYYY年部分节假日安排的通知), or write data/calendar/YYYY.toml by hand (see `gongshi calendar check`)
calendar-made-wrong = { $count } problem(s) in the calendar made from { $file }: nothing was written
calendar-skipped = note: { $sentence }
calendar-made-from = { $target } (made from { $notice })
calendar-exists = { $path }: exists already; remove it first, or write elsewhere and compare
calendar-wrote = wrote { $path }: compare it with the notice, then commit it

serve-not-a-folder = serve: { $site } is not a folder; give the site folder with --site (gongshi init DIR makes one)
serve-serving = serving { $site } at http://127.0.0.1:{ $port }/ (a preview: the ledger and the real output are not touched; Ctrl-C to stop)
serve-cannot-listen = serve: cannot listen on 127.0.0.1:{ $port }: { $error }; choose another --port (0: any free one)
serve-crashed = gongshi crashed while building (a bug: please report it): { $what }
serve-built = built in { $seconds } s: { $written } file(s) written; { $verdict }
serve-build-failed = build failed: { $error }

deadline-none = error: { $input }: the rules of its period set no deadline for the quarterly summary (quarter_summary = false in gongshi.toml)
deadline-waits = error: { $input }: the deadline depends on { $year }'s holiday calendar, which is not added yet; it is not before { $not_before }.
    {"  "}help: when the State Council's notice for { $year } is out, run `gongshi calendar import NOTICE.txt -o data/calendar/{ $year }.toml`
emit-failed = writing the report: { $error }

## verify: what it refuses, and why a page is missing or stale.

verify-no-fingerprint-meta = the theme's templates do not put each page's fingerprint in the page, so gongshi verify cannot tell this build's pages from another's.
      {"  "}help: add <meta name="{ $meta }" content="{"{{"} { $variable } {"}}"}"> to the <head> of the theme's base.html (see README, 'Theme and template variables')
verify-url-given = --url { $url }: expected the site's public address, such as https://sthjj.example.gov.cn/gongshi/
verify-url-none = which site to verify? give its public address with --url (such as https://sthjj.example.gov.cn/gongshi/); [site] base_url ("{ $url }") is not one
verify-url-query = --url { $url }: give the site's address without a query (?...)
verify-no-home = the site has no home page to verify
verify-no-answer = no answer: { $message }
verify-no-fingerprint = the page carries no gongshi fingerprint (an older gongshi's build, or not gongshi's page)
verify-other-build = another build's page (fingerprint { $live }, this build's { $built })
verify-stopped = it stopped answering ({ $count } pages in a row got no answer; the last: { $message })
verify-reading = reading the page: { $error }
verify-not-found-page = answers 200 with the site's not-found page

## notify: where a message could not go.

notify-url = --notify { $url }: expected an http:// or https:// address (a 企业微信 or 钉钉 robot's webhook, or any that takes JSON)
notify-status = answered { $status }: { $answer }
notify-refused = the robot refused it: errcode { $code } { $said }
