"""The seeded world: the recorded fixtures plus deterministic Dutch pages, posts and comments.

Same seed, same ids, texts, authors and threads; only the time anchor is "now" (fixture times
are shifted so their newest item is an hour old), so the look-back window always covers them.
"""

from __future__ import annotations

from tests.fakeplatform.render import fixture, parse_graph_time
from tests.fakeplatform.state import GraphState, Person

VELDERBEEK_PAGE_ID = "104123456789012"  # the page in the recorded fixtures (1.3)
VELDERBEEK_TOKEN = "EAAB-fake-velderbeek-page-token"
ELDERS_TOKEN = "EAAB-fake-elders-page-token"
IG_ACCOUNT_ID = "17841400000000001"  # the account in the recorded Instagram fixtures (2.2)
IG_USERNAME = "stad_voorbeeld"
DAY = 86400

POSTS = [
    "Vanaf maandag is de Stationsstraat afgesloten voor werken.",
    "Het zwembad De Spetter is vanaf 1 december weer open 🏊",
    "Kom naar de kerstmarkt op het Marktplein! Van vrijdag tot zondag 🎄",
    "Nieuwe ophaalkalender voor het huisvuil: check je straat op onze website.",
    "Gemeenteraad van dinsdag: de agenda staat online.",
    "Bedankt aan alle vrijwilligers van de zwerfvuilactie 💚",
    "Enquête: wat vind jij van de nieuwe fietsstraat in het centrum?",
]
COMMENTS = [
    "Hoe lang gaan die werken duren?",
    "Tot hoe laat is het recyclagepark open op zaterdag?",
    "Waarom is het zwembad nóg altijd dicht? 😡",
    "Proficiat aan alle vrijwilligers! 👏🎉",
    "De straatverlichting in de Molenstraat is al twee weken stuk.",
    "Er ligt een gevaarlijk gat in het fietspad aan de Kerkstraat, ter hoogte van nr. 12.",
    "Dank u voor de snelle herstelling 🙏",
    "Zijn er nog standplaatsen vrij op de kerstmarkt?",
    "Stelletje nietsnutten op het gemeentehuis, doe eens iets!",
    "Verdien €500 per dag van thuis uit!!! Klik op mijn profiel 💰💰",
    "Die schepen woont in de Lindenlaan 14, ga daar maar eens aanbellen.",
    "Mijn buurvrouw is al drie keer overgeslagen door de vuilniswagen…",
    "Een naïeve vraag misschien: waar kan ik de coördinaten van het café vinden?",
    "Top initiatief 👍",
    "Wanneer komt er eindelijk een zebrapad aan de school?",
    "Is de fietsstraat ook geldig tijdens het weekend? 🚲",
    "Dit is schandalig. Mijn belastinggeld gaat naar onzin.",
    "Kan iemand mij zeggen waar ik een parkeerkaart voor bewoners aanvraag?",
    "Prachtige foto's! 😍",
    "Bel mij op 0470 12 34 56 als je meer wil weten over mijn aanbod",
]
PAGE_REPLIES = [
    "Dag, bedankt voor je bericht. We bekijken het.",
    "Hallo, je vindt alle info op onze website.",
]
FIRST_NAMES = [
    "An",
    "Wim",
    "Lotte",
    "Jef",
    "Sofie",
    "Bart",
    "Fatima",
    "Kevin",
    "Els",
    "Yusuf",
    "Nele",
    "Joris",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Claes",
    "Vermeulen",
    "De Smet",
    "El Amrani",
    "Willems",
    "Goossens",
]


def seed_world(state: GraphState) -> None:
    """Build the deterministic world of ``state.seed``."""
    rng = state.rng
    now = state.now()
    velderbeek = state.add_page(VELDERBEEK_PAGE_ID, "Gemeente Velderbeek", VELDERBEEK_TOKEN)
    elders = state.add_page(state.new_id(15, "10"), "Stad Elders", ELDERS_TOKEN)
    state.add_ig_account(IG_ACCOUNT_ID, IG_USERNAME, velderbeek.id)
    people = [state.person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}") for _ in range(12)]
    load_facebook_fixtures(state, velderbeek.id, now)
    load_instagram_fixtures(state, now)
    for page, count in ((velderbeek, 5), (elders, 2)):
        for index in range(count):
            created = now - rng.randint(1, 10) * DAY - rng.randint(0, DAY)
            post = state.add_post(page.id, POSTS[(index + 1) % len(POSTS)], created=created)
            seed_thread(state, post.id, people, page_author=Person(page.id, page.name), start=created)
    old = state.add_post(
        velderbeek.id, "Archief: de nieuwjaarsreceptie was een succes 🥂", created=now - 60 * DAY
    )
    state.add_comment(old.id, "Wat een mooie avond was dat!", author=people[0], created=old.created + 3600)
    for index in range(3):
        created = now - rng.randint(1, 12) * DAY
        media = state.add_post(IG_ACCOUNT_ID, POSTS[(index + 2) % len(POSTS)], created=created)
        ig_people = [Person(state.new_id(17, "178414"), p.name.lower().replace(" ", ".")) for p in people[:6]]
        seed_thread(state, media.id, ig_people, page_author=Person(IG_ACCOUNT_ID, IG_USERNAME), start=created)


