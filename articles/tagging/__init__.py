"""Tagging articles in the worker: `pipeline` takes a batch under one lease and reads each article with the
tagger outside any transaction; `storage` writes the batch's entities, mentions, claims and rumours in one.
"""
