# Deadlines, statuses and the ledger: what the assessment says about each item.
