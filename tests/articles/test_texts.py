"""The article's text as passages: kinds, plain text, who a block names, speaker labels."""

from __future__ import annotations

from masthead.articles.texts import passages, speaker_label


def test_passages_in_order_with_their_kinds_and_speakers():
    body = [
        {"type": "heading", "value": " Crossing ", "id": "h"},
        {"type": "question", "value": {"question": "Will it open?", "speaker": 7}, "id": "q"},
        {"type": "paragraph", "value": "<p><b>Anna Two:</b> It will &amp; soon.</p>", "id": "a"},
        {"type": "paragraph", "value": "<p>Next <i>spring</i>.</p>", "id": "b"},
        {"type": "pull_quote", "value": {"quote": "Soon", "person": 9}, "id": "pq"},
        {"type": "pull_quote", "value": {"quote": "Maybe", "proposed": True}, "id": "no"},
        {"type": "question", "value": {"question": "And you?", "speaker": None}, "id": "q2"},
        {"type": "paragraph", "value": "<p>Never.</p>", "id": "c"},
        {"type": "image", "value": {"caption": "The river"}, "id": "i"},
    ]
    found = [(p.block_id, p.kind, p.text, p.person_id, p.label) for p in passages(body)]
    assert found == [
        ("h", "heading", "Crossing", None, ""),
        ("q", "question", "Will it open?", 7, ""),
        ("a", "paragraph", "It will & soon.", None, "Anna Two"),
        ("b", "paragraph", "Next spring.", None, "Anna Two"),  # the same answer
        ("pq", "quote", "Soon", 9, ""),
        ("q2", "question", "And you?", None, ""),
        ("c", "paragraph", "Never.", None, ""),  # a new answer, its speaker not named
        ("i", "caption", "The river", None, ""),
    ]


def test_a_speaker_label_is_a_name_in_bold_with_a_colon():
    assert speaker_label("<p><strong>Ivan Third</strong>: yes</p>") == "Ivan Third"
    assert speaker_label("<p><b>Ivan Third:</b> yes</p>") == "Ivan Third"
    assert speaker_label("<p><b>Important</b> news: a bold start is no label</p>") == ""
    assert speaker_label("<p>No label: here</p>") == ""
