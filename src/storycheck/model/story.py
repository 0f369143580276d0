"""Across the articles of a story: resolved entities and roles, aligned claim groups."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .kinds import EntityLabel


@dataclass(frozen=True)
class MentionRef:
    """One mention in one article: (article id, index into that article's mentions)."""

    article: str
    index: int


@dataclass(frozen=True)
class Entity:
    """A real-world thing several mentions refer to, after resolution."""

    id: str
    name: str  # canonical (longest, most frequent full) name
    label: EntityLabel
    aliases: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    country: str | None = None  # for places: the country it lies in, when known


@dataclass(frozen=True)
class RoleHolding:
    """`entity` is said to hold `role` (key "japan|prime minister") in one article."""

    role_key: str
    entity: str  # Entity.id
    article: str
    role: int  # index into that article's roles


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    by_mention: dict[MentionRef, str]  # mention -> Entity.id
    holdings: tuple[RoleHolding, ...]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (a dict lookup).

        Raises:
            KeyError: no entity has this id.
        """
        return self._by_id[entity_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}


@dataclass(frozen=True)
class ClaimRef:
    article: str
    index: int  # into that article's claims


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from different articles about the same thing."""

    id: str
    members: tuple[ClaimRef, ...]
    similarity: float  # mean pairwise cosine of the members' embeddings

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({member.article for member in self.members}))
