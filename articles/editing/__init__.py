"""What editors change by hand: `actions` decides, adds and fixes claims and takes articles down (each in one
transaction, with an audit line); `merge` joins two players who are one person; `views` and `merge_views`
are their pages.
"""
