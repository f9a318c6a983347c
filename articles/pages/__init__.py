"""The dashboard's reading pages: `views` (home, articles, players, rumours, clubs, outlets), the GET
`filters` and `search` they share, and the streamed CSV `exports` of what a list shows.
"""
