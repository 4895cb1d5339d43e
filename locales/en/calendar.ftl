# The holiday calendar: data/calendar files, State Council notices (gongshi calendar add), dates.
