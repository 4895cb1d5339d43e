# Errors that stop a command (exit code 2), as main prints them.

error-line = error: { $error }
error-in-file = { $file }: { $message }
problem-field = { $field }: { $message }
error-missing-calendar-year = no working-day calendar for { $year }: a deadline here needs { $year }.
      {"  "}help: add data/calendar/{ $year }.toml to the site once the State Council's holiday notice for { $year } is out (see README, 'Calendar')
error-not-today = --as-of { $as_of } is not today ({ $today } in China): data/published.csv records the day each result really went public, so only a build for today may write it.
      {"  "}help: add --no-ledger to preview { $as_of } without recording anything; to record publications from before gongshi, use `gongshi ledger import FILE`
error-this-folder = this folder (.)
error-not-a-site = { $site } is not a gongshi site: { $details }
      {"  "}A site folder holds the platform's exports (CSV or Excel) in data/tasks/, and may hold gongshi.toml, data/published.csv, content/ and themes/.
      {"  "}help: put the exports in data/tasks/, point --site at your site folder, or start a new site with `gongshi init DIR`
error-deploy = deploy to { $target }: { $message }
      {"  "}The files copied before this stay; run gongshi deploy again once it is fixed: it copies what is still missing
error-locked = another gongshi build of this site is running (it holds { $path })
error-unreachable = cannot reach { $url }: { $message }
      {"  "}Nothing was verified, and nothing shows that the site is live.
      {"  "}help: check the address (--url) and this machine's network, then run gongshi verify again

version = { $version } (commit { $commit }; holiday calendars built in: { $years })
diagnostic-error = error
diagnostic-titled = { $error }: { $title }
diagnostic-empty = { $field } (empty)

# Credit codes (统一社会信用代码, GB 32100).
credit-code-length = "{ $code }" has { $length } characters; a credit code has 18
credit-code-character = "{ $code }": character { $position } ('{ $character }') is not allowed; a credit code uses 0-9 and A-Y without I, O, S, V and Z

# Usage errors, said by clap in English; these are their Chinese counterparts' English.
usage-unknown-argument = unexpected argument '{ $arg }' found
usage-unknown-subcommand = unrecognized subcommand '{ $command }'
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-valid-values = {" "}(possible values: { $values })
usage-missing-argument = the following required arguments were not provided: { $arg }
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-tip = {"  "}tip: a similar one exists: '{ $similar }'
usage-line = Usage: { $usage }
usage-more = For more information, try '--help'.
