# What the commands say: init, deploy, verify, serve, calendar, ledger, withdraw.
