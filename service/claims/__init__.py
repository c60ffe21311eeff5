"""Claiming author records, the rules once: evidence and the level it earns (evidence.py),
claiming, disputes, release, vouching and admin review (actions.py), and who sees what of a
claim (records.py). Functions take the graph boundary and the acting user (None when
anonymous) and return typed results: records, or a `Refusal` saying why not.
"""
