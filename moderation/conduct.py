"""How a category is judged under the code of conduct: pure, from the published articles."""

from __future__ import annotations

from collections.abc import Mapping

# Used only when an organisation has no published code yet: the seed's part 1.
SEED_KINDS: dict[str, str] = {
    "hate_speech": "criminal",
    "threat": "criminal",
    "doxing": "criminal",
    "insult": "unwanted",
    "party_political": "unwanted",
    "spam": "unwanted",
    "commercial": "unwanted",
    "misinformation": "unwanted",
    "off_topic": "unintended",
}


def conduct_of(category: str, article_kinds: Mapping[str, str]) -> str:
    """criminal, unwanted, unintended or allowed for a category."""
    kinds = article_kinds or SEED_KINDS
    return kinds.get(category, "allowed")
