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
