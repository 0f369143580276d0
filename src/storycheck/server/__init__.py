"""The web app and HTTP API (`storycheck serve`) and the feed watcher (`storycheck watch`).

Owns request parsing, the address guard, pages and JSON responses; handlers call the store
and the library and return data. May import `store`, `pipeline`, `verify`, `stages` and
below; never `cli` or `batch`.
"""
