# 各命令的输出：init、deploy、verify、serve、calendar、ledger、withdraw。
