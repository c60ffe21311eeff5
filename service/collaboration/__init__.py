"""Direct collaboration, the rules once: who may invite whom, answering, conversations, and the
owner's openness and interests. Functions take the graph boundary and the acting user (None
when anonymous) and return typed results: a record, or a `Refusal` saying why not.
"""
