"""Schema models for every YAML file in data/ and local/<id>/.

One model per kind of entry. Unknown fields are errors (a typo must not
silently become "missing"), ids are stable kebab-case, and text is stripped.
Cross-file references (a theme citing a source) are checked by the loader
after every file has parsed, because they need more than one file.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# Only web, mail and phone links; no spaces, quotes, brackets or angle brackets (so no script URLs
# and nothing that can break out of a Markdown link).
Url = Annotated[str, StringConstraints(pattern=r"^(https://|http://|mailto:|tel:)[^\s<>\"'()\[\]{}|\\^`]+$",
                                       max_length=500)]
PagePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9/_-]+\.md$", max_length=200)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- Sources, glossary, audiences -------------------------------------------------

SourceKind = Literal["national-review", "national-briefing", "nspcc-briefing", "local-review", "local-workshop"]
SourceGroup = Literal["national", "nspcc", "local"]


class Source(Model):
    id: Id
    short_title: ShortText
    title: Text
    publisher: Text
    date: ShortText
    kind: SourceKind
    group: SourceGroup
    licence: Text
    url: Url | None = None
    seed_file: ShortText | None = None
    locator_style: Text
    summary: Text
    area: ShortText | None = None


class GlossaryEntry(Model):
    id: Id
    term: ShortText
    expansion: ShortText | None = None
    definition: Text


class Audience(Model):
    id: Id
    name: ShortText
    plural: ShortText


class Citation(Model):
    source: Id
    locator: ShortText


# --- Themes -----------------------------------------------------------------------

class Finding(Citation):
    finding: Text


class Question(Model):
    id: Id
    for_: Literal["practitioner", "supervisor"] = Field(alias="for")
    text: Text
    previous_ids: list[Id] = []  # old anchors kept on the page, so printed links still land here


class Theme(Model):
    id: Id
    title: ShortText
    summary: Text
    audiences: list[Id] = Field(min_length=1)
    in_brief: list[Text] = Field(min_length=3, max_length=5)
    why_it_matters: Text
    actions: list[Text] = Field(min_length=1)
    found_in: list[Finding] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    previous_ids: list[Id] = []

    @property
    def page(self) -> str:
        return f"themes/{self.id}.md"


# --- Statistics -------------------------------------------------------------------

Unit = Literal["count", "percent", "ratio", "gbp", "years", "months", "weeks"]


class Figure(Citation):
    id: Id
    value: float
    unit: Unit
    display: ShortText | None = None
    label: Text
    chart_label: ShortText | None = None  # shorter label for a chart bar; the table keeps `label`
    period: ShortText | None = None
    group: Id

    @property
    def text(self) -> str:
        """The figure as a reader sees it: the source's own form where given."""
        if self.display:
            return self.display
        number = f"{self.value:,.1f}" if self.value % 1 else f"{int(self.value):,}"
        return {"percent": f"{number}%", "gbp": f"£{number}"}.get(self.unit, number)


class Chart(Model):
    id: Id
    title: ShortText
    kind: Literal["bar"] = "bar"
    figures: list[Id] = Field(min_length=2)
    summary: Text


class Statistics(Model):
    figures: list[Figure]
    charts: list[Chart] = []


# --- Cases ------------------------------------------------------------------------

class Case(Model):
    id: Id
    title: ShortText
    pseudonym: ShortText | None = None
    area: ShortText
    year: int | None = Field(default=None, ge=1990, le=2100)
    year_note: ShortText | None = None
    baby_age: ShortText
    age_months: float | None = Field(default=None, ge=0, le=24)  # only where the source gives months
    age_weeks: float | None = Field(default=None, ge=0, le=104)  # only where the source gives weeks
    injuries: list[ShortText] = []
    services: list[ShortText] = []
    themes: list[Id] = []  # national case studies need at least one (checked by the loader)
    source: Id
    locators: list[ShortText] = Field(min_length=1)
    summary: Text
    page: PagePath | None = None
    url: Url | None = None
    replaces: bool = False  # local copies only: this entry replaces the national case with the same id

    @property
    def age_order(self) -> float:
        """For sorting the case list only (never shown): weeks, with unknown ages last."""
        if self.age_weeks is not None:
            return self.age_weeks
        if self.age_months is not None:
            return self.age_months * 52 / 12
        return 999


