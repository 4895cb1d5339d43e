#!/usr/bin/env python3
"""Parses PowerShell scripts with tree-sitter-powershell and fails on a syntax error, naming the
line: PowerShell itself cannot be installed where gongshi's CI runs (it comes from GitHub and
NuGet), so a script is at least checked to parse.

    python3 tools/check-powershell.py examples/daily/gongshi-daily.ps1
"""
import sys

import tree_sitter_powershell
from tree_sitter import Language, Parser

parser = Parser(Language(tree_sitter_powershell.language()))


def errors(node, found):
    if node.type == "ERROR" or node.is_missing:
        found.append(node)
    for child in node.children:
        errors(child, found)
    return found


# The parser must see a broken script as broken, or a pass means nothing.
assert parser.parse(b"if ($a) { exit 2 ").root_node.has_error, "the parser accepts anything"

failed = False
for path in sys.argv[1:]:
    source = open(path, "rb").read()
    tree = parser.parse(source)
    found = errors(tree.root_node, [])
    for node in found[:10]:
        line, column = node.start_point
        text = source[node.start_byte:node.end_byte][:60].decode("utf-8", "replace")
        kind = "missing " + node.type if node.is_missing else "cannot parse"
        print(f"{path}:{line + 1}:{column + 1}: {kind}: {text!r}")
    if tree.root_node.has_error:
        failed = True
    else:
        print(f"{path}: parses as PowerShell")
sys.exit(1 if failed else 0)
