"""Invented articles for the cluster tests: two look-alike dam failures and a takeover.

Each story has two independently written versions and one syndicated copy of the first.
Every name, place and number here is made up.
"""

from __future__ import annotations

import datetime as dt

from storycheck.model import Article

DAM_A = (
    "Harlow Dam fails after storm",
    "The Harlow Dam on the Menzel river gave way early on Monday after two days of rain, "
    "sending water through the lower streets of Brackwell. Engineer Tomas Ruud of the Menzel "
    "water board said a crack in the spillway had been reported in the spring. Around 300 "
    "residents spent the night in the Brackwell school gym. Governor Ilse Varga promised an "
    "inquiry and said repairs would begin once the river falls.",
)
DAM_A2 = (
    "Brackwell flooded as Harlow Dam collapses",
    "Residents of Brackwell waded through knee-deep water on Monday when the Harlow Dam broke "
    "upstream on the Menzel. Tomas Ruud, who inspects the structure for the water board, told "
    "reporters that a spillway crack was known for months. Governor Ilse Varga visited the "
    "school gym where about 300 people sheltered and ordered an inquiry into the failure.",
)
DAM_B = (
    "Levee breach swamps Quenby farms",
    "A levee on the Ostra canal near Quenby burst on Thursday, covering farmland and cutting "
    "the road to Tallowmere. Farmer Wendel Achterberg said his barns stood under a metre of "
    "water. The Ostra canal authority, led by Petra Lindqvist, blamed burrowing animals and "
    "said pumps from Tallowmere were on the way. No one was hurt, officials in Quenby said.",
)
DAM_B2 = (
    "Quenby canal levee gives way",
    "Pumps were sent from Tallowmere on Thursday after the Ostra canal levee failed beside "
    "Quenby and flooded fields. Petra Lindqvist, head of the canal authority, said animals had "
    "dug into the bank. Wendel Achterberg, whose barns were flooded, said the water rose within "
    "an hour. Quenby officials reported no injuries and closed the Tallowmere road.",
)
DEAL = (
    "Orbis agrees to buy Nalvo Systems",
    "Orbis Corp said on Tuesday it will buy the chip maker Nalvo Systems for 4 billion dollars. "
    "Chief executive Dana Pell told investors that the deal gives Orbis its own factories in "
    "Kessel. Nalvo shares jumped 20 percent in early trading while the Kessel competition office "
    "said it would review the purchase before the end of the year.",
)
DEAL2 = (
    "Nalvo shares soar on Orbis takeover",
    "Shares of Nalvo Systems rose by a fifth on Tuesday after Orbis Corp agreed to pay 4 billion "
    "dollars for the Kessel chip maker. Dana Pell, who runs Orbis, said owning factories would "
    "protect supply. The competition office in Kessel plans to examine the takeover, and "
    "analysts expect a decision within months.",
)
# story name -> (versions, first date)
STORIES: dict[str, tuple[tuple[tuple[str, str], ...], dt.date]] = {
    "harlow": ((DAM_A, DAM_A2), dt.date(2031, 3, 3)),
    "quenby": ((DAM_B, DAM_B2), dt.date(2031, 3, 6)),
    "orbis": ((DEAL, DEAL2), dt.date(2031, 3, 4)),
}


def story_articles() -> list[Article]:
    """Three articles per story: two versions and a copy of the first with a new headline."""
    articles = []
    for name, (versions, date) in STORIES.items():
        for number, (title, text) in enumerate(versions):
            articles.append(Article(id=f"{name}-{number}", text=text, title=title, published=date))
        copy_text = versions[0][1] + " Reporting by the wire desk."
        articles.append(Article(id=f"{name}-copy", text=copy_text, title=f"Wire: {versions[0][0]}"))
    return articles


def gold_stories() -> set[frozenset[str]]:
    """The expected grouping of `story_articles()`."""
    return {frozenset({f"{name}-0", f"{name}-1", f"{name}-copy"}) for name in STORIES}


def filler_article(number: int) -> Article:
    """One of many distinct small articles (a local council item each)."""
    return Article(
        id=f"council-{number}",
        title=f"Council item {number}",
        text=(
            f"The council of Ward {number} voted on item {number} on Monday. Councillor Eda "
            f"Morrow{number} said the budget of {number * 7} crowns would pay for street lamps, "
            f"benches and a new roof for the library of Ward {number}, which opened in {1900 + number}."
        ),
    )
