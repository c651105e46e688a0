"""The demo newsroom's sample texts, kept as data: the outlet and its sections, its people and
programmes, the interviews, analyses and columns, and the headlines of the news flow.

Everything here is invented for the demo: the broadcaster, its people and the events.
"""
