"""The lookups of a person's own records: every query filtered by `owner_id == viewer.user_id`
here, so someone else's id is simply not found and someone else's rows are never listed."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer

Model = TypeVar("Model")


def own_or_none(db: Session, viewer: Viewer, model: type[Model], object_id: int) -> Model | None:
    viewer.require("employee")
    return db.scalar(select(model).where(model.id == object_id, model.owner_id == viewer.user_id))


def own(db: Session, viewer: Viewer, model: type[Model], object_id: int, what: str) -> Model:
    found = own_or_none(db, viewer, model, object_id)
    if found is None:
        raise NotFound(what)
    return found


def own_rows(db: Session, viewer: Viewer, model: type[Model], *order_by: Any) -> list[Model]:
    """All the viewer's rows of `model`, in the order given (e.g. newest first)."""
    viewer.require("employee")
    return list(db.scalars(select(model).where(model.owner_id == viewer.user_id).order_by(*order_by)))
