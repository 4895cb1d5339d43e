# The command line's own words. Its help texts are the doc comments in src/cli.rs; their
# translations are in the other languages' cli.ftl.

cli-unknown-language = unknown language "{ $tag }": use zh-CN (Chinese) or en (English)
cli-help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    {"{"}usage-heading{"}"} {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-help-command = Print this message or the help of the given subcommand(s)
cli-values = {" "}[possible values: { $values }]
cli-default = {" "}[default: { $default }]