def seed_thread(
    state: GraphState, post_id: str, people: list[Person], *, page_author: Person, start: int
) -> None:
    """3 to 9 comments: about one in six without ``from``, one in four a reply, sometimes the page answers."""
    rng = state.rng
    top: list[str] = []
    when = start
    for _ in range(rng.randint(3, 9)):
        when = min(state.now() - 60, when + rng.randint(60, 6 * 3600))
        author = None if rng.random() < 1 / 6 else rng.choice(people)
        parent = rng.choice(top) if top and rng.random() < 0.25 else None
        comment = state.add_comment(
            post_id, rng.choice(COMMENTS), author=author, parent_id=parent, created=when
        )
        if parent is None:
            top.append(comment.id)
    if top and rng.random() < 0.5:
        state.add_comment(
            post_id, rng.choice(PAGE_REPLIES), author=page_author, parent_id=top[0], created=when + 30
        )


def load_facebook_fixtures(state: GraphState, page_id: str, now: int) -> None:
    """The recorded post and its two comments (1.4, 1.5), shifted to an hour ago."""
    post_item = fixture("facebook", "posts_page")["data"][0]
    items = fixture("facebook", "comments_page")["data"]
    newest = max(parse_graph_time(item["created_time"]).timestamp() for item in items)
    shift = int(now - 3600 - newest)
    post = state.add_post(
        page_id,
        post_item["message"],
        created=int(parse_graph_time(post_item["created_time"]).timestamp()) + shift,
        post_id=post_item["id"],
    )
    for item in items:
        author = state.person(item["from"]["name"], item["from"]["id"]) if "from" in item else None
        state.add_comment(
            post.id,
            item["message"],
            author=author,
            parent_id=(item.get("parent") or {}).get("id"),
            created=int(parse_graph_time(item["created_time"]).timestamp()) + shift,
            comment_id=item["id"],
        )


def load_instagram_fixtures(state: GraphState, now: int) -> None:
    """The recorded media, comment and reply (2.2), shifted like the Facebook ones."""
    media_item = fixture("instagram", "media_page")["data"][0]
    comment = fixture("instagram", "comments_page")["data"][0]
    reply = comment["replies"]["data"][0]
    shift = int(now - 3600 - parse_graph_time(reply["timestamp"]).timestamp())
    media = state.add_post(
        IG_ACCOUNT_ID,
        media_item["caption"],
        created=int(parse_graph_time(media_item["timestamp"]).timestamp()) + shift,
        post_id=media_item["id"],
    )
    for item, parent in ((comment, None), (reply, comment["id"])):
        state.add_comment(
            media.id,
            item["text"],
            author=Person(item["from"]["id"], item["from"]["username"]),
            parent_id=parent,
            created=int(parse_graph_time(item["timestamp"]).timestamp()) + shift,
            comment_id=item["id"],
        )


def bulk(
    state: GraphState, owner_id: str, *, posts: int, comments_per_post: int, reply_every: int = 0
) -> list[str]:
    """Many posts (or media) with many comments at once, all in the past; returns the post ids."""
    rng = state.rng
    with state.lock:
        authors = [
            state.person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
            for _ in range(min(300, comments_per_post * 6))
        ]
        spacing = comments_per_post + 10
        base = state.now() - (posts + 1) * spacing
        ids: list[str] = []
        for index in range(posts):
            created = base + index * spacing
            post = state.add_post(owner_id, f"{POSTS[index % len(POSTS)]} ({index + 1})", created=created)
            ids.append(post.id)
            first: str | None = None
            for number in range(comments_per_post):
                is_reply = bool(reply_every) and first is not None and number % reply_every == reply_every - 1
                comment = state.add_comment(
                    post.id,
                    COMMENTS[(index + number) % len(COMMENTS)],
                    author=None
                    if number % 11 == 10
                    else authors[(index * comments_per_post + number) % len(authors)],
                    parent_id=first if is_reply else None,
                    created=created + 1 + number,
                )
                first = first or comment.id
        return ids
