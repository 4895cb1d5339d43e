# Settings, content pages, theme, calendar files and channels.
