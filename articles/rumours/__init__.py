"""How claims add up to rumours and how they are shown: `refresh` decides which rumour a claim belongs to and
recomputes its stage and figures; `timeline` shapes claims for display (timelines, the weekly chart,
highlighted text, independent sources) in plain Python.
"""
