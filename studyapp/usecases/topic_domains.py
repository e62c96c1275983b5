"""Which exam domains a topic counts toward, and why (shown from Browse with `m`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.usecases import mapping_cache

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

HOW_TO_SET = (
    "To set them yourself, put a comment right under the heading in your notes, e.g. "
    "<!-- domains: saa-c03:2, dva-c02:1.3 --> (exam code, then a domain or a task statement); "
    "sub-topics inherit it."
)


def why_topic(collection: Collection, topic_id: int) -> list[str]:
    """Lines for the learner: the topic's domains per exam, the reasons, how to override."""
    from studyapp.reports.mapping import explain, map_topics

    guides, catalogue = mapping_cache.guides_and_catalogue()
    mapping_cache.load_into(catalogue, collection.path)
    mappings = map_topics(
        collection.topic_texts(), catalogue, guides
    )  # parents: inherited comments
    mapping_cache.save_from(catalogue, collection.path)
    found = mappings.get(topic_id)
    if found is None:
        return ["This topic is no longer in your notes."]
    lines = []
    for code, guide in sorted(guides.items()):
        names = [
            f"domain {n}. {d.name}"
            for n in found.domains(code)
            if (d := guide.domain(n)) is not None
        ]
        lines.append(f"{code.upper()}: {'; '.join(names) if names else 'no domain'}")
    return [*lines, "", "Why:", *(f"  {line}" for line in explain(found)), "", HOW_TO_SET]
