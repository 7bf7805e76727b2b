"""The one lookup of a person's own record by id: someone else's id is simply not found."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer

Model = TypeVar("Model")


def own(db: Session, viewer: Viewer, model: type[Model], object_id: int, what: str) -> Model:
    viewer.require("employee")
    found = db.scalar(select(model).where(model.id == object_id, model.owner_id == viewer.user_id))
    if found is None:
        raise NotFound(what)
    return found
