from __future__ import annotations

from link_builders import article

from storyline.link import cluster_articles
from storyline.link.stories import ClusterParams
from storyline.link.terms import article_years
from storyline.models import Story

QUAKE = (
    "A strong earthquake shook the Varnel valley in {year}, toppling houses in Osk and Tarrin. "
    "Rescue teams from Dunmere searched the rubble through the night. "
    "The tremor of magnitude six was felt across the Varnel coast, officials in Osk added."
)
VARIANTS = (
    "Hundreds slept outside after the quake.",
    "Schools stayed shut while engineers checked the walls.",
    "Aftershocks rattled the valley for days.",
)


def _reports(year: int) -> list:
    return [
        article(
            QUAKE.format(year=year) + " " + extra, title=f"Quake in Varnel valley, {year}", outlet=f"Desk {i}"
        )
        for i, extra in enumerate(VARIANTS)
    ]


def test_stories_years_split_similar_events() -> None:
    early, late = _reports(2031), _reports(2037)
    arts = early + late
    merged = cluster_articles(arts, params=ClusterParams(year_penalty=0.0))
    assert len(merged) == 1  # the wording alone does not tell the two quakes apart
    # near-identical wording: only a strong penalty outweighs it (ECB+ train chose a mild one)
    stories = {frozenset(m) for _, m in cluster_articles(arts, params=ClusterParams(year_penalty=0.8))}
    assert stories == {frozenset(a.article_id for a in early), frozenset(a.article_id for a in late)}


def test_stories_years_come_from_text_and_date() -> None:
    a = article(
        "Talks resumed in 2029 after the 1998 accord; 3,2031 tonnes and 20295 ships.", published="2030-02-01"
    )
    assert article_years(a) == frozenset({2029, 1998, 2030})


def test_stories_years_keep_new_batch_out_of_an_older_event() -> None:
    early, late = _reports(2031), _reports(2037)
    strong = ClusterParams(year_penalty=0.8)
    first = cluster_articles(early, params=strong)
    existing = [Story(story_id=sid, title="t", article_ids=tuple(m)) for sid, m in first]
    after = dict(cluster_articles(early + late, existing=existing, params=strong))
    (old_id,) = (s.story_id for s in existing)
    assert set(after[old_id]) == {a.article_id for a in early}
    assert any(set(m) == {a.article_id for a in late} for sid, m in after.items() if sid != old_id)
