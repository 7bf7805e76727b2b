"""The program catalog: schema, loading catalog/, and HR's imports."""

from .errors import CatalogError
from .loader import Catalog, load_catalog
from .schema import BARRIERS, Entry

__all__ = ["BARRIERS", "Catalog", "CatalogError", "Entry", "load_catalog"]
