"""The JSON API returns what the pages show, paginated, with bounds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_records import SPEAKER, STORY_ID

from storyline.models import Article, Story


def test_api_stories_lists_counts(client: TestClient, story: Story) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    (s,) = body["items"]
    assert s["story_id"] == STORY_ID
    assert s["n_articles"] == 3
    assert s["n_utterances"] == 2
    assert s["n_renderings"] == 3
    assert s["n_facts"] == 1 and s["n_facts_differ"] == 1
    assert s["n_timeline"] == 3
    assert s["n_actors"] == 2


def test_api_story_round_trips_the_record(client: TestClient, story: Story) -> None:
    got = Story.model_validate(client.get(f"/api/stories/{STORY_ID}").json())
    assert got.utterances == story.utterances
    assert got.facts == story.facts


def test_api_story_articles_paginate(client: TestClient, articles: list[Article]) -> None:
    first = client.get(f"/api/stories/{STORY_ID}/articles", params={"limit": 2}).json()
    rest = client.get(f"/api/stories/{STORY_ID}/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 3
    ids = [a["article_id"] for a in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(a.article_id for a in articles)


def test_api_articles_limit_is_bounded(client: TestClient) -> None:
    for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": 10**7}):
        r = client.get("/api/articles", params=params)
        assert r.status_code == 422, params
        assert r.json()["error"]["code"] == "SL622"


def test_api_article_has_text_and_analysis(client: TestClient, articles: list[Article]) -> None:
    a = articles[0]
    body = client.get(f"/api/articles/{a.article_id}").json()
    assert body["article"]["text"] == a.text
    for q in body["analysis"]["quotes"]:
        assert a.text[q["start"] : q["end"]] == q["text"]


def test_api_quotes_filter_by_speaker(client: TestClient) -> None:
    items = client.get("/api/quotes", params={"speaker": SPEAKER}).json()["items"]
    assert len(items) == 3
    assert {q["speaker"] for q in items} == {SPEAKER}


def test_api_actor_by_id_and_name_agree(client: TestClient) -> None:
    by_id = client.get("/api/actors/ilse-marrow").json()
    by_name = client.get(f"/api/actors/{SPEAKER}").json()
    assert by_id["name"] == by_name["name"] == SPEAKER
    assert len(by_id["quotes"]["items"]) == 3
    outlets = {sq["outlet"] for sq in by_id["quotes"]["items"]}
    assert outlets == {"The Kestrel Ledger", "Orlav Daily Post"}
    assert [u["utterance_id"] for u in by_id["utterances"]] == ["u1"]


def test_api_unknown_actor_is_404(client: TestClient) -> None:
    r = client.get("/api/actors/nobody-at-all")
    assert r.status_code == 404
    assert r.json()["error"]["type"] == "NotFound"


def test_api_search_finds_quotes_and_articles(client: TestClient, articles: list[Article]) -> None:
    hits = client.get("/api/search", params={"q": "miracles"}).json()["items"]
    assert hits, "the word is in a quote and an article"
    kinds = {h["kind"] for h in hits}
    assert "quote" in kinds
    for h in hits:
        text = next(a.text for a in articles if a.article_id == h["article_id"])
        assert "miracles" in text[h["start"] : h["end"]].lower() or h["kind"] == "quote"


def test_api_search_needs_a_query(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_api_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/export/{table}",
        "/api/ingest",
        "/api/jobs/{job_id}",
        "/api/actors/{key}",
    ):
        assert p in paths
    assert not any(not p.startswith("/api/") for p in paths), "pages stay out of the API spec"


def test_api_events_filter_and_paginate(client: TestClient, db_path: str, story: Story) -> None:
    from storyline.models import EventMention, StoryEvent
    from storyline.store.base import open_store

    aid = story.article_ids[0]

    def event(event_id: str, kind: str, when: str | None, **codes: str) -> StoryEvent:
        mention = EventMention(event_id=event_id, article_id=aid, text="x", start=0, end=1, confidence=0.5)
        return StoryEvent(event_id=event_id, event_type=kind, when=when, mentions=(mention,), **codes)

    events = (
        event("late", "PROTEST", "2031-02-01", actor="Ferry crews"),
        event("undated", "ASSAULT", None, actor="Raiders", target_country="VLM"),
        event("early", "AGREE", "2031-01-05", actor="Harbour board", target="Ferry crews"),
    )
    store = open_store(db_path)
    try:
        store.replace_stories([story.model_copy(update={"events": events})])
    finally:
        store.close()

    def ids(**params: str | int) -> list[str]:
        body = client.get("/api/events", params=params).json()
        assert all(item["story_id"] == STORY_ID for item in body["items"])
        return [item["event_id"] for item in body["items"]]

    assert ids() == ["early", "late", "undated"]
    assert ids(type="agree") == ["early"]
    assert ids(actor="ferry") == ["early", "late"]
    assert ids(country="vlm") == ["undated"]
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and [e["event_id"] for e in page["items"]] == ["late"]
    assert client.get("/api/events", params={"story": "no-such-story"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"country": "V" * 11},
        {"type": "T" * 41},
        {"actor": "a" * 501},
    ],
)
def test_api_events_rejects_out_of_bounds_parameters(
    client: TestClient, params: dict[str, str | int]
) -> None:
    assert client.get("/api/events", params=params).status_code == 422
