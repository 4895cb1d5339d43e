# Problems with the exports: rows, columns, files (src/ingest/).
