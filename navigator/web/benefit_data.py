"""What the benefit pages and the benefit API read: the shipped catalog, a course by its id, and
the viewer's own 雇用保険 profile and course plans (navigator.store.benefit_profiles)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session

from navigator.benefits.check import CoursePlan
from navigator.benefits.courses import Query
from navigator.catalog.facets import facets
from navigator.benefits.profile import BenefitProfile
from navigator.catalog import Catalog, Entry, load_catalog
from navigator.matching.settings import settings as matching_settings
from navigator.store import benefit_profiles
from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer
from navigator.web import forms


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    """catalog/ as loaded at start (the matcher reads the same folder)."""
    return load_catalog(matching_settings().catalog_dir)


def course_entry(course_id: str) -> Entry:
    catalog = shipped_catalog()
    if course_id not in catalog or catalog.get(course_id).course is None:
        raise NotFound("course")
    return catalog.get(course_id)


def personal_view(viewer: Viewer) -> bool:
    """Whether 「あなたの場合」 can be the viewer's: only employees have a 雇用保険 profile."""
    return viewer.has("employee") and not viewer.is_staff


def saved_profile(db: Session, viewer: Viewer) -> BenefitProfile:
    """The viewer's profile. A stored one that no longer validates (a rule of the form changed)
    is read as far as it does; what is stored stays until the person saves again."""
    stored = benefit_profiles.get_profile(db, viewer)
    profile, errors = forms.validate(BenefitProfile, stored)
    if profile is not None:
        return profile
    return BenefitProfile.model_validate({k: v for k, v in stored.items() if k not in errors})


def course_plans(db: Session, viewer: Viewer) -> dict[str, CoursePlan]:
    """The viewer's plan for each course they entered one for (those that still validate)."""
    plans = {}
    for entry_id, stored in benefit_profiles.get_course_plans(db, viewer).items():
        plan, _ = forms.validate(CoursePlan, stored)
        if plan is not None:
            plans[entry_id] = plan
    return plans


def course_query(params: dict[str, str]) -> tuple[Query, dict[str, str]]:
    """The filters of /courses from the query string; a value that cannot be read is left out
    and named in Japanese (the page shows the message beside the filter, the API answers 422)."""
    form, errors = forms.validate(forms.CourseFilterForm, params)
    if errors:
        form = forms.CourseFilterForm.model_validate({k: v for k, v in params.items() if k not in errors})
    f = facets()
    known = lambda value, ids: value if value in ids else ""  # noqa: E731 - an id of catalog/facets.yaml, or none
    return Query(text=form.q, scope=form.scope, benefit=form.benefit, region=form.region,
                 field=known(form.field, [a.id for a in f.fields]), way=known(form.way, [w.id for w in f.ways]),
                 time=known(form.time, [t.id for t in f.times]), max_hours=form.max_hours, max_fee=form.max_fee,
                 current_only=form.current, page=form.page or 1), errors
