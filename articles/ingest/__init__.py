"""Bringing articles in: files, pasted text, links and feeds read into drafts, then accepted into the database.

The readers (`readers`, `decode`, `markup`, `dates`, `similar`, `fetch`, `feeds`) are plain Python with no
Django import: bytes in, drafts or refusals out. `accept` and `feedpoll` write what they read, and are the one
path shared by the upload page, the `import_articles` command and the feed poller. `views` holds the upload
and feed pages.
"""
