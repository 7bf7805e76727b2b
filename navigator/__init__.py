"""学びナビ: turns the wish to learn into action, and helps SMEs pay for it."""

from pathlib import Path

__version__ = "0.1.0"

# The knowledge the code reads lives beside the package: rules/, catalog/, forms/, templates/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