# --- Programmes -------------------------------------------------------------------

class Programme(Model):
    id: Id
    name: ShortText
    what: Text
    who_for: Text
    where: Text
    evidence: Text
    themes: list[Id] = []
    citations: list[Citation] = Field(min_length=1)
    page: PagePath | None = None


# --- Checklists, challenge questions, the four tiers -------------------------------

class ChecklistItem(Citation):
    id: Id
    prompt: Text
    theme: Id
    previous_ids: list[Id] = []  # old anchors kept on the page


class Checklist(Model):
    id: Id
    title: ShortText
    audiences: list[Id] = Field(min_length=1)
    when: Text
    items: list[ChecklistItem] = Field(min_length=1)


class ChallengeItem(Model):
    id: Id
    text: Text
    locator: ShortText
    themes: list[Id] = []


class ChallengeGroup(Model):
    id: Id
    title: ShortText
    items: list[ChallengeItem] = Field(min_length=1)


class ChallengeSet(Model):
    id: Id
    title: ShortText
    kind: Literal["challenge-questions", "recommendations"]
    source: Id
    groups: list[ChallengeGroup] = Field(min_length=1)


class Tier(Model):
    id: Id
    level: int = Field(ge=1, le=10)
    title: ShortText
    description: Text


class FatherTiers(Citation):
    title: ShortText
    tiers: list[Tier] = Field(min_length=2)


# --- Site settings and local partnerships ------------------------------------------

ProtocolKind = Literal["bruising", "pre-birth", "safer-sleep", "was-not-brought", "escalation"]


class Contact(Model):
    label: ShortText
    phone: ShortText | None = None
    url: Url | None = None
    hours: ShortText | None = None


class ProtocolLink(Model):
    title: ShortText
    url: Url | None = None
    note: Text | None = None


class Safety(Model):
    """What every page says about immediate danger and reporting a concern."""
    immediate_danger: Text
    report_concern: Text
    contacts: list[Contact] = []


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on this colour."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


class Branding(Model):
    logo: ShortText | None = None  # a path inside the local copy's docs/ folder, e.g. assets/logo.svg
    primary_colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None

    @model_validator(mode="after")
    def _readable(self) -> "Branding":
        if self.primary_colour and contrast_with_white(self.primary_colour) < 4.5:
            ratio = contrast_with_white(self.primary_colour)
            raise ValueError(f"white text on {self.primary_colour} has a contrast of {ratio:.1f}:1; "
                             "choose a darker colour (at least 4.5:1 is needed for WCAG AA)")
        return self


# The site name is printed by the theme's own templates, which do not escape it.
PlainName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120,
                                             pattern=r"^[^<>&\"{}]+$")]


class Partnership(Model):
    """The settings a site is published under: national defaults or a local partnership."""
    id: Id
    name: PlainName
    area: ShortText
    description: Text
    safety: Safety
    protocols: dict[ProtocolKind, ProtocolLink] = {}
    training: Text | None = None
    branding: Branding = Branding()

    def placeholders(self) -> list[tuple[str, str]]:
        """(field, value) for fields still holding 'PLACEHOLDER' text: a publishing build refuses them."""
        found: list[tuple[str, str]] = []

        def walk(value, path: str) -> None:
            if isinstance(value, str) and "PLACEHOLDER" in value.upper():
                found.append((path, value))
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, f"{path}.{k}" if path else str(k))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, f"{path}[{i}]")
        walk(self.model_dump(mode="json"), "")
        return found


# --- Page front matter ------------------------------------------------------------

class PageMeta(Model):
    """Governance fields every content page declares in its front matter."""
    model_config = ConfigDict(extra="allow", frozen=True)
    title: ShortText
    description: Text
    owner: ShortText
    last_reviewed: dt.date
    review_due: dt.date

    @model_validator(mode="after")
    def _due_after_review(self) -> "PageMeta":
        if self.review_due <= self.last_reviewed:
            raise ValueError("review_due must be later than last_reviewed")
        return self
